package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A loaded word-vector model: its vocabulary and its matrix, held once by the PyTorch engine as
 * the weight of an embedding lookup. The tensor wraps the loader's direct buffer without a copy
 * and is never written after construction, so one instance serves all threads.
 *
 * <p>Every query runs in a sub-manager of its own that is closed before the method returns:
 * DJL attaches a result to the manager of its first operand, so an operation with the matrix
 * first would otherwise leak native memory into the model's long-lived manager.
 */
public final class WordVectors implements AutoCloseable {

    private final Vocabulary vocabulary;
    private final int dimension;
    private final NDManager manager;
    private final NDArray matrix;
    /** The tensor's memory: kept reachable for as long as the tensor lives. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final ByteBuffer storage;

    /**
     * Wraps a matrix of {@code vocabulary.size() x dimension} float32 values.
     *
     * @param matrix a direct buffer in native byte order; it must not be changed afterwards
     */
    public WordVectors(Vocabulary vocabulary, int dimension, ByteBuffer matrix) {
        long expectedBytes = (long) vocabulary.size() * dimension * Float.BYTES;
        if (!matrix.isDirect() || matrix.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("the matrix must be a direct buffer in native byte order");
        }
        if (matrix.capacity() != expectedBytes) {
            throw new IllegalArgumentException("matrix holds " + matrix.capacity() + " bytes, but "
                    + vocabulary.size() + " words x " + dimension + " dimensions need " + expectedBytes);
        }
        this.vocabulary = vocabulary;
        this.dimension = dimension;
        this.storage = matrix;
        this.manager = PyTorchEngine.get().newBaseManager();
        this.matrix = manager.create(matrix, new Shape(vocabulary.size(), dimension), DataType.FLOAT32);
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int dimension() {
        return dimension;
    }

    /** Bytes of the matrix held by the engine. */
    public long matrixBytes() {
        return (long) vocabulary.size() * dimension * Float.BYTES;
    }

    /** The vector stored for {@code row}, exactly as read from the file. */
    public float[] vector(int row) {
        checkRow(row);
        try (NDManager request = manager.newSubManager()) {
            return matrix.get(request, row).toFloatArray();
        }
    }

    /** The vectors of {@code rows}, in that order, gathered in one embedding lookup. */
    public float[][] vectors(int[] rows) {
        float[][] result = new float[rows.length][];
        if (rows.length == 0) {
            return result;
        }
        try (NDManager request = manager.newSubManager()) {
            float[] flat = lookup(request, rows).toFloatArray();
            for (int i = 0; i < rows.length; i++) {
                result[i] = new float[dimension];
                System.arraycopy(flat, i * dimension, result[i], 0, dimension);
            }
        }
        return result;
    }

    /**
     * Cosine similarity of two rows, as gensim's {@code KeyedVectors.similarity}: the dot product
     * of the two unit vectors, in float32. A zero vector has similarity 0 with everything.
     */
    public float similarity(int row1, int row2) {
        try (NDManager request = manager.newSubManager()) {
            NDArray pair = lookup(request, new int[] {row1, row2});
            // A zero row stays zero when divided by the smallest normal float instead of by 0.
            NDArray norms = pair.norm(new int[] {1}, true).maximum(Float.MIN_NORMAL);
            NDArray unit = pair.div(norms);
            return unit.get(0).dot(unit.get(1)).getFloat();
        }
    }

    /** The element-wise mean of the vectors of {@code rows} (repeats count as often as they appear). */
    public float[] mean(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("the mean of no vectors is undefined");
        }
        try (NDManager request = manager.newSubManager()) {
            return lookup(request, rows).mean(new int[] {0}).toFloatArray();
        }
    }

    /** Rows gathered with DJL's embedding operator; the result belongs to {@code request}. */
    private NDArray lookup(NDManager request, int[] rows) {
        long[] indices = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i]);
            indices[i] = rows[i];
        }
        NDArray index = request.create(indices);
        return Embedding.embedding(index, matrix, SparseFormat.DENSE).singletonOrThrow();
    }

    private void checkRow(int row) {
        if (row < 0 || row >= vocabulary.size()) {
            throw new IndexOutOfBoundsException("row " + row + " outside 0.." + (vocabulary.size() - 1));
        }
    }

    /** Native arrays attached to the model's own manager: constant after loading unless something leaks. */
    public int managedArrays() {
        return manager.getManagedArrays().size();
    }

    /** Releases the tensor. */
    @Override
    public void close() {
        manager.close();
    }
}
