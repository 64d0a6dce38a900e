package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows in half precision, converted from float32 (rounding as PyTorch does) into buffers of
 * their own. Queries are multiplied with the rows widened to float32 ({@link WidenedProducts}), so
 * a score is the float32 cosine with the row as stored.
 */
final class Float16Rows implements RowStorage {

    private record Block(ShortBuffer half, NDArray matrix, NDArray inverseNorms) {
    }

    private final int dimension;
    private final int rowsPerBlock;
    private final long rows;
    private final List<Block> blocks = new ArrayList<>();
    private final WidenedProducts widened;

    Float16Rows(RowBlocks matrix, NDManager manager) {
        this.dimension = matrix.dimension();
        this.rowsPerBlock = matrix.rowsPerBlock();
        this.rows = matrix.rows();
        this.widened = new WidenedProducts(dimension);
        for (int b = 0; b < matrix.blockCount(); b++) {
            blocks.add(block(matrix.blocks().get(b), matrix.rowsIn(b), manager));
        }
    }

    /** One block in half precision, with the inverse norms of its rounded rows (in float32). */
    private Block block(ByteBuffer floats, int rows, NDManager manager) {
        FloatBuffer source = floats.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
        ByteBuffer bytes = ByteBuffer.allocateDirect(rows * dimension * 2).order(ByteOrder.nativeOrder());
        ShortBuffer half = bytes.asShortBuffer();
        float[] inverseNorms = new float[rows];
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int d = 0; d < dimension; d++) {
                short h = Half.fromFloat(source.get(r * dimension + d));
                half.put(r * dimension + d, h);
                float rounded = Half.toFloat(h);
                norm += (double) rounded * rounded;
            }
            inverseNorms[r] = (float) (1 / Math.max(Math.sqrt(norm), Float.MIN_NORMAL));
        }
        NDArray matrix = manager.create(bytes, new Shape(rows, dimension), DataType.FLOAT16);
        return new Block(half, matrix, manager.create(inverseNorms));
    }

    @Override
    public void read(int row, float[] target, int offset) {
        ShortBuffer half = blocks.get(row / rowsPerBlock).half();
        int start = (row % rowsPerBlock) * dimension;
        for (int d = 0; d < dimension; d++) {
            target[offset + d] = Half.toFloat(half.get(start + d));
        }
    }

    @Override
    public float touch(int row) {
        ShortBuffer half = blocks.get(row / rowsPerBlock).half();
        int start = (row % rowsPerBlock) * dimension;
        float sum = 0;
        for (int at = start; at < start + dimension; at += 32) {
            sum += half.get(at);
        }
        return sum;
    }

    @Override
    public long bytes() {
        return rows * dimension * 2;
    }

    @Override
    public NDArray cosines(NDArray unitQueries, int b, int from, int to) {
        Block block = blocks.get(b);
        return widened.cosines(unitQueries, block.matrix(), block.inverseNorms(), from, to);
    }
}
