package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * How one {@link Dtype} holds a model's rows: as Java buffers, for reading a row without a trip
 * through the engine, and as engine tensors (one per block of rows), for scoring queries. The
 * tensors live on the model's long-lived manager and are never written after construction, so
 * one instance serves all threads. Callers never branch on the dtype; each dtype is one class.
 */
interface RowStorage {

    /** Copies {@code row} into {@code target} at {@code offset}, widened to float32 (thread-safe). */
    void read(int row, float[] target, int offset);

    /**
     * Reads one value from each cache line of {@code row} and returns their sum, for a caller to
     * keep: reading several rows this way before scoring them has their memory fetched in
     * parallel instead of one miss after another (thread-safe).
     */
    float touch(int row);

    /** Bytes the engine holds for the rows. */
    long bytes();

    /**
     * The cosine of each unit query with rows {@code from..to} of block {@code block}: a
     * queries x rows float32 array attached to the queries' manager (a request's), never to the
     * model's.
     */
    NDArray cosines(NDArray unitQueries, int block, int from, int to);

    /** Rows gathered into a new rows x dimension float32 array of {@code request}. */
    default NDArray gather(NDManager request, int[] rows, int dimension) {
        float[] gathered = new float[rows.length * dimension];
        for (int i = 0; i < rows.length; i++) {
            read(rows[i], gathered, i * dimension);
        }
        return request.create(gathered, new Shape(rows.length, dimension));
    }
}
