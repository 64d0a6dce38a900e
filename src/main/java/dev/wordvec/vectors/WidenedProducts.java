package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Products of float32 queries with rows held in a narrower type (int8, float16), made in float32:
 * PyTorch's int8 product overflows, and its float16 product on CPUs without float16 arithmetic
 * computes each score as a dot product of its own, three to four times the CPU of float32's
 * blocked product for a batch. Rows are widened to float32 a slice at a time (exactly: every int8
 * and float16 value is a float32) and multiplied there; one batch widens the rows once for all
 * its queries.
 *
 * <p>The slices are written into buffers kept from search to search ({@link ScratchBuffers}), not
 * into fresh arrays: a fresh array past the service's mmap threshold (1 MiB) is a fresh mapping,
 * and a search spent more time in page faults than in its products. Slices of about 2 MiB are
 * still in the cache when the product reads them.
 */
final class WidenedProducts {

    /** Float32 bytes of rows widened at a time: few enough to be in the cache for the product. */
    private static final long SLICE_BYTES = 2L << 20;
    /** The largest buffer kept (rows of some 16,000 dimensions); wider ones widen into fresh arrays. */
    private static final long MOST_KEPT_BYTES = 128L << 20;

    private final int dimension;
    /** Rows widened at a time (a last part takes up to {@link TopK#MIN_PRODUCT_ROWS} - 1 more). */
    private final int sliceRows;
    private final ScratchBuffers buffers;

    WidenedProducts(int dimension) {
        this.dimension = dimension;
        this.sliceRows = (int) Math.max(TopK.MIN_PRODUCT_ROWS, SLICE_BYTES / ((long) dimension * Float.BYTES));
        long widest = (long) (sliceRows + TopK.MIN_PRODUCT_ROWS - 1) * dimension * Float.BYTES;
        // Searches run on the batch workers and the spare thread; more callers at once widen into arrays of their own.
        this.buffers = new ScratchBuffers((int) Math.min(widest, Integer.MAX_VALUE),
                widest > MOST_KEPT_BYTES ? 0 : 2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * The cosine of each unit query (one row each) with rows {@code from..to} of {@code rows}: each
     * product times its row's factor in {@code rowFactors} (1 / the row's norm, or scale / norm for
     * int8). A queries x (to - from) float32 array attached to the queries' manager.
     */
    NDArray cosines(NDArray unitQueries, NDArray rows, NDArray rowFactors, int from, int to) {
        NDArray scores = products(unitQueries, rows, from, to);
        if (from == 0 && to == rowFactors.getShape().get(0)) {
            return scores.muli(rowFactors);
        }
        try (NDArray factors = rowFactors.get(unitQueries.getManager(), new NDIndex(from + ":" + to))) {
            return scores.muli(factors);
        }
    }

    /** The product of each query with rows {@code from..to} of {@code rows}, in float32. */
    private NDArray products(NDArray queries, NDArray rows, int from, int to) {
        NDManager request = queries.getManager();
        NDList parts = new NDList();
        ByteBuffer scratch = buffers.take();
        try {
            for (int start = from, end; start < to; start = end) {
                // A few rows left over join this part: a narrow product sums in another order (TopK.MIN_PRODUCT_ROWS).
                end = to - start - sliceRows < TopK.MIN_PRODUCT_ROWS ? to : start + sliceRows;
                Shape shape = new Shape(end - start, dimension);
                try (NDArray narrow = rows.get(request, new NDIndex(start + ":" + end));
                        NDArray widened = scratch == null ? request.create(shape, DataType.FLOAT32)
                                : request.create(scratch.slice(0, (end - start) * dimension * Float.BYTES)
                                        .order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
                        NDArray transposed = widened.transpose()) {
                    widened.set(new NDIndex(":"), narrow);
                    parts.add(queries.matMul(transposed));
                }
            }
        } catch (RuntimeException | Error e) {
            parts.close();
            throw e;
        } finally {
            if (scratch != null) {
                buffers.give(scratch);
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        try (parts) {
            return NDArrays.concat(parts, 1);
        }
    }
}
