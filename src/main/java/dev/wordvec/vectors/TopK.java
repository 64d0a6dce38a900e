package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
     * 50- to 300-dimensional rows, one and two threads); 16 leaves a margin.
     */
    static final int MIN_PRODUCT_ROWS = 16;

    /** The most bytes of scores one product makes: half the service's mmap threshold. */
    static final long SCORE_BYTES = 512 * 1024;

    private record Candidate(int row, float score) {
    }

    private TopK() {
    }

    /**
     * @param blockRows rows in each block, in order (every block but the last holds {@code blockRows[0]})
     * @param limit score only the first this many rows
     * @param productRows the query rows of the product behind {@code scores} (padding and 3CosMul's
     *     one row per term included), which sizes the slices
     */
    static List<List<Neighbor>> select(List<Search> searches, int[] blockRows, int limit, BlockScores scores,
            Vocabulary vocabulary, int productRows) {
        int excluded = searches.stream().mapToInt(s -> (int) s.terms().stream().filter(Term::isWord).count()).max()
                .orElse(0);
        int k = searches.stream().mapToInt(Search::k).max().orElse(0);
        List<List<Candidate>> candidates = new ArrayList<>();
        searches.forEach(s -> candidates.add(new ArrayList<>()));
        int slice = sliceRows(productRows);
        int firstRow = 0;
        for (int b = 0; b < blockRows.length; firstRow += blockRows[b++]) {
            int rows = Math.min(blockRows[b], limit - firstRow);
            if (rows <= 0) {
                break;
            }
            for (int from = 0; from < rows; from += slice) {
                int n = Math.min(slice, rows - from);
                int take = Math.min(n, k + excluded);
                // Rows in whole chunks go through the two-stage top-k when there are enough of them.
                int whole = n >= 8 * CHUNK * take ? n - n % CHUNK : 0;
                if (whole > 0) {
                    chunked(scores.score(b, from, from + whole), take, firstRow + from, candidates);
                }
                if (whole < n) {
                    NDList best = wideEnough(scores, b, blockRows[b], from + whole, from + n)
                            .topK(Math.min(take, n - whole), 1, true, true);
                    add(best, firstRow + from + whole, candidates);
                }
            }
        }
        List<List<Neighbor>> results = new ArrayList<>(searches.size());
        for (int q = 0; q < searches.size(); q++) {
            results.add(ranked(searches.get(q), candidates.get(q), vocabulary));
        }
        return results;
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
        // Candidates come from several blocks and chunks; a stable sort keeps equal scores in row order.
        candidates.sort((a, b) -> Float.compare(b.score(), a.score()));
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

    /** Adds each query's top-k {@code [values, indices]} (indices from {@code firstRow}) to its candidates. */
    private static void add(NDList best, int firstRow, List<List<Candidate>> candidates) {
        float[] values = best.get(0).toFloatArray();
        long[] indices = best.get(1).toType(DataType.INT64, false).toLongArray();
        int take = values.length / candidates.size();
        for (int q = 0; q < candidates.size(); q++) {
            for (int i = q * take; i < (q + 1) * take; i++) {
                candidates.get(q).add(new Candidate(firstRow + (int) indices[i], values[i]));
            }
        }
    }

    /**
     * Top-k in two stages, about twice as fast as one top-k over the whole row of scores (which
     * dominates a batched search): the best score of each chunk of {@link #CHUNK} rows, then the
     * best {@code take} chunks, then the top {@code take} among their rows only. Exact: the
     * {@code take}-th best chunk maximum is a score that {@code take} rows reach, so no row of the
     * answer lies outside the best {@code take} chunks.
     *
     * @param scores queries x rows, rows a multiple of {@link #CHUNK}
     */
    private static void chunked(NDArray scores, int take, int firstRow, List<List<Candidate>> candidates) {
        long[] shape = scores.getShape().getShape();
        int queries = (int) shape[0];
        long rows = shape[1];
        int chunks = (int) (rows / CHUNK);
        NDArray chunkMaxima = scores.reshape(queries, chunks, CHUNK).max(new int[] {2});
        long[] bestChunks = chunkMaxima.topK(take, 1, true, false).get(1).toType(DataType.INT64, false).toLongArray();
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
        NDList best = inChunks.topK(take, 1, true, true);
        float[] values = best.get(0).toFloatArray();
        long[] local = best.get(1).toType(DataType.INT64, false).toLongArray();
        for (int q = 0; q < queries; q++) {
            for (int i = q * take; i < (q + 1) * take; i++) {
                long chunk = bestChunks[q * take + (int) (local[i] / CHUNK)];
                candidates.get(q).add(new Candidate(firstRow + (int) (chunk * CHUNK + local[i] % CHUNK), values[i]));
            }
        }
    }
}
