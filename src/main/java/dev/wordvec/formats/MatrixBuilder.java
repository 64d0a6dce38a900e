package dev.wordvec.formats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects parsed rows in heap chunks (the row count of a GloVe file is unknown until its end),
 * then copies them once into the direct, native-order buffer that the PyTorch tensor wraps.
 */
final class MatrixBuilder {

    /** One direct buffer (and so one tensor) holds at most this many bytes. */
    static final long MAX_MATRIX_BYTES = Integer.MAX_VALUE - 8;

    private static final int CHUNK_FLOATS = 1 << 22;

    private final int dimension;
    private final int rowsPerChunk;
    private final List<float[]> chunks = new ArrayList<>();
    private int rows;

    MatrixBuilder(int dimension) {
        this.dimension = dimension;
        this.rowsPerChunk = Math.max(1, CHUNK_FLOATS / dimension);
    }

    int dimension() {
        return dimension;
    }

    int rows() {
        return rows;
    }

    /** True when one more row would not fit in a single buffer. */
    boolean full() {
        return (rows + 1L) * dimension * Float.BYTES > MAX_MATRIX_BYTES;
    }

    /** The array that the next row is written into, at {@link #nextOffset()}. */
    float[] nextChunk() {
        int chunk = rows / rowsPerChunk;
        if (chunk == chunks.size()) {
            chunks.add(new float[rowsPerChunk * dimension]);
        }
        return chunks.get(chunk);
    }

    int nextOffset() {
        return (rows % rowsPerChunk) * dimension;
    }

    /** Keeps the row just written. */
    void commit() {
        rows++;
    }

    /** Copies the rows into one direct buffer in native byte order (the order PyTorch reads). */
    ByteBuffer build() {
        ByteBuffer bytes = ByteBuffer.allocateDirect(rows * dimension * Float.BYTES).order(ByteOrder.nativeOrder());
        FloatBuffer floats = bytes.asFloatBuffer();
        int remaining = rows * dimension;
        for (float[] chunk : chunks) {
            int n = Math.min(remaining, chunk.length);
            floats.put(chunk, 0, n);
            remaining -= n;
        }
        chunks.clear();
        return bytes;
    }
}
