package dev.wordvec.index;

import dev.wordvec.vectors.VectorMath;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The rows as int8 codes, for walking the graph: each unit row divided by a scale of its own (its
 * largest absolute value / 127) and rounded. A search's walk scores a few thousand rows at random
 * places, and what it pays for is mostly getting each row from memory: its codes are a quarter of
 * a float32 row's bytes. The walk's scores only steer it; the candidates it ends with are scored
 * again from the rows themselves, so the answers keep their exact cosines (and recall measured the
 * same: docs/benchmarks.md).
 */
final class RowCodes {

    private final ByteBuffer codes;
    private final float[] scales;
    private final int dimension;

    private RowCodes(ByteBuffer codes, float[] scales, int dimension) {
        this.codes = codes;
        this.scales = scales;
        this.dimension = dimension;
    }

    /** The codes of every row of {@code rows}, on the heap. */
    static RowCodes of(UnitRows rows) {
        int dimension = rows.dimension();
        ByteBuffer codes = ByteBuffer.allocate(Math.multiplyExact(rows.size(), dimension));
        float[] scales = new float[rows.size()];
        float[] row = new float[dimension];
        FloatBuffer unit = FloatBuffer.wrap(row);
        for (int r = 0; r < rows.size(); r++) {
            rows.readUnit(r, row);
            scales[r] = VectorMath.quantizeInt8(unit, 0, dimension, codes, r * dimension);
        }
        return new RowCodes(codes, scales, dimension);
    }

    /** Codes kept in an index file ({@code rows x dimension} bytes) with their scales. */
    static RowCodes kept(ByteBuffer codes, float[] scales, int dimension) {
        if ((long) scales.length * dimension != codes.remaining()) {
            throw new IllegalArgumentException(codes.remaining() + " bytes of codes for " + scales.length + " rows of "
                    + dimension);
        }
        return new RowCodes(codes.slice().order(ByteOrder.LITTLE_ENDIAN), scales, dimension);
    }

    /** Bytes the codes and scales of {@code rows} rows of {@code dimension} take. */
    static long bytes(long rows, int dimension) {
        return rows * dimension + 4 * rows;
    }

    /** {@code unit} as codes into {@code target}, by the int8 rule; returns the scale (0 for a zero vector). */
    static float quantise(float[] unit, byte[] target) {
        return VectorMath.quantizeInt8(FloatBuffer.wrap(unit), 0, unit.length, ByteBuffer.wrap(target), 0);
    }

    /**
     * The approximate cosine of a query's codes (and its scale) with row {@code row}'s;
     * {@code scratch} (of the dimension) is overwritten: a bulk copy out of the buffer and a loop
     * over two arrays cost a fifth less than a loop reading the buffer.
     */
    float cosine(byte[] query, float queryScale, int row, byte[] scratch) {
        codes.get(row * dimension, scratch);
        int sum = 0;
        for (int d = 0; d < dimension; d++) {
            sum += query[d] * scratch[d];
        }
        return sum * queryScale * scales[row];
    }

    /** One code from each cache line of row {@code row}, summed (see {@link PackedGraph.RowTouch}). */
    float touch(int row) {
        int start = row * dimension;
        int sum = 0;
        for (int at = start; at < start + dimension; at += 64) {
            sum += codes.get(at);
        }
        return sum;
    }

    int size() {
        return scales.length;
    }

    int dimension() {
        return dimension;
    }

    /** The codes, rows after rows, for writing to the index file. */
    ByteBuffer codes() {
        return codes.duplicate().clear();
    }

    float[] scales() {
        return scales;
    }

    long bytes() {
        return bytes(scales.length, dimension);
    }
}
