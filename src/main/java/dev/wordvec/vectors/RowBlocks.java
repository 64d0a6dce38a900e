package dev.wordvec.vectors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A float32 matrix held as consecutive blocks of rows, each a direct (or memory-mapped)
 * native-order buffer. One DJL tensor wraps at most 2 GiB, so a model such as GoogleNews
 * (3 M x 300 = 3.6 GB) needs several; smaller models have one block.
 *
 * @param dimension values per row
 * @param rowsPerBlock rows in every block but the last, which may hold fewer
 * @param blocks the buffers; never written once the matrix is built
 */
public record RowBlocks(int dimension, int rowsPerBlock, List<ByteBuffer> blocks) {

    /** The most bytes one block (one tensor) may hold; 1 GiB leaves headroom below the 2 GiB limit. */
    public static final long DEFAULT_BLOCK_BYTES = 1L << 30;

    public RowBlocks {
        blocks = List.copyOf(blocks);
        for (int b = 0; b < blocks.size(); b++) {
            ByteBuffer block = blocks.get(b);
            if (!block.isDirect() || block.order() != ByteOrder.nativeOrder()) {
                throw new IllegalArgumentException("block " + b + " is not a direct buffer in native byte order");
            }
            long rowBytes = (long) dimension * Float.BYTES;
            if (block.capacity() % rowBytes != 0 || (b < blocks.size() - 1 && block.capacity() != rowsPerBlock * rowBytes)
                    || block.capacity() > rowsPerBlock * rowBytes) {
                throw new IllegalArgumentException("block " + b + " holds " + block.capacity() + " bytes, not whole rows of "
                        + rowBytes + " bytes (" + rowsPerBlock + " rows per block)");
            }
        }
    }

    /** A few rows (a handful of words, say) copied into one block of direct memory. */
    public static RowBlocks of(float[][] rows, int dimension) {
        ByteBuffer block = ByteBuffer.allocateDirect(rows.length * dimension * Float.BYTES).order(ByteOrder.nativeOrder());
        for (float[] row : rows) {
            for (float value : row) {
                block.putFloat(value);
            }
        }
        return new RowBlocks(dimension, Math.max(1, rows.length), List.of(block.clear()));
    }

    /** The first {@code rows} rows of a row-major array, copied into blocks of direct memory. */
    public static RowBlocks of(float[] values, int rows, int dimension) {
        int rowsPerBlock = rowsPerBlock(dimension, DEFAULT_BLOCK_BYTES);
        List<ByteBuffer> blocks = new java.util.ArrayList<>();
        for (int first = 0; first < rows; first += rowsPerBlock) {
            int count = Math.min(rowsPerBlock, rows - first);
            ByteBuffer block = ByteBuffer.allocateDirect(count * dimension * Float.BYTES).order(ByteOrder.nativeOrder());
            block.asFloatBuffer().put(values, first * dimension, count * dimension);
            blocks.add(block);
        }
        return new RowBlocks(dimension, rowsPerBlock, blocks);
    }

    /** Rows per block for a row of {@code dimension} values and blocks of at most {@code blockBytes}. */
    public static int rowsPerBlock(int dimension, long blockBytes) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, blockBytes / ((long) dimension * Float.BYTES)));
    }

    public long rows() {
        long rows = 0;
        for (ByteBuffer block : blocks) {
            rows += block.capacity() / ((long) dimension * Float.BYTES);
        }
        return rows;
    }

    public int blockCount() {
        return blocks.size();
    }

    /** Rows in block {@code b}. */
    public int rowsIn(int b) {
        return (int) (blocks.get(b).capacity() / ((long) dimension * Float.BYTES));
    }

    /** Every row as an array: for the few rows of a small result. */
    public float[][] toArrays() {
        float[][] out = new float[(int) rows()][dimension];
        for (int i = 0; i < out.length; i++) {
            read(i, out[i], 0);
        }
        return out;
    }

    /** Bytes of all blocks. */
    public long bytes() {
        return rows() * dimension * Float.BYTES;
    }

    /** A copy of these rows in fresh direct memory: owned by this process, whatever happens to a mapped file. */
    public RowBlocks copy() {
        List<ByteBuffer> copies = new java.util.ArrayList<>(blocks.size());
        for (ByteBuffer block : blocks) {
            ByteBuffer copy = ByteBuffer.allocateDirect(block.capacity()).order(ByteOrder.nativeOrder());
            copy.put(block.duplicate().clear());
            copies.add(copy.clear());
        }
        return new RowBlocks(dimension, rowsPerBlock, copies);
    }

    /** The first {@code rows} rows, sharing these buffers (no copy). */
    public RowBlocks first(long rows) {
        List<ByteBuffer> kept = new java.util.ArrayList<>();
        long left = rows;
        for (int b = 0; b < blocks.size() && left > 0; b++) {
            int take = (int) Math.min(left, rowsIn(b));
            ByteBuffer block = blocks.get(b);
            kept.add(take == rowsIn(b) ? block
                    : block.slice(0, take * dimension * Float.BYTES).order(ByteOrder.nativeOrder()));
            left -= take;
        }
        return new RowBlocks(dimension, rowsPerBlock, kept);
    }

    /** One value from each 64-byte cache line of row {@code row}, summed (see {@code RowStorage.touch}). */
    public float touch(long row) {
        ByteBuffer block = blocks.get((int) (row / rowsPerBlock));
        int start = (int) (row % rowsPerBlock) * dimension * Float.BYTES;
        int end = start + dimension * Float.BYTES;
        float sum = 0;
        for (int at = start; at < end; at += 64) {
            sum += block.getFloat(at);
        }
        return sum;
    }

    /**
     * Copies row {@code row} into {@code target} at {@code offset}, straight from the buffer:
     * no tensor and no JNI call (thread-safe: absolute reads only).
     */
    public void read(long row, float[] target, int offset) {
        ByteBuffer block = blocks.get((int) (row / rowsPerBlock));
        int start = (int) (row % rowsPerBlock) * dimension * Float.BYTES;
        block.slice(start, dimension * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer()
                .get(target, offset, dimension);
    }
}
