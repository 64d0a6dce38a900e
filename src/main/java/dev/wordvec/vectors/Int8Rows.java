package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows as int8 with a scale per row (its largest absolute value / 127, so that value maps to
 * ±127). Each row's factor is scale / norm of the rounded row, so a product with the int8 row,
 * times the factor, is the cosine with the row as stored. PyTorch's int8 product overflows, so
 * queries are multiplied with the rows widened to float32 ({@link WidenedProducts}).
 */
final class Int8Rows implements RowStorage {

    private record Block(ByteBuffer bytes, float[] scales, NDArray matrix, NDArray factors) {
    }

    private final int dimension;
    private final int rowsPerBlock;
    private final long rows;
    private final List<Block> blocks = new ArrayList<>();
    private final WidenedProducts widened;

    Int8Rows(RowBlocks matrix, NDManager manager) {
        this.dimension = matrix.dimension();
        this.rowsPerBlock = matrix.rowsPerBlock();
        this.rows = matrix.rows();
        this.widened = new WidenedProducts(dimension);
        for (int b = 0; b < matrix.blockCount(); b++) {
            blocks.add(block(matrix.blocks().get(b), matrix.rowsIn(b), manager));
        }
    }

    private Block block(ByteBuffer floats, int rows, NDManager manager) {
        FloatBuffer source = floats.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
        ByteBuffer bytes = ByteBuffer.allocateDirect(rows * dimension).order(ByteOrder.nativeOrder());
        float[] scales = new float[rows];
        float[] factors = new float[rows];
        for (int r = 0; r < rows; r++) {
            scales[r] = VectorMath.quantizeInt8(source, r * dimension, dimension, bytes, r * dimension);
            double norm = 0;
            for (int d = 0; d < dimension; d++) {
                int q = bytes.get(r * dimension + d);
                norm += (double) q * q;
            }
            // A zero row gets factor 0, so it scores 0, as in float32.
            factors[r] = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        }
        NDArray matrix = manager.create(bytes, new Shape(rows, dimension), DataType.INT8);
        return new Block(bytes, scales, matrix, manager.create(factors));
    }

    @Override
    public void read(int row, float[] target, int offset) {
        Block block = blocks.get(row / rowsPerBlock);
        int local = row % rowsPerBlock;
        int start = local * dimension;
        float scale = block.scales()[local];
        for (int d = 0; d < dimension; d++) {
            target[offset + d] = block.bytes().get(start + d) * scale;
        }
    }

    @Override
    public float touch(int row) {
        Block block = blocks.get(row / rowsPerBlock);
        int start = (row % rowsPerBlock) * dimension;
        float sum = block.scales()[row % rowsPerBlock];
        for (int at = start; at < start + dimension; at += 64) {
            sum += block.bytes().get(at);
        }
        return sum;
    }

    @Override
    public long bytes() {
        return rows * (dimension + Float.BYTES);
    }

    @Override
    public NDArray cosines(NDArray unitQueries, int b, int from, int to) {
        Block block = blocks.get(b);
        return widened.cosines(unitQueries, block.matrix(), block.factors(), from, to);
    }
}
