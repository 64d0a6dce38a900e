package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded word-vector model: its vocabulary and its matrix, held by the PyTorch engine as one
 * tensor per block of rows (one block unless the model is over 1 GiB). Each tensor wraps a
 * direct or memory-mapped buffer without a copy and is never written after construction, so one
 * instance serves all threads. Searches score every block and merge the blocks' top k.
 *
 * <p>Every query runs in a sub-manager of its own that is closed before the method returns:
 * DJL attaches a result to the manager of its first operand, so an operation with the matrix
 * first would otherwise leak native memory into the model's long-lived manager.
 */
public final class WordVectors implements AutoCloseable {

    /** One block of rows as the engine holds it. */
    private record Block(int firstRow, int rows, NDArray matrix, NDArray transposed, NDArray inverseNorms) {
    }

    private final Vocabulary vocabulary;
    private final int dimension;
    /** The float32 buffers the tensors wrap; null for a float16 model, whose rows are in {@link #halfRows}. */
    private final RowBlocks storage;
    private final List<ShortBuffer> halfRows = new ArrayList<>();
    /** An int8 model's rows, and each row's scale, per block. */
    private final List<ByteBuffer> int8Rows = new ArrayList<>();
    private final List<float[]> int8Scales = new ArrayList<>();
    private final int rowsPerBlock;
    private final Dtype dtype;
    private final NDManager manager;
    private final List<Block> blocks = new ArrayList<>();

    /** Wraps the matrix of {@code vocabulary.size()} rows; its buffers must not change afterwards. */
    public WordVectors(Vocabulary vocabulary, RowBlocks matrix) {
        this(vocabulary, matrix, Dtype.FLOAT32);
    }

    /**
     * Holds the matrix as {@code dtype}: float32 wraps {@code matrix} without a copy; float16
     * converts it into half-size buffers of its own (rounding as PyTorch does) and keeps no
     * reference to {@code matrix}, so the float32 copy can be freed.
     */
    public WordVectors(Vocabulary vocabulary, RowBlocks matrix, Dtype dtype) {
        if (matrix.rows() != vocabulary.size()) {
            throw new IllegalArgumentException("the matrix has " + matrix.rows() + " rows for " + vocabulary.size()
                    + " words");
        }
        this.vocabulary = vocabulary;
        this.dimension = matrix.dimension();
        this.dtype = dtype;
        this.rowsPerBlock = matrix.rowsPerBlock();
        this.storage = dtype == Dtype.FLOAT32 ? matrix : null;
        this.manager = PyTorchEngine.get().newBaseManager();
        int firstRow = 0;
        for (int b = 0; b < matrix.blockCount(); b++) {
            int rows = matrix.rowsIn(b);
            if (dtype != Dtype.FLOAT32) {
                ByteBuffer floats = matrix.blocks().get(b);
                blocks.add(dtype == Dtype.FLOAT16 ? halfBlock(firstRow, rows, floats) : int8Block(firstRow, rows, floats));
                firstRow += rows;
                continue;
            }
            NDArray block = manager.create(matrix.blocks().get(b), new Shape(rows, dimension), DataType.FLOAT32);
            // 1 / the L2 norm of each row (a zero row gets 1 / the smallest normal float, so it scores 0).
            NDArray inverseNorms;
            try (NDArray norms = block.norm(new int[] {1}); NDArray safe = norms.maximum(Float.MIN_NORMAL)) {
                inverseNorms = safe.pow(-1);
            }
            // A transposed view (no copy), so that a request's queries can come first in a product.
            blocks.add(new Block(firstRow, rows, block, block.transpose(), inverseNorms));
            firstRow += rows;
        }
    }

    /** One block in half precision, with the inverse norms of its rounded rows (in float32). */
    private Block halfBlock(int firstRow, int rows, ByteBuffer floats) {
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
        halfRows.add(half);
        NDArray block = manager.create(bytes, new Shape(rows, dimension), DataType.FLOAT16);
        return new Block(firstRow, rows, block, block.transpose(), manager.create(inverseNorms));
    }

    /**
     * One block as int8 with a scale per row (its largest absolute value / 127, so that value
     * maps to ±127). The block's per-row factor is scale / norm of the rounded row: a product
     * with the int8 row, times the factor, is the cosine with the row as stored.
     */
    private Block int8Block(int firstRow, int rows, ByteBuffer floats) {
        FloatBuffer source = floats.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
        ByteBuffer bytes = ByteBuffer.allocateDirect(rows * dimension).order(ByteOrder.nativeOrder());
        float[] scales = new float[rows];
        float[] factors = new float[rows];
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int d = 0; d < dimension; d++) {
                max = Math.max(max, Math.abs(source.get(r * dimension + d)));
            }
            float scale = max / 127f;
            double norm = 0;
            for (int d = 0; d < dimension; d++) {
                int q = scale == 0 ? 0 : Math.round(source.get(r * dimension + d) / scale);
                q = Math.max(-127, Math.min(127, q));
                bytes.put(r * dimension + d, (byte) q);
                norm += (double) q * q;
            }
            scales[r] = scale;
            // A zero row gets factor 0, so it scores 0, as in float32.
            factors[r] = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        }
        int8Rows.add(bytes);
        int8Scales.add(scales);
        NDArray block = manager.create(bytes, new Shape(rows, dimension), DataType.INT8);
        // No transposed view: int8 rows are widened a slice at a time before any product.
        return new Block(firstRow, rows, block, null, manager.create(factors));
    }

    /** Wraps one direct, native-order buffer of {@code vocabulary.size() x dimension} float32 values. */
    public WordVectors(Vocabulary vocabulary, int dimension, ByteBuffer matrix) {
        this(vocabulary, new RowBlocks(dimension, Math.max(1, vocabulary.size()), List.of(matrix)));
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int dimension() {
        return dimension;
    }

    /** Bytes of the matrix held by the engine. */
    public long matrixBytes() {
        return switch (dtype) {
            case FLOAT32 -> (long) vocabulary.size() * dimension * Float.BYTES;
            case FLOAT16 -> (long) vocabulary.size() * dimension * 2;
            case INT8 -> (long) vocabulary.size() * (dimension + Float.BYTES);
        };
    }

    public Dtype dtype() {
        return dtype;
    }

    /** Copies row {@code row} into {@code target} at {@code offset}, from the buffers (float16 widened). */
    private void readRow(int row, float[] target, int offset) {
        if (storage != null) {
            storage.read(row, target, offset);
            return;
        }
        int start = (row % rowsPerBlock) * dimension;
        if (dtype == Dtype.INT8) {
            ByteBuffer bytes = int8Rows.get(row / rowsPerBlock);
            float scale = int8Scales.get(row / rowsPerBlock)[row % rowsPerBlock];
            for (int d = 0; d < dimension; d++) {
                target[offset + d] = bytes.get(start + d) * scale;
            }
            return;
        }
        ShortBuffer block = halfRows.get(row / rowsPerBlock);
        for (int d = 0; d < dimension; d++) {
            target[offset + d] = Half.toFloat(block.get(start + d));
        }
    }

    /** Blocks the matrix is held in. */
    public int blockCount() {
        return blocks.size();
    }

    /**
     * The vector stored for {@code row}, exactly as read from the file. Read straight from the
     * buffer the tensor wraps: one row through the engine costs ~14 µs of JNI and NDArray set-up,
     * a direct read ~0.4 µs (see docs/benchmarks.md).
     */
    public float[] vector(int row) {
        checkRow(row);
        float[] vector = new float[dimension];
        readRow(row, vector, 0);
        return vector;
    }

    /** The vectors of {@code rows}, in that order, gathered in one embedding lookup. */
    public float[][] vectors(int[] rows) {
        float[][] result = new float[rows.length][];
        if (rows.length == 0) {
            return result;
        }
        for (int i = 0; i < rows.length; i++) {
            result[i] = vector(rows[i]);
        }
        return result;
    }

    /**
     * Cosine similarity of two rows, as gensim's {@code KeyedVectors.similarity} (the dot product
     * of the two unit vectors). Computed in Java on the two rows read straight from the buffer:
     * through the engine the same answer costs ~50 µs of JNI calls and array set-up, here ~1 µs
     * (docs/benchmarks.md). A zero vector has similarity 0 with everything.
     */
    public float similarity(int row1, int row2) {
        return VectorMath.cosine(vector(row1), vector(row2));
    }

    /** The cosine of each pair {@code (rows1[i], rows2[i])}. */
    public float[] pairSimilarities(int[] rows1, int[] rows2) {
        if (rows1.length != rows2.length) {
            throw new IllegalArgumentException(rows1.length + " first rows but " + rows2.length + " second rows");
        }
        float[] out = new float[rows1.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = similarity(rows1[i], rows2[i]);
        }
        return out;
    }

    /** Cosine of two vectors of the model's dimension (0 when either is zero). */
    public float cosine(float[] a, float[] b) {
        if (a.length != dimension || b.length != dimension) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length
                    + " dimensions, the model has " + dimension);
        }
        return VectorMath.cosine(a, b);
    }

    /** The element-wise mean of the vectors of {@code rows} (repeats count as often as they appear). */
    public float[] mean(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("the mean of no vectors is undefined");
        }
        try (NDManager request = manager.newSubManager()) {
            return lookup(request, rows).mean(new int[] {0}).toFloatArray();
        }
    }

    /**
     * {@code Σ weights[i] · vector(rows[i]) / divisor}: a sentence vector, weighted. A handful of
     * rows, summed in Java straight from the buffer (in double, then rounded once), which costs
     * less than one round trip through the engine.
     */
    public float[] weightedMean(int[] rows, float[] weights, int divisor) {
        if (rows.length == 0 || rows.length != weights.length || divisor < 1) {
            throw new IllegalArgumentException("need as many weights as rows, and at least one of each");
        }
        double[] sum = new double[dimension];
        float[] row = new float[dimension];
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i]);
            readRow(rows[i], row, 0);
            for (int d = 0; d < dimension; d++) {
                sum[d] += (double) weights[i] * row[d];
            }
        }
        float[] mean = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            mean[d] = (float) (sum[d] / divisor);
        }
        return mean;
    }

    /**
     * The {@code k} rows most similar to each query, as gensim's {@code most_similar}: each query
     * is the weighted sum of its terms (word rows as unit vectors, raw vectors as given), made
     * unit length; rows are ranked by cosine with it; the query's own words are left out. All the
     * queries are scored in one matrix product.
     *
     * @param restrictRows search only the first this many rows (gensim's {@code restrict_vocab}); 0 for all
     * @param minSimilarity leave out rows less similar than this
     */
    public List<List<Neighbor>> mostSimilar(List<List<Term>> queries, int k, int restrictRows, float minSimilarity) {
        return search(queries.stream().map(q -> new Search(q, k, minSimilarity)).toList(), restrictRows);
    }

    /**
     * One nearest-word search: the terms summed into the query, how many answers, the least similarity.
     */
    public record Search(List<Term> terms, int k, float minSimilarity) {
    }

    /**
     * {@link #mostSimilar} for searches that may each want their own {@code k} and least
     * similarity (as a batch of different requests does), still in one matrix product.
     */
    public List<List<Neighbor>> search(List<Search> searches, int restrictRows) {
        List<List<Term>> queries = searches.stream().map(Search::terms).toList();
        try (NDManager request = manager.newSubManager()) {
            NDArray query = unitRows(weightedSums(request, queries));
            return topK(searches, restrictRows, (block, from, to) -> cosines(query, block, from, to));
        }
    }

    /**
     * The {@code k} rows best for an analogy by 3CosMul (Levy and Goldberg 2014), as gensim's
     * {@code most_similar_cosmul}: the product of the positive words' cosines shifted to [0, 1],
     * divided by the product of the negative ones' (+1e-6). Input words are left out.
     */
    public List<Neighbor> mostSimilarCosMul(int[] positive, int[] negative, int k, int restrictRows) {
        if (positive.length == 0) {
            throw new IllegalArgumentException("3CosMul needs at least one positive word");
        }
        try (NDManager request = manager.newSubManager()) {
            int[] all = java.util.stream.IntStream.concat(java.util.Arrays.stream(positive),
                    java.util.Arrays.stream(negative)).toArray();
            NDArray inputs = unitRows(lookup(request, all));
            List<Term> terms = java.util.Arrays.stream(all).mapToObj(r -> Term.word(r, 1)).toList();
            return topK(List.of(new Search(terms, k, Float.NEGATIVE_INFINITY)), restrictRows, (block, from, to) -> {
                NDArray shifted = cosines(inputs, block, from, to).add(1).div(2);
                NDArray score = shifted.get("0:" + positive.length).prod(new int[] {0});
                NDArray denominator = negative.length == 0 ? null
                        : shifted.get(positive.length + ":").prod(new int[] {0}).add(1e-6f);
                return (denominator == null ? score.div(1 + 1e-6f) : score.div(denominator)).expandDims(0);
            }).get(0);
        }
    }

    /** gensim's {@code n_similarity}: cosine of the means of the raw vectors of two sets of rows. */
    public float setSimilarity(int[] rows1, int[] rows2) {
        try (NDManager request = manager.newSubManager()) {
            NDArray mean1 = lookup(request, rows1).mean(new int[] {0}, true);
            NDArray mean2 = lookup(request, rows2).mean(new int[] {0}, true);
            return unitRows(mean1).matMul(unitRows(mean2).transpose()).getFloat(0, 0);
        }
    }

    /** Cosine of {@code row} with each of {@code others}, in their order. */
    public float[] similarities(int row, int[] others) {
        try (NDManager request = manager.newSubManager()) {
            NDArray one = unitRows(lookup(request, new int[] {row}));
            return unitRows(lookup(request, others)).matMul(one.transpose()).toFloatArray();
        }
    }

    /**
     * How central each row is to the group, as gensim's {@code rank_by_centrality}: the cosine of
     * its unit vector with the unit mean of the group's unit vectors. The odd one out scores lowest.
     */
    public float[] centrality(int[] rows) {
        try (NDManager request = manager.newSubManager()) {
            NDArray unit = unitRows(lookup(request, rows));
            NDArray mean = unitRows(unit.mean(new int[] {0}, true));
            return unit.matMul(mean.transpose()).toFloatArray();
        }
    }

    /** One row per query: the weighted sum of its terms (a matrix of weights times the stacked terms). */
    private NDArray weightedSums(NDManager request, List<List<Term>> queries) {
        List<Term> terms = queries.stream().flatMap(List::stream).toList();
        if (queries.isEmpty() || queries.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("every query needs at least one term");
        }
        float[] weights = new float[queries.size() * terms.size()];
        int column = 0;
        for (int q = 0; q < queries.size(); q++) {
            for (Term term : queries.get(q)) {
                weights[q * terms.size() + column++] = term.weight();
            }
        }
        NDArray stacked = termVectors(request, terms);
        return request.create(weights, new Shape(queries.size(), terms.size())).matMul(stacked);
    }

    /** Word terms as unit rows and vector terms as given, in term order. */
    private NDArray termVectors(NDManager request, List<Term> terms) {
        float[] raw = new float[terms.size() * dimension];
        int[] rows = terms.stream().filter(Term::isWord).mapToInt(Term::row).toArray();
        float[] units = rows.length == 0 ? new float[0] : unitRows(lookup(request, rows)).toFloatArray();
        int word = 0;
        for (int t = 0; t < terms.size(); t++) {
            Term term = terms.get(t);
            if (term.isWord()) {
                System.arraycopy(units, word++ * dimension, raw, t * dimension, dimension);
            } else {
                if (term.vector().length != dimension) {
                    throw new IllegalArgumentException("a query vector has " + term.vector().length
                            + " dimensions, the model " + dimension);
                }
                System.arraycopy(term.vector(), 0, raw, t * dimension, dimension);
            }
        }
        return request.create(raw, new Shape(terms.size(), dimension));
    }

    /** Cosine of each (unit) query row with each row of {@code block}: queries x block rows. */
    private static NDArray cosines(NDArray unitQueries, Block block, int from, int to) {
        if (block.matrix().getDataType() == DataType.INT8) {
            return int8Cosines(unitQueries, block, from, to);
        }
        // In place (muli): a batch's scores are queries x rows floats (100 MB for 64 queries over
        // 400k rows); a second array of that size per batch would double the working set.
        // A float16 matrix is multiplied in float16; the scores come back as float32.
        NDArray queries = block.matrix().getDataType() == DataType.FLOAT16
                ? unitQueries.toType(DataType.FLOAT16, false) : unitQueries;
        if (from == 0 && to == block.rows()) {
            return widen(queries.matMul(block.transposed())).muli(block.inverseNorms());
        }
        // Slices of the model's arrays must belong to the request (a plain get() would attach
        // them to the model's manager: a leak per query).
        NDManager request = unitQueries.getManager();
        NDArray rows = block.transposed().get(request, new NDIndex(":, " + from + ":" + to));
        NDArray inverseNorms = block.inverseNorms().get(request, new NDIndex(from + ":" + to));
        return widen(queries.matMul(rows)).muli(inverseNorms);
    }

    /** Float32 bytes of int8 rows widened at a time: small enough to stay in cache-friendly sizes. */
    private static final long WIDEN_BYTES = 16L << 20;

    /**
     * {@link #cosines} for an int8 block: slices of rows widened to float32 (and freed) one after
     * the other, each multiplied by the queries; one batch widens the matrix once for all its queries.
     */
    private static NDArray int8Cosines(NDArray unitQueries, Block block, int from, int to) {
        NDManager request = unitQueries.getManager();
        long dimension = block.matrix().getShape().get(1);
        int slice = (int) Math.max(1, WIDEN_BYTES / (dimension * Float.BYTES));
        NDList parts = new NDList();
        for (int start = from; start < to; start += slice) {
            int end = Math.min(to, start + slice);
            try (NDArray int8 = block.matrix().get(request, new NDIndex(start + ":" + end));
                    NDArray rows = int8.toType(DataType.FLOAT32, false);
                    NDArray transposed = rows.transpose()) {
                parts.add(unitQueries.matMul(transposed));
            }
        }
        NDArray scores;
        if (parts.size() == 1) {
            scores = parts.get(0);
        } else {
            scores = NDArrays.concat(parts, 1);
            parts.close();
        }
        try (NDArray factors = block.inverseNorms().get(request, new NDIndex(from + ":" + to))) {
            return scores.muli(factors);
        }
    }

    private static NDArray widen(NDArray scores) {
        return scores.getDataType() == DataType.FLOAT32 ? scores : scores.toType(DataType.FLOAT32, false);
    }

    /** Scores of each query (one row each) against rows {@code from..to} of one block. */
    @FunctionalInterface
    private interface BlockScores {
        NDArray score(Block block, int from, int to);
    }

    /** Rows per chunk in the two-stage top-k (see {@link #chunkedTopK}). */
    private static final int CHUNK = 1024;

    /**
     * The best {@code k} rows for each query, leaving out each query's own words: each block's
     * best {@code k + own words} by the engine's top-k, merged across blocks in Java.
     *
     * @param restrictRows score only the first this many rows (0: all)
     */
    private List<List<Neighbor>> topK(List<Search> searches, int restrictRows, BlockScores scores) {
        List<List<Term>> queries = searches.stream().map(Search::terms).toList();
        int excluded = queries.stream().mapToInt(q -> (int) q.stream().filter(Term::isWord).count()).max().orElse(0);
        int k = searches.stream().mapToInt(Search::k).max().orElse(0);
        int limit = restrictRows > 0 ? Math.min(restrictRows, vocabulary.size()) : vocabulary.size();
        List<List<Candidate>> candidates = new ArrayList<>();
        queries.forEach(q -> candidates.add(new ArrayList<>()));
        for (Block block : blocks) {
            int rows = Math.min(block.rows(), limit - block.firstRow());
            if (rows <= 0) {
                break;
            }
            int take = Math.min(rows, k + excluded);
            // Rows in whole chunks go through the two-stage top-k when there are enough of them.
            int chunked = rows >= 8 * CHUNK * take ? rows - rows % CHUNK : 0;
            if (chunked > 0) {
                chunkedTopK(scores.score(block, 0, chunked), take, block.firstRow(), candidates);
            }
            if (chunked < rows) {
                NDList best = scores.score(block, chunked, rows).topK(Math.min(take, rows - chunked), 1, true, true);
                addCandidates(best, block.firstRow() + chunked, candidates);
            }
        }
        List<List<Neighbor>> results = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            java.util.Set<Integer> own = new java.util.HashSet<>();
            queries.get(q).stream().filter(Term::isWord).forEach(t -> own.add(t.row()));
            List<Candidate> ranked = candidates.get(q);
            // Candidates come from several blocks and chunks; a stable sort keeps equal scores in row order.
            ranked.sort((a, b) -> Float.compare(b.score(), a.score()));
            Search search = searches.get(q);
            List<Neighbor> neighbors = new ArrayList<>(search.k());
            for (Candidate c : ranked) {
                if (neighbors.size() == search.k()) {
                    break;
                }
                if (!own.contains(c.row()) && c.score() >= search.minSimilarity()) {
                    neighbors.add(new Neighbor(vocabulary.word(c.row()), c.score()));
                }
            }
            results.add(neighbors);
        }
        return results;
    }

    private record Candidate(int row, float score) {
    }

    /** Adds each query's top-k {@code [values, indices]} (indices from {@code firstRow}) to its candidates. */
    private static void addCandidates(NDList best, int firstRow, List<List<Candidate>> candidates) {
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
    private static void chunkedTopK(NDArray scores, int take, int firstRow, List<List<Candidate>> candidates) {
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

    /** Rows scaled to unit length; a zero row stays zero (divided by the smallest normal float, not by 0). */
    private static NDArray unitRows(NDArray rows) {
        return rows.div(rows.norm(new int[] {1}, true).maximum(Float.MIN_NORMAL));
    }

    /**
     * Rows gathered into a new array of {@code request}: with DJL's embedding operator when they
     * all lie in one block (always, for a model of one block), else read from the buffers.
     */
    private NDArray lookup(NDManager request, int[] rows) {
        for (int row : rows) {
            checkRow(row);
        }
        if (blocks.size() == 1 && dtype == Dtype.FLOAT32) {
            long[] indices = java.util.Arrays.stream(rows).asLongStream().toArray();
            return Embedding.embedding(request.create(indices), blocks.get(0).matrix(), SparseFormat.DENSE)
                    .singletonOrThrow();
        }
        float[] gathered = new float[rows.length * dimension];
        for (int i = 0; i < rows.length; i++) {
            readRow(rows[i], gathered, i * dimension);
        }
        return request.create(gathered, new Shape(rows.length, dimension));
    }

    private void checkRow(int row) {
        if (row < 0 || row >= vocabulary.size()) {
            throw new IndexOutOfBoundsException("row " + row + " outside 0.." + (vocabulary.size() - 1));
        }
    }

    /** Native arrays attached to the model's own manager: constant after loading unless something leaks. */
    public int managedArrays() {
        return manager.getManagedArrays().size();
    }

    /** Releases the tensor. */
    @Override
    public void close() {
        manager.close();
    }
}
