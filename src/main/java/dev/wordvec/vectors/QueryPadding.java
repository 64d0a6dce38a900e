package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * The fewest query rows a product of queries with a model's rows must have for each query's scores
 * not to depend, to the last bit, on the other queries in it. A search batches whatever requests
 * arrive together, so without this an answer would change with its company.
 *
 * <p>The engine's matrix product (MKL's sgemm inside libtorch) picks its kernel by shape, and a
 * product with few query rows for its dimension sums each query's terms in another order than a
 * product with many. Where that boundary lies depends on the CPU and the threads: on the AVX2 and
 * AMD AVX-512 machines this was first measured on, every product of 4 or more rows summed alike;
 * on an Intel Xeon with AMX (2026-12-06, one thread), only products from 8 rows at 100 dimensions
 * and from 16 rows at 300 to 768. So it is measured for each model, in its dtype and dimension, on
 * the engine's threads, and over as many rows as its first block has (up to 256: with fewer than 16
 * rows the boundary moved too): products of 4, 8, ..., 64 and of 128 query rows, each query
 * repeated every 4 rows, and the smallest multiple of 4 from which every product gives each query
 * the scores the 128-row one gives it. Searches pad their queries to at least that many rows (and
 * to whole fours).
 */
final class QueryPadding {

    /** The widest product measured; wider ones (3CosMul with many words) are taken to sum alike. */
    private static final int WIDEST = 128;
    /** The most rows each product scores: the boundary did not move with 16 to 8,192 of them. */
    private static final int SAMPLE_ROWS = 256;

    private QueryPadding() {
    }

    /**
     * The fewest query rows, a multiple of 4, for products with {@code sampleRows} rows (a model's
     * first block, up to 256) of {@code dimension} values held as {@code dtype}. The rows scored are
     * random, not the model's: a model's first rows can be ones whose products come out exact in any
     * order (zero or one-hot rows, small integers), which would hide the boundary.
     */
    static int measure(Dtype dtype, int dimension, int sampleRows) {
        int rows = Math.min(SAMPLE_ROWS, sampleRows);
        if (rows == 0 || dimension == 0) {
            return 4;
        }
        Random random = new Random(7);
        ByteBuffer values = ByteBuffer.allocateDirect(rows * dimension * Float.BYTES).order(ByteOrder.nativeOrder());
        for (int i = 0; i < rows * dimension; i++) {
            values.putFloat((float) random.nextGaussian());
        }
        float[] queries = new float[WIDEST * dimension];
        for (int i = 0; i < 4 * dimension; i++) {
            queries[i] = (float) random.nextGaussian();
        }
        for (int i = 4 * dimension; i < queries.length; i++) {
            queries[i] = queries[i % (4 * dimension)];
        }
        try (EngineMemory sample = new EngineMemory(dtype, new RowBlocks(dimension, rows, List.of(values.flip())))) {
            return sample.query(request -> fewestRows(request, sample.storage(), queries, dimension, rows));
        }
    }

    private static int fewestRows(NDManager request, RowStorage storage, float[] queries, int dimension, int rows) {
        float[] reference = scores(request, storage, queries, WIDEST, dimension, rows);
        if (!repeatsEveryFourRows(reference, WIDEST, rows, reference)) {
            return WIDEST; // no product sums alike at every position: the widest at least is itself
        }
        int fewest = WIDEST;
        for (int count = 64; count >= 4; count -= 4) {
            if (!repeatsEveryFourRows(scores(request, storage, queries, count, dimension, rows), count, rows,
                    reference)) {
                break;
            }
            fewest = count;
        }
        return fewest;
    }

    private static float[] scores(NDManager request, RowStorage storage, float[] queries, int count, int dimension,
            int rows) {
        float[] part = new float[count * dimension];
        System.arraycopy(queries, 0, part, 0, part.length);
        NDArray product = storage.cosines(request.create(part, new Shape(count, dimension)), 0, 0, rows);
        return product.toFloatArray();
    }

    /** Whether each row {@code i} of {@code scores} equals row {@code i % 4} of {@code reference}, bit for bit. */
    private static boolean repeatsEveryFourRows(float[] scores, int count, int rows, float[] reference) {
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < rows; j++) {
                if (Float.floatToIntBits(scores[i * rows + j]) != Float.floatToIntBits(reference[(i % 4) * rows + j])) {
                    return false;
                }
            }
        }
        return true;
    }
}
