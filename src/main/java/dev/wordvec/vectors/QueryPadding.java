package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * How many query rows a product of queries with a model's rows may have for each query's scores
 * not to depend, to the last bit, on the other queries in it: at least {@link #fewest()}, at most
 * {@link #most()}, a multiple of 4. A search batches whatever requests arrive together, so without
 * this an answer would change with its company.
 *
 * <p>The engine's matrix product (MKL's sgemm inside libtorch) picks its kernel by shape, and a
 * product with few query rows for its dimension sums each query's terms in another order than a
 * product with many. Where that lies depends on the CPU and the threads: on the AVX2 and AMD
 * AVX-512 machines this was first measured on, every product of 4 or more rows summed alike; on an
 * Intel Xeon with AMX (2026-12-06), with one thread, products from 8 rows at 100 dimensions and
 * from 16 at 300 to 2,048; with two threads at 1,000 and 1,024 dimensions, products of 16 to 124
 * rows summed alike over 1,024 model rows or more, and those of 128 (1,000) or 132 (1,024) rows
 * and more otherwise (over 256 model rows, 16 to 164 agreed: so the sample is as wide as the
 * narrowest product a search makes). So it is measured for each model, in its dtype and
 * dimension, on the engine's threads: products of 4, 8, ..., 128 query rows, each query repeated
 * every 4 rows, and the longest run of widths in which every product gives each query, wherever it
 * sits, the same scores. Searches pad their queries to at least the run's narrowest width and
 * score more than its widest in products of at most that many.
 */
record QueryPadding(int fewest, int most) {

    /** The widest product measured. */
    static final int WIDEST = 128;
    /** The model rows each product scores: as many as the narrowest product a search makes. */
    private static final int SAMPLE_ROWS = TopK.MIN_PRODUCT_ROWS;

    /** Where every product of 4 or more rows sums alike, as on the machines this was first measured on. */
    static final QueryPadding ANY_FOUR = new QueryPadding(4, WIDEST);

    QueryPadding {
        if (fewest < 4 || fewest % 4 != 0 || most % 4 != 0 || most < fewest || most > WIDEST) {
            throw new IllegalArgumentException("query rows from " + fewest + " to " + most);
        }
    }

    /**
     * The range for products with {@code sampleRows} rows (a model's first block, up to 1,024) of
     * {@code dimension} values held as {@code dtype}. The rows scored are random, not the model's:
     * a model's first rows can be ones whose products come out exact in any order (zero or one-hot
     * rows, small integers), which would hide the boundary.
     */
    static QueryPadding measure(Dtype dtype, int dimension, int sampleRows) {
        int rows = Math.min(SAMPLE_ROWS, sampleRows);
        if (rows == 0 || dimension == 0) {
            return ANY_FOUR;
        }
        Random random = new Random(7);
        ByteBuffer values = ByteBuffer.allocateDirect(rows * dimension * Float.BYTES).order(ByteOrder.nativeOrder());
        for (int i = 0; i < rows * dimension; i++) {
            values.putFloat(random.nextFloat() - 0.5f);
        }
        float[] queries = new float[WIDEST * dimension];
        for (int i = 0; i < 4 * dimension; i++) {
            queries[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 4 * dimension; i < queries.length; i++) {
            queries[i] = queries[i % (4 * dimension)];
        }
        try (EngineMemory sample = new EngineMemory(dtype, new RowBlocks(dimension, rows, List.of(values.flip())))) {
            return sample.query(request -> longestRun(request, sample.storage(), queries, dimension, rows));
        }
    }

    /**
     * The longest run of consecutive widths whose products are alike (compared on the engine, value
     * for value: random rows give no zeros or NaNs to tell apart); of runs as long, the narrowest.
     * Where no product gives a query the same scores wherever it sits, every product is made as
     * wide as measured.
     */
    private static QueryPadding longestRun(NDManager request, RowStorage storage, float[] queries, int dimension,
            int rows) {
        NDArray all = request.create(queries, new Shape(WIDEST, dimension));
        int bestFrom = -1;
        int bestTo = -1;
        int runFrom = -1;
        NDArray previous = null;
        for (int width = 4; width <= WIDEST; width += 4) {
            NDArray firstFour = periodicFirstFour(storage, all, width, rows);
            boolean continues = firstFour != null && previous != null && firstFour.contentEquals(previous);
            if (previous != null) {
                previous.close();
            }
            previous = firstFour;
            runFrom = firstFour == null ? -1 : continues ? runFrom : width;
            if (runFrom > 0 && (bestFrom < 0 || width - runFrom > bestTo - bestFrom)) {
                bestFrom = runFrom;
                bestTo = width;
            }
        }
        if (previous != null) {
            previous.close();
        }
        return bestFrom < 0 ? new QueryPadding(WIDEST, WIDEST) : new QueryPadding(bestFrom, bestTo);
    }

    /**
     * The scores of the first four queries in a product of {@code width} query rows, if every later
     * row scores as the query it repeats; null if a query's scores depend on where it sits.
     */
    private static NDArray periodicFirstFour(RowStorage storage, NDArray all, int width, int rows) {
        try (NDArray part = all.get("0:" + width); NDArray scores = storage.cosines(part, 0, 0, rows)) {
            if (width > 4) {
                try (NDArray shifted = scores.get("4:"); NDArray unshifted = scores.get("0:" + (width - 4))) {
                    if (!shifted.contentEquals(unshifted)) {
                        return null;
                    }
                }
            }
            try (NDArray firstFour = scores.get("0:4")) {
                return firstFour.duplicate();
            }
        }
    }
}
