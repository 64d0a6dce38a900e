package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A loaded word-vector model: its vocabulary and its rows, held by the PyTorch engine in the
 * model's {@link Dtype} (one tensor per block of rows: one block unless the model is over 1 GiB).
 * Searches score every block and merge the blocks' top k ({@link TopK}).
 *
 * <p>Every engine computation runs through {@link EngineMemory#query}, which gives it a request
 * manager of its own and frees it before returning, so no method can leave an array behind;
 * {@link #close} waits for those under way. Reads of single rows come straight from the Java
 * buffers and need no engine at all.
 */
public final class WordVectors implements AutoCloseable {

    private final Vocabulary vocabulary;
    private final int dimension;
    private final Dtype dtype;
    private final int[] blockRows;
    private final EngineMemory engine;
    private final RowStorage rows;
    /** The query rows a product with the rows may have, for answers that do not depend on their batch. */
    private final QueryPadding queryRows;

    /**
     * Holds the matrix of {@code vocabulary.size()} rows as {@code dtype}: float32 wraps
     * {@code matrix} without a copy (its buffers must not change afterwards); float16 and
     * int8 convert it into buffers of their own and keep no reference to it, so the float32 copy
     * can be freed.
     */
    public WordVectors(Vocabulary vocabulary, RowBlocks matrix, Dtype dtype) {
        if (matrix.rows() != vocabulary.size()) {
            throw new IllegalArgumentException("the matrix has " + matrix.rows() + " rows for " + vocabulary.size()
                    + " words");
        }
        this.vocabulary = vocabulary;
        this.dimension = matrix.dimension();
        this.dtype = dtype;
        this.blockRows = IntStream.range(0, matrix.blockCount()).map(matrix::rowsIn).toArray();
        // Measured first: a failure after the engine holds the matrix would leave it unreachable and unfreed.
        this.queryRows = QueryPadding.measure(dtype, dimension, blockRows.length == 0 ? 0 : blockRows[0]);
        this.engine = new EngineMemory(dtype, matrix);
        this.rows = engine.storage();
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int dimension() {
        return dimension;
    }

    public Dtype dtype() {
        return dtype;
    }

    /**
     * The fewest query rows a search's product is padded to ({@link QueryPadding}): 4 where the
     * CPU's matrix product sums every query alike from 4 rows, more where it does not.
     */
    public int fewestQueryRows() {
        return queryRows.fewest();
    }

    /** The most query rows one product has ({@link QueryPadding}): more are scored in several. */
    public int mostQueryRows() {
        return queryRows.most();
    }

    /** Whether this CPU's matrix product sums queries alike only in some widths of product, not in any from 4 rows. */
    public boolean queryRowsLimited() {
        return !queryRows.equals(QueryPadding.ANY_FOUR);
    }

    /** Bytes of the matrix held by the engine. */
    public long matrixBytes() {
        return rows.bytes();
    }

    /** Blocks the matrix is held in. */
    public int blockCount() {
        return blockRows.length;
    }

    /**
     * The vector stored for {@code row}, exactly as read from the file (widened from a smaller
     * dtype). Read straight from the buffer the tensor wraps: one row through the engine costs
     * ~14 µs of JNI and NDArray set-up, a direct read ~0.4 µs (see docs/benchmarks.md).
     */
    public float[] vector(int row) {
        float[] vector = new float[dimension];
        read(row, vector);
        return vector;
    }

    /**
     * Copies {@code row}'s vector into {@code target} (of the model's dimension), as
     * {@link #vector} does, without allocating: for loops that read many rows, such as building
     * and searching an approximate index.
     */
    public void read(int row, float[] target) {
        checkRow(row);
        rows.read(row, target, 0);
    }

    /**
     * Starts fetching {@code row}'s memory into the CPU's caches: reads one value from each of its
     * cache lines and returns their sum, which the caller keeps (in a field of its own) so that the
     * reads are not optimised away. A loop that touches several random rows before reading them
     * has their cache misses served in parallel, not one after another.
     */
    public float touch(int row) {
        checkRow(row);
        return rows.touch(row);
    }

    /** The vectors of {@code rows}, in that order. */
    public float[][] vectors(int[] rows) {
        float[][] result = new float[rows.length][];
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
            this.rows.read(rows[i], row, 0);
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
     * The best rows for each search, as gensim's {@code most_similar}: each query is the weighted
     * sum of its terms (word rows as unit vectors, raw vectors as given), made unit length; rows
     * are ranked by cosine with it; the query's own words are left out. All the searches are
     * scored in one matrix product.
     *
     * @param restrictRows search only the first this many rows (gensim's {@code restrict_vocab}); 0 for all
     */
    public List<List<Neighbor>> search(List<Search> searches, int restrictRows) {
        return search(searches, restrictRows, null);
    }

    /**
     * {@link #search(List, int)}, half of the rows scored on {@code spare} when it is free (null: none).
     */
    List<List<Neighbor>> search(List<Search> searches, int restrictRows, SpareCore spare) {
        List<List<Term>> queries = searches.stream().map(Search::terms).toList();
        int count = searches.size();
        return engine.query(request -> {
            NDArray query = padded(unitRows(weightedSums(request, queries)));
            int productRows = (int) query.getShape().get(0);
            return TopK.select(searches, blockRows, limit(restrictRows), (b, from, to) -> {
                NDArray scores = cosines(query, b, from, to);
                return productRows == count ? scores : scores.get("0:" + count);
            }, vocabulary, productRows, spare);
        });
    }

    /**
     * The {@code k} rows best for an analogy by 3CosMul (Levy and Goldberg 2014), as gensim's
     * {@code most_similar_cosmul}: the product of the positive words' cosines shifted to [0, 1],
     * divided by the product of the negative ones' (+1e-6). Input words are left out.
     */
    public List<Neighbor> mostSimilarCosMul(int[] positive, int[] negative, int k, int restrictRows) {
        return mostSimilarCosMul(Arrays.stream(positive).mapToObj(r -> Term.word(r, 1)).toList(),
                Arrays.stream(negative).mapToObj(r -> Term.word(r, 1)).toList(), k, restrictRows);
    }

    /** {@link #mostSimilarCosMul(int[], int[], int, int)} for terms: rows, or vectors (used as given, unit length). */
    public List<Neighbor> mostSimilarCosMul(List<Term> positive, List<Term> negative, int k, int restrictRows) {
        return searchCosMul(List.of(Search.cosMul(positive, negative, k)), restrictRows, null).get(0);
    }

    /**
     * 3CosMul analogies ({@link Search#isCosMul()}), scored in one product: every term of every
     * search a unit row of it. Each search's score is its positive rows' shifted cosines
     * multiplied in order over its negative ones' (+1e-6), the rows a search lacks beside the
     * batch's longest taken as ones: a product by 1 is exact, so a search scores alike in any
     * batch.
     */
    List<List<Neighbor>> searchCosMul(List<Search> searches, int restrictRows, SpareCore spare) {
        // Weights play no part in 3CosMul: each term counts once, as a unit vector.
        List<Term> terms = searches.stream().flatMap(s -> s.terms().stream())
                .map(t -> t.isWord() ? Term.word(t.row(), 1) : Term.vector(t.vector(), 1)).toList();
        int positives = searches.stream().mapToInt(Search::cosMulPositives).max().orElse(0);
        int negatives = searches.stream().mapToInt(s -> s.terms().size() - s.cosMulPositives()).max().orElse(0);
        int queries = searches.size();
        // For the i-th positive (then negative) term of each search, its row in the product, or the row of ones.
        long[][] positiveRows = new long[positives][queries];
        long[][] negativeRows = new long[negatives][queries];
        int ones = terms.size();
        for (int q = 0, first = 0; q < queries; first += searches.get(q++).terms().size()) {
            Search search = searches.get(q);
            for (int i = 0; i < positives; i++) {
                positiveRows[i][q] = i < search.cosMulPositives() ? first + i : ones;
            }
            for (int i = 0; i < negatives; i++) {
                int at = search.cosMulPositives() + i;
                negativeRows[i][q] = at < search.terms().size() ? first + at : ones;
            }
        }
        return engine.query(request -> {
            NDArray inputs = padded(unitRows(request.create(termVectors(request, terms),
                    new Shape(terms.size(), dimension))));
            NDArray[] positive = indices(request, positiveRows);
            NDArray[] negative = indices(request, negativeRows);
            return TopK.select(searches, blockRows, limit(restrictRows), (b, from, to) -> {
                NDArray shifted = cosines(inputs, b, from, to).get("0:" + ones).add(1).div(2);
                NDArray withOnes = shifted.concat(shifted.getManager().ones(new Shape(1, to - from)));
                NDArray score = withOnes.get(positive[0]);
                for (int i = 1; i < positive.length; i++) {
                    score = score.mul(withOnes.get(positive[i]));
                }
                NDArray denominator = request.ones(new Shape(queries, to - from));
                for (NDArray rows : negative) {
                    denominator = denominator.mul(withOnes.get(rows));
                }
                return score.div(denominator.add(1e-6f));
            }, vocabulary, (int) inputs.getShape().get(0), spare);
        });
    }

    private static NDArray[] indices(NDManager request, long[][] rows) {
        NDArray[] arrays = new NDArray[rows.length];
        for (int i = 0; i < rows.length; i++) {
            arrays[i] = request.create(rows[i]);
        }
        return arrays;
    }

    /** A chunk of {@link #cosinesInChunks}: {@code cosines[i * count + j]} is the cosine of query {@code i} with row {@code firstRow + j}. */
    @FunctionalInterface
    public interface CosineChunk {
        void accept(int firstRow, int count, float[] cosines);
    }

    /**
     * The cosine of each of {@code queryRows} with every row below {@code restrictRows} (0 for
     * all), handed to {@code chunk} {@code chunkRows} rows at a time, in row order. For work that
     * combines a few rows' cosines per candidate (thousands of analogies over the same few hundred
     * words): one product per chunk, without holding queries x vocabulary floats. {@code chunk}
     * runs outside the engine, so it may take its time.
     */
    public void cosinesInChunks(int[] queryRows, int restrictRows, int chunkRows, CosineChunk chunk) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunks need at least one row, not " + chunkRows);
        }
        float[] units = engine.query(request -> unitRows(gather(request, queryRows)).toFloatArray());
        unitCosinesInChunks(units, queryRows.length, restrictRows, chunkRows, chunk);
    }

    /**
     * {@link #cosinesInChunks(int[], int, int, CosineChunk)} for one query vector of the model's
     * dimension (a word outside the vocabulary: its n-grams' vector), made unit length here.
     */
    public void cosinesInChunks(float[] query, int restrictRows, int chunkRows, CosineChunk chunk) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("a vector of " + query.length + " dimensions, the model has " + dimension);
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunks need at least one row, not " + chunkRows);
        }
        unitCosinesInChunks(VectorMath.unitLength(query), 1, restrictRows, chunkRows, chunk);
    }

    private void unitCosinesInChunks(float[] units, int queries, int restrictRows, int chunkRows, CosineChunk chunk) {
        Shape shape = new Shape(queries, dimension);
        int limit = limit(restrictRows);
        int firstRow = 0;
        for (int b = 0; b < blockRows.length && firstRow < limit; firstRow += blockRows[b++]) {
            int inBlock = Math.min(blockRows[b], limit - firstRow);
            for (int from = 0; from < inBlock; from += chunkRows) {
                int block = b;
                int start = from;
                int end = Math.min(inBlock, from + chunkRows);
                float[] cosines = engine.query(request -> rows.cosines(request.create(units, shape), block, start, end)
                        .toFloatArray());
                chunk.accept(firstRow + from, end - from, cosines);
            }
        }
    }

    /** gensim's {@code n_similarity}: cosine of the means of the raw vectors of two sets of rows. */
    public float setSimilarity(int[] rows1, int[] rows2) {
        return engine.query(request -> {
            NDArray mean1 = gather(request, rows1).mean(new int[] {0}, true);
            NDArray mean2 = gather(request, rows2).mean(new int[] {0}, true);
            return unitRows(mean1).matMul(unitRows(mean2).transpose()).getFloat(0, 0);
        });
    }

    /**
     * How central each row is to the group, as gensim's {@code rank_by_centrality}: the cosine of
     * its unit vector with the unit mean of the group's unit vectors. The odd one out scores lowest.
     */
    public float[] centrality(int[] rows) {
        return engine.query(request -> {
            NDArray unit = unitRows(gather(request, rows));
            NDArray mean = unitRows(unit.mean(new int[] {0}, true));
            return unit.matMul(mean.transpose()).toFloatArray();
        });
    }

    private int limit(int restrictRows) {
        return restrictRows > 0 ? Math.min(restrictRows, vocabulary.size()) : vocabulary.size();
    }

    /**
     * One row per query: the weighted sum of its terms, added in term order in Java (as numpy
     * adds gensim's rows), so that a query's sum does not depend on the other queries of its
     * batch, as an engine product of weights and terms would.
     *
     * <p>Each query's terms are first scaled by one power of two, which puts its largest weighted
     * value in [1, 2): exact, so an ordinary query's sum and unit vector keep every bit, while a
     * vector of tiny or huge values (1e-30, 1e20) no longer underflows or overflows the engine's
     * float32 norm, which made cosines of 3e8 or of 0. gensim's norm (BLAS nrm2) is safe from both.
     */
    private NDArray weightedSums(NDManager request, List<List<Term>> queries) {
        if (queries.isEmpty() || queries.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("every query needs at least one term");
        }
        List<Term> terms = queries.stream().flatMap(List::stream).toList();
        float[] vectors = termVectors(request, terms);
        float[] sums = new float[queries.size() * dimension];
        int first = 0;
        for (int q = 0; q < queries.size(); q++) {
            List<Term> query = queries.get(q);
            double scale = VectorMath.powerOfTwoScale(largestWeighted(query, vectors, first));
            for (int t = first; t < first + query.size(); t++) {
                double weight = query.get(t - first).weight() * scale;
                for (int d = 0; d < dimension; d++) {
                    sums[q * dimension + d] += (float) (weight * vectors[t * dimension + d]);
                }
            }
            first += query.size();
        }
        return request.create(sums, new Shape(queries.size(), dimension));
    }

    /** The largest |weight x value| of {@code query}'s terms, whose vectors start at term {@code first}. */
    private double largestWeighted(List<Term> query, float[] vectors, int first) {
        double largest = 0;
        for (int t = 0; t < query.size(); t++) {
            double weight = Math.abs((double) query.get(t).weight());
            for (int d = 0; d < dimension; d++) {
                largest = Math.max(largest, weight * Math.abs(vectors[(first + t) * dimension + d]));
            }
        }
        return largest;
    }

    /**
     * Queries padded with zero rows so that each product {@link #cosines} makes has a whole number
     * of fours and as many rows as {@link QueryPadding} allows. The engine's matrix product (MKL's
     * sgemm inside libtorch) sums a query's products in an order that depends on how many queries
     * it is given: alone, in twos or threes (and, split over two threads, in a part of fewer than
     * four), a query's scores differed in their last bits from its scores among four or more, and
     * on some CPUs among fewer than 8 or 16, or among 128 or more, so an answer changed with what
     * shared its batch. Padded so, every query is summed alike ({@code WordVectorsTests} checks this).
     */
    private NDArray padded(NDArray queries) {
        long count = queries.getShape().get(0);
        long last = count % queryRows.most();
        long padding = last == 0 ? 0 : Math.max(queryRows.fewest() - last, (4 - last % 4) % 4);
        if (padding <= 0) {
            return queries;
        }
        return queries.concat(queries.getManager().zeros(new Shape(padding, dimension)));
    }

    /**
     * The cosines of padded queries with rows {@code from..to} of block {@code b}, in products of
     * at most {@link QueryPadding#most()} query rows.
     */
    private NDArray cosines(NDArray queries, int b, int from, int to) {
        long count = queries.getShape().get(0);
        int most = queryRows.most();
        if (count <= most) {
            return rows.cosines(queries, b, from, to);
        }
        try (NDList parts = new NDList()) {
            for (long start = 0; start < count; start += most) {
                try (NDArray group = queries.get(start + ":" + Math.min(count, start + most))) {
                    parts.add(rows.cosines(group, b, from, to));
                }
            }
            return NDArrays.concat(parts, 0);
        }
    }

    /** Word terms as unit rows and vector terms as given, in term order, {@code dimension} floats each. */
    private float[] termVectors(NDManager request, List<Term> terms) {
        float[] raw = new float[terms.size() * dimension];
        int[] wordRows = terms.stream().filter(Term::isWord).mapToInt(Term::row).toArray();
        float[] units = wordRows.length == 0 ? new float[0] : unitRows(gather(request, wordRows)).toFloatArray();
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
        return raw;
    }

    /** Rows scaled to unit length; a zero row stays zero (divided by the smallest normal float, not by 0). */
    private static NDArray unitRows(NDArray rows) {
        return rows.div(rows.norm(new int[] {1}, true).maximum(Float.MIN_NORMAL));
    }

    /** Rows gathered into a new array of {@code request}. */
    private NDArray gather(NDManager request, int[] wanted) {
        for (int row : wanted) {
            checkRow(row);
        }
        return rows.gather(request, wanted, dimension);
    }

    private void checkRow(int row) {
        if (row < 0 || row >= vocabulary.size()) {
            throw new IndexOutOfBoundsException("row " + row + " outside 0.." + (vocabulary.size() - 1));
        }
    }

    /** Native arrays attached to the model's own manager: constant after loading unless something leaks. */
    public int managedArrays() {
        return engine.managedArrays();
    }

    /** Waits for the engine work under way, then frees the native memory; later searches fail with {@link ModelClosedException}. */
    @Override
    public void close() {
        engine.close();
    }
}
