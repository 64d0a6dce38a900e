package dev.wordvec.vectors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Rows kept in Java only (no tensor), in a smaller dtype: what {@link Subwords} averages for a
 * fastText model loaded as float16 or int8. Float16 rounds as PyTorch does; int8 keeps a scale
 * per row (its largest absolute value / 127), as {@link Dtype#INT8} does for the word matrix.
 */
public final class CompactRows {

    private final Dtype dtype;
    private final int dimension;
    private final ShortBuffer half;
    private final ByteBuffer bytes;
    private final float[] scales;
    private final long rows;

    private CompactRows(Dtype dtype, int dimension, long rows, ShortBuffer half, ByteBuffer bytes, float[] scales) {
        this.dtype = dtype;
        this.dimension = dimension;
        this.rows = rows;
        this.half = half;
        this.bytes = bytes;
        this.scales = scales;
    }

    /** {@code matrix}'s rows in {@code dtype} (float16 or int8); at most 2^31 values in all. */
    public static CompactRows of(RowBlocks matrix, Dtype dtype) {
        int dimension = matrix.dimension();
        int rows = (int) matrix.rows();
        float[] row = new float[dimension];
        if (dtype == Dtype.FLOAT16) {
            ShortBuffer half = ByteBuffer.allocateDirect(rows * dimension * 2).order(ByteOrder.nativeOrder())
                    .asShortBuffer();
            for (int r = 0; r < rows; r++) {
                matrix.read(r, row, 0);
                for (int d = 0; d < dimension; d++) {
                    half.put(r * dimension + d, Half.fromFloat(row[d]));
                }
            }
            return new CompactRows(dtype, dimension, rows, half, null, null);
        }
        if (dtype != Dtype.INT8) {
            throw new IllegalArgumentException("compact rows are float16 or int8, not " + dtype);
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect(rows * dimension);
        float[] scales = new float[rows];
        FloatBuffer rowBuffer = FloatBuffer.wrap(row);
        for (int r = 0; r < rows; r++) {
            matrix.read(r, row, 0);
            scales[r] = VectorMath.quantizeInt8(rowBuffer, 0, dimension, bytes, r * dimension);
        }
        return new CompactRows(dtype, dimension, rows, null, bytes, scales);
    }

    public int dimension() {
        return dimension;
    }

    public Dtype dtype() {
        return dtype;
    }

    /** Copies {@code row} into {@code target} at {@code offset}, widened to float32 (thread-safe). */
    public void read(int row, float[] target, int offset) {
        int start = row * dimension;
        for (int d = 0; d < dimension; d++) {
            target[offset + d] = half != null ? Half.toFloat(half.get(start + d)) : bytes.get(start + d) * scales[row];
        }
    }

    /** Bytes held. */
    public long bytes() {
        return half != null ? rows * dimension * 2 : rows * (dimension + Float.BYTES);
    }
}
