package dev.wordvec.formats;

import dev.wordvec.vectors.RowBlocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects parsed rows straight into the direct, native-order blocks that the PyTorch tensors
 * wrap. When the row count is known (a header) each block is allocated once at its final size;
 * when it is not (GloVe) the open block grows by doubling and is trimmed at the end, so a small
 * model never reserves a whole block. Given a {@link StreamedCopy}, the rows go into that file
 * instead and the blocks are mapped from it.
 */
final class MatrixBuilder {

    private static final int INITIAL_ROWS = 4096;

    private final int dimension;
    /** Fixed when the count is known; for a text without one, lowered to its estimate ({@link #expectRows}). */
    private int rowsPerBlock;
    private final long expectedRows;
    private final List<ByteBuffer> full = new ArrayList<>();
    private FloatBuffer open;
    private ByteBuffer openBytes;
    private long rows;
    /** Where the rows go instead of memory; null for memory. */
    private final StreamedCopy copy;

    /**
     * @param expectedRows the row count when a header gives it, else -1
     * @param blockBytes the most bytes of one block
     */
    MatrixBuilder(int dimension, long expectedRows, long blockBytes) {
        this(dimension, expectedRows, blockBytes, null);
    }

    /** As {@link #MatrixBuilder(int, long, long)}, with the rows written to {@code copy} when not null. */
    MatrixBuilder(int dimension, long expectedRows, long blockBytes, StreamedCopy copy) {
        this.dimension = dimension;
        this.rowsPerBlock = RowBlocks.rowsPerBlock(dimension, blockBytes);
        this.expectedRows = expectedRows;
        this.copy = copy;
    }

    int dimension() {
        return dimension;
    }

    long rows() {
        return rows;
    }

    /**
     * An estimate of the row count of a file that does not give it (GloVe), from the bytes its first
     * rows took: the rows then go into a block of about their final size. Growing by doubling
     * instead allocates, zeroes and copies the whole block each time, 1.7 GB for a 480 MB matrix,
     * on the thread that keeps the parsers fed. The estimate should err low: the rows past it go
     * into a small second block, where rows short of it would leave a large block to trim by
     * copying.
     */
    void expectRows(long estimate) {
        if (copy != null || expectedRows >= 0 || !full.isEmpty() || estimate <= rows) {
            return;
        }
        rowsPerBlock = (int) Math.min(rowsPerBlock, estimate);
        resize(rowsPerBlock);
    }

    /** Appends one row: {@code dimension} values of {@code source} from {@code offset}. */
    void add(float[] source, int offset) {
        if (copy != null) {
            copy.add(source, offset, dimension);
            rows++;
            return;
        }
        if (open == null || !open.hasRemaining()) {
            openRoom();
        }
        open.put(source, offset, dimension);
        rows++;
    }

    private void openRoom() {
        int rowsInOpen = open == null ? 0 : open.position() / dimension;
        if (open != null && rowsInOpen == rowsPerBlock) {
            full.add(openBytes);
            open = null;
            rowsInOpen = 0;
        }
        int capacityRows;
        if (expectedRows >= 0) {
            capacityRows = (int) Math.max(1, Math.min(rowsPerBlock, expectedRows - rows));
        } else {
            capacityRows = (int) Math.min(rowsPerBlock, Math.max(INITIAL_ROWS, 2L * rowsInOpen));
        }
        resize(capacityRows);
    }

    /** Makes the open block hold {@code capacityRows}, keeping its rows. */
    private void resize(int capacityRows) {
        ByteBuffer bytes = allocate(capacityRows);
        FloatBuffer floats = bytes.asFloatBuffer();
        if (open != null) {
            floats.put(open.flip());
        }
        openBytes = bytes;
        open = floats;
    }

    private ByteBuffer allocate(int rowCount) {
        return ByteBuffer.allocateDirect(rowCount * dimension * Float.BYTES).order(ByteOrder.nativeOrder());
    }

    /** Row {@code row}, already added, into {@code values}; for a builder whose row count was given. */
    void get(long row, float[] values) {
        rowBuffer(row).get(values, 0, dimension);
    }

    /** Replaces row {@code row}, already added, with {@code values}; for a builder whose row count was given. */
    void set(long row, float[] values) {
        rowBuffer(row).put(values, 0, dimension);
    }

    /** A view of one row: blocks hold {@code rowsPerBlock} rows each when the count was given. */
    private FloatBuffer rowBuffer(long row) {
        if (copy != null) {
            throw new IllegalStateException("the rows were written to a file");
        }
        if (expectedRows < 0 || row < 0 || row >= rows || row >= expectedRows) {
            throw new IllegalStateException("row " + row + " of " + rows + (expectedRows < 0 ? " (no row count given)" : ""));
        }
        int block = (int) (row / rowsPerBlock);
        int at = (int) (row % rowsPerBlock) * dimension;
        FloatBuffer floats = block < full.size() ? full.get(block).asFloatBuffer() : open.duplicate();
        return floats.position(at).limit(at + dimension);
    }

    /** The rows as blocks; a partly filled last block is trimmed to its rows. */
    RowBlocks build() {
        if (copy != null) {
            return new RowBlocks(dimension, rowsPerBlock, copy.blocks(rowsPerBlock));
        }
        List<ByteBuffer> blocks = new ArrayList<>(full);
        if (open != null && open.position() > 0) {
            int used = open.position() * Float.BYTES;
            if (used == openBytes.capacity()) {
                blocks.add(openBytes);
            } else {
                ByteBuffer exact = allocate(open.position() / dimension);
                exact.put(openBytes.duplicate().limit(used).position(0)).clear();
                blocks.add(exact.order(ByteOrder.nativeOrder()));
            }
        }
        full.clear();
        open = null;
        openBytes = null;
        return new RowBlocks(dimension, rowsPerBlock, blocks);
    }
}
