package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The best rows of a batch of searches: each slice of rows' best {@code k + own words} by the
 * engine's top-k, merged across slices in Java, then each search's own words and rows below its
 * least similarity left out. Runs inside a query scope: the scores are the request's arrays.
 *
 * <p>Rows are scored a slice at a time, so that a batch's scores stay under {@link #SCORE_BYTES}:
 * glibc serves a buffer that large or larger (the service's mmap threshold, 1 MiB) with a fresh
 * mapping, which every product then faults in page by page. Scored whole, a batch of 16 queries
 * over the built-in model's 57,687 rows (3.7 MB of scores) spent a fifth of the process's CPU in
 * page faults and in first writes; the slices' buffers come from glibc's arenas, reused and warm.
 */
final class TopK {

    /** Scores of each query (one row each) against rows {@code from..to} of block {@code block}. */
    @FunctionalInterface
    interface BlockScores {
        NDArray score(int block, int from, int to);
    }

    /** Rows per chunk in the two-stage top-k (see {@link #chunked}). */
    private static final int CHUNK = 1024;

    /**
     * The fewest rows one product scores, where the block has them: below 12 rows the engine's
     * product took another path, whose sums depended on the number of queries (measured on
     * 50- to 300-dimensional rows, one and two threads); at 1,000 to 2,048 dimensions on an Intel
     * Xeon with AMX, products over 128 rows or fewer summed otherwise than over 256 to 131,072
     * (one thread). A slice scores at least {@link #CHUNK} rows anyway, so this costs only short
     * remainders and small {@code restrictVocab}s a few more rows.
     */
    static final int MIN_PRODUCT_ROWS = 1024;

    /** The most bytes of scores one product makes: half the service's mmap threshold. */
    static final long SCORE_BYTES = 512 * 1024;

    private record Candidate(int row, float score) {
    }

    private TopK() {
    }

    /** Rows {@code from..from + rows} of block {@code block}, whose first row is {@code firstRow} of the model. */
    private record Slice(int block, int firstRow, int from, int rows) {
    }

    /**
     * The second half of the rows is scored on {@code spare} meanwhile when it is free. Each slice
     * is scored as it would be on one thread and the candidates are ranked as a whole, so the
     * answer is the same either way.
     *
     * @param blockRows rows in each block, in order (every block but the last holds {@code blockRows[0]})
     * @param limit score only the first this many rows
     * @param productRows the query rows of the product behind {@code scores} (padding and 3CosMul's
     *     one row per term included), which sizes the slices
     * @param spare a thread for half the rows, or null for none
     */
    static List<List<Neighbor>> select(List<Search> searches, int[] blockRows, int limit, BlockScores scores,
            Vocabulary vocabulary, int productRows, SpareCore spare) {
        int excluded = searches.stream().mapToInt(s -> (int) s.terms().stream().filter(Term::isWord).count()).max()
                .orElse(0);
        int take = searches.stream().mapToInt(Search::k).max().orElse(0) + excluded;
        int queries = searches.size();
        int sliceRows = sliceRows(productRows);
        // Half-width slices where two threads may share them, for halves of about equal rows.
        List<Slice> slices = slices(blockRows, limit, spare == null ? sliceRows
                : Math.max(CHUNK, sliceRows / 2 - sliceRows / 2 % CHUNK));
        int half = half(slices);
        CompletableFuture<List<List<Candidate>>> second = spare == null || half == slices.size() ? null
                : spare.tryStart(() -> score(slices.subList(half, slices.size()), queries, take, blockRows, scores));
        List<List<Candidate>> candidates;
        if (second == null) {
            candidates = score(slices, queries, take, blockRows, scores);
        } else {
            try {
                candidates = score(slices.subList(0, half), queries, take, blockRows, scores);
            } catch (RuntimeException | Error e) {
                // The spare's part computes on this query's arrays: it ends before the query's scope does.
                second.handle((ignored, failure) -> null).join();
                throw e;
            }
            List<List<Candidate>> rest = joined(second);
            for (int q = 0; q < queries; q++) {
                candidates.get(q).addAll(rest.get(q));
            }
        }
        List<List<Neighbor>> results = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            results.add(ranked(searches.get(q), candidates.get(q), vocabulary));
        }
        return results;
    }

    /** The slices of the first {@code limit} rows, {@code slice} rows at most each, block by block. */
    private static List<Slice> slices(int[] blockRows, int limit, int slice) {
        List<Slice> slices = new ArrayList<>();
        int firstRow = 0;
        for (int b = 0; b < blockRows.length; firstRow += blockRows[b++]) {
            int rows = Math.min(blockRows[b], limit - firstRow);
            if (rows <= 0) {
                break;
            }
            for (int from = 0; from < rows; from += slice) {
                slices.add(new Slice(b, firstRow, from, Math.min(slice, rows - from)));
            }
        }
        return slices;
    }

    /**
     * The index of the first slice of the second half: where the two halves' rows are nearest equal
     * (the slices' count when there is one slice).
     */
    private static int half(List<Slice> slices) {
        long all = slices.stream().mapToLong(Slice::rows).sum();
        long before = 0;
        int best = slices.size();
        long bestGap = Long.MAX_VALUE;
        for (int i = 1; i < slices.size(); i++) {
            before += slices.get(i - 1).rows();
            long gap = Math.abs(all - 2 * before);
            if (gap < bestGap) {
                best = i;
                bestGap = gap;
            }
        }
        return best;
    }

    /** Each query's candidates from {@code slices}: each slice's best {@code take} rows. */
    private static List<List<Candidate>> score(List<Slice> slices, int queries, int take, int[] blockRows,
            BlockScores scores) {
        List<List<Candidate>> candidates = new ArrayList<>(queries);
        for (int q = 0; q < queries; q++) {
            candidates.add(new ArrayList<>());
        }
        for (Slice slice : slices) {
            int n = slice.rows();
            int from = slice.from();
            int b = slice.block();
            int kept = Math.min(n, take);
            // Rows in whole chunks go through the two-stage top-k when there are enough of them.
            int whole = n >= 8 * CHUNK * kept ? n - n % CHUNK : 0;
            if (whole > 0 && !chunked(scores.score(b, from, from + whole), kept, slice.firstRow() + from, candidates)) {
                whole = 0; // equal chunk maxima at the cut: the plain top-k over the whole slice instead
            }
            if (whole < n) {
                int first = slice.firstRow() + from + whole;
                best(wideEnough(scores, b, blockRows[b], from + whole, from + n), kept,
                        (query, column) -> first + (int) column, candidates);
            }
        }
        return candidates;
    }

    /** The spare's candidates, its failure rethrown as it was. */
    private static List<List<Candidate>> joined(CompletableFuture<List<List<Candidate>>> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * The scores of rows {@code from..to} of block {@code b}, from a product over at least
     * {@link #MIN_PRODUCT_ROWS} rows where the block has them (its neighbours' scores made and
     * dropped). The engine's product sums a narrow product's terms in an order that changes with
     * the number of queries in it, so scores of a few rows (a small {@code restrictVocab}, a
     * short remainder) changed with what shared the batch.
     */
    private static NDArray wideEnough(BlockScores scores, int b, int blockRows, int from, int to) {
        int width = Math.min(MIN_PRODUCT_ROWS, blockRows);
        if (to - from >= width) {
            return scores.score(b, from, to);
        }
        int start = Math.max(0, Math.min(from, blockRows - width));
        return scores.score(b, start, start + width).get(":, " + (from - start) + ":" + (to - start));
    }

    /** Rows per slice for {@code queries} searches: whole chunks, their scores within {@link #SCORE_BYTES}. */
    static int sliceRows(int queries) {
        long rows = SCORE_BYTES / ((long) Float.BYTES * Math.max(1, queries));
        return (int) Math.max(CHUNK, rows - rows % CHUNK);
    }

    private static List<Neighbor> ranked(Search search, List<Candidate> candidates, Vocabulary vocabulary) {
        Set<Integer> own = new HashSet<>();
        search.terms().stream().filter(Term::isWord).forEach(t -> own.add(t.row()));
        // Equal scores in row order: the engine's top-k orders ties as it likes, and which slice a row
        // lands in changes with the batch.
        candidates.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score())
                : Integer.compare(a.row(), b.row()));
        List<Neighbor> neighbors = new ArrayList<>(search.k());
        for (Candidate c : candidates) {
            if (neighbors.size() == search.k()) {
                break;
            }
            if (!own.contains(c.row()) && c.score() >= search.minSimilarity()) {
                neighbors.add(new Neighbor(vocabulary.word(c.row()), c.score()));
            }
        }
        return neighbors;
    }

    /** The row of a column of a slice's scores, for one query. */
    @FunctionalInterface
    private interface RowOfColumn {
        int row(int query, long column);
    }

    /**
     * Adds each query's best {@code take} columns of {@code scores} (queries x columns) to its
     * candidates: by score, and among equal scores by row. The engine's top-k picks among equal
     * scores as it likes, and which it picks changes with the slice's width (so with the batch):
     * where the first score left out equals the last kept, the rows of that score are found and
     * the lowest taken. Those are rare (duplicated vectors, a few zero rows), so it costs one more
     * score in the top-k otherwise.
     */
    private static void best(NDArray scores, int take, RowOfColumn rows, List<List<Candidate>> candidates) {
        long columns = scores.getShape().get(1);
        int kept = (int) Math.min(take, columns);
        if (kept == 0) {
            return;
        }
        int probed = (int) Math.min(kept + 1L, columns);
        NDList best = scores.topK(probed, 1, true, true);
        float[] values = best.get(0).toFloatArray();
        long[] indices = best.get(1).toType(DataType.INT64, false).toLongArray();
        for (int q = 0; q < candidates.size(); q++) {
            int at = q * probed;
            float edge = values[at + kept - 1];
            boolean tied = probed > kept && values[at + kept] == edge;
            int above = 0;
            for (int i = at; i < at + kept; i++) {
                if (!tied || values[i] != edge) {
                    candidates.get(q).add(new Candidate(rows.row(q, indices[i]), values[i]));
                    above++;
                }
            }
            if (tied) {
                addLowestRows(scores, q, edge, kept - above, rows, candidates.get(q));
            }
        }
    }

    /** Adds the {@code count} lowest rows whose score for query {@code q} is exactly {@code edge}. */
    private static void addLowestRows(NDArray scores, int q, float edge, int count, RowOfColumn rows,
            List<Candidate> candidates) {
        long[] columns;
        try (NDArray row = scores.get(q); NDArray equal = row.eq(edge); NDArray where = equal.nonzero()) {
            columns = where.toType(DataType.INT64, false).toLongArray();
        }
        int[] tiedRows = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            tiedRows[i] = rows.row(q, columns[i]);
        }
        Arrays.sort(tiedRows);
        for (int i = 0; i < Math.min(count, tiedRows.length); i++) {
            candidates.add(new Candidate(tiedRows[i], edge));
        }
    }

    /**
     * Top-k in two stages, about twice as fast as one top-k over the whole row of scores (which
     * dominates a batched search): the best score of each chunk of {@link #CHUNK} rows, then the
     * best {@code take} chunks, then the top {@code take} among their rows only. Exact: the
     * {@code take}-th best chunk maximum is a score that {@code take} rows reach, so no row of the
     * answer lies outside the best {@code take} chunks, unless a chunk left out has that maximum too
     * and holds a lower row of it: then nothing is added and the answer is false.
     *
     * @param scores queries x rows, rows a multiple of {@link #CHUNK}
     * @return whether the candidates were added
     */
    private static boolean chunked(NDArray scores, int take, int firstRow, List<List<Candidate>> candidates) {
        long[] shape = scores.getShape().getShape();
        int queries = (int) shape[0];
        long rows = shape[1];
        int chunks = (int) (rows / CHUNK);
        NDArray chunkMaxima = scores.reshape(queries, chunks, CHUNK).max(new int[] {2});
        int probed = Math.min(take + 1, chunks);
        NDList ranked = chunkMaxima.topK(probed, 1, true, true);
        float[] maxima = ranked.get(0).toFloatArray();
        long[] ranks = ranked.get(1).toType(DataType.INT64, false).toLongArray();
        long[] bestChunks = new long[queries * take];
        for (int q = 0; q < queries; q++) {
            if (probed > take && maxima[q * probed + take] == maxima[q * probed + take - 1]) {
                return false; // a chunk left out may hold a lower row of the same score
            }
            System.arraycopy(ranks, q * probed, bestChunks, q * take, take);
        }
        long[] flat = new long[queries * take * CHUNK];
        for (int q = 0; q < queries; q++) {
            for (int c = 0; c < take; c++) {
                long start = q * rows + bestChunks[q * take + c] * CHUNK;
                int at = (q * take + c) * CHUNK;
                for (int o = 0; o < CHUNK; o++) {
                    flat[at + o] = start + o;
                }
            }
        }
        NDManager manager = scores.getManager();
        NDArray inChunks = scores.take(manager, manager.create(flat, new Shape(queries, (long) take * CHUNK)));
        best(inChunks, take, (q, column) -> firstRow
                + (int) (bestChunks[q * take + (int) (column / CHUNK)] * CHUNK + column % CHUNK), candidates);
        return true;
    }
}
