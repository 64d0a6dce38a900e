package dev.wordvec.vectors;

import dev.wordvec.testing.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelReader;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.Oracle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordVectorsTests {

    private static final int ROWS = 50;
    private static final int DIM = 7;

    private static float[][] oracle;
    private static WordVectors vectors;

    @BeforeAll
    static void randomModel() {
        Random random = new Random(42);
        oracle = new float[ROWS][DIM];
        ByteBuffer buffer = ByteBuffer.allocateDirect(ROWS * DIM * 4).order(ByteOrder.nativeOrder());
        for (int r = 0; r < ROWS; r++) {
            for (int d = 0; d < DIM; d++) {
                // Row 3 is all zeros: its similarity must be 0, never NaN.
                oracle[r][d] = r == 3 ? 0f : (float) random.nextGaussian();
                buffer.putFloat(oracle[r][d]);
            }
        }
        buffer.flip();
        List<String> words = IntStream.range(0, ROWS).mapToObj(i -> "w" + i).toList();
        vectors = TestModels.float32(new Vocabulary(words), DIM, buffer);
    }

    @AfterAll
    static void close() {
        vectors.close();
    }

    /** The same matrix in blocks of 7 rows (the last holds 1), as a model over 1 GiB is held. */
    private static WordVectors inBlocksOf7() {
        return inBlocksOf7(Dtype.FLOAT32);
    }

    /** Rows of the models whose row 100 has copies: past a slice, so that ties cross slices. */
    private static final int TIED_ROWS = 70_000;

    /**
     * {@link #TIED_ROWS} random rows of 8 dimensions (words {@code w0}, {@code w1}, ...), row 100
     * copied over each row of {@code copies}: rows that tie with it in every search.
     */
    private static WordVectors withCopiesOfRow100(Random random, int[] copies, Dtype dtype) {
        int dimension = 8;
        float[] values = new float[TIED_ROWS * dimension];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        for (int copy : copies) {
            System.arraycopy(values, 100 * dimension, values, copy * dimension, dimension);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(values);
        List<String> words = IntStream.range(0, TIED_ROWS).mapToObj(i -> "w" + i).toList();
        return new WordVectors(new Vocabulary(words), new RowBlocks(dimension, TIED_ROWS, List.of(buffer)), dtype);
    }

    private static WordVectors inBlocksOf7(Dtype dtype) {
        List<ByteBuffer> blocks = new java.util.ArrayList<>();
        for (int first = 0; first < ROWS; first += 7) {
            int rows = Math.min(7, ROWS - first);
            ByteBuffer block = ByteBuffer.allocateDirect(rows * DIM * 4).order(ByteOrder.nativeOrder());
            for (int r = first; r < first + rows; r++) {
                for (int d = 0; d < DIM; d++) {
                    block.putFloat(oracle[r][d]);
                }
            }
            blocks.add(block.flip());
        }
        List<String> words = IntStream.range(0, ROWS).mapToObj(i -> "w" + i).toList();
        return new WordVectors(new Vocabulary(words), new RowBlocks(DIM, 7, blocks), dtype);
    }

    @Test
    void aMatrixInBlocksAnswersExactlyAsOneBlock() {
        try (WordVectors blocked = inBlocksOf7()) {
            assertThat(blocked.blockCount()).isEqualTo(8);
            for (int r = 0; r < ROWS; r++) {
                assertThat(blocked.vector(r)).containsExactly(oracle[r]);
            }
            List<List<Term>> queries = List.of(List.of(Term.word(5, 1)), List.of(Term.word(13, 1), Term.word(20, -1)),
                    List.of(Term.vector(oracle[49], 1)));
            // A product over fewer rows may sum in another order: the same ranking, scores within float error.
            for (int restrict : new int[] {0, 14, 15, 22, 49, 50}) {
                List<List<Neighbor>> ours = TestSearches.mostSimilar(blocked, queries, 12, restrict, -1f);
                List<List<Neighbor>> oneBlock = TestSearches.mostSimilar(vectors, queries, 12, restrict, -1f);
                for (int q = 0; q < queries.size(); q++) {
                    assertSameNeighbors(ours.get(q), oneBlock.get(q));
                }
                assertSameNeighbors(blocked.mostSimilarCosMul(new int[] {8, 30}, new int[] {2}, 9, restrict),
                        vectors.mostSimilarCosMul(new int[] {8, 30}, new int[] {2}, 9, restrict));
            }
            assertThat(TestSearches.mostSimilar(blocked, queries, ROWS, 0, -1f).get(0)).hasSize(ROWS - 1);
            assertThat(blocked.similarity(6, 48)).isEqualTo(vectors.similarity(6, 48));
            assertThat(blocked.centrality(new int[] {1, 9, 17, 44})).containsExactly(vectors.centrality(new int[] {1, 9, 17, 44}));
            assertThat(blocked.setSimilarity(new int[] {0, 40}, new int[] {7, 8, 49}))
                    .isEqualTo(vectors.setSimilarity(new int[] {0, 40}, new int[] {7, 8, 49}));
        }
    }

    /**
     * A query vector's length plays no part: scaled by a power of two, the answer keeps every bit;
     * by 1e-30 or 1e30 (whose squares leave float32's range) it is the same words at the same
     * cosines, where the engine's float32 norm made them 3e8 or 0. So does a query whose weighted
     * terms are huge (2 x 3e38 passes float32's range).
     */
    @Test
    void aQueryVectorsScaleChangesNothing() {
        float[] query = oracle[49];
        List<Neighbor> plain = TestSearches.mostSimilar(vectors, List.of(List.of(Term.vector(query, 1))), 10, 0, -1f)
                .get(0);
        for (double scale : new double[] {0x1p-100, 0x1p100, 1e-30, 1e30, 1e37}) {
            float[] scaled = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                scaled[d] = (float) (query[d] * scale);
            }
            List<Neighbor> answer = TestSearches.mostSimilar(vectors, List.of(List.of(Term.vector(scaled, 1))), 10,
                    0, -1f).get(0);
            if (scale == Math.scalb(1.0, Math.getExponent(scale))) {
                assertThat(answer).as("scaled by %s", scale).isEqualTo(plain);
            }
            assertThat(answer.stream().map(Neighbor::word)).as("scaled by %s", scale)
                    .containsExactlyElementsOf(plain.stream().map(Neighbor::word).toList());
            for (int i = 0; i < plain.size(); i++) {
                assertThat(answer.get(i).similarity()).isCloseTo(plain.get(i).similarity(), within(1e-5f));
            }
        }
        double largest = 0;
        for (float v : query) {
            largest = Math.max(largest, Math.abs(v));
        }
        float[] huge = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            huge[d] = (float) (query[d] / largest * 3e38);
        }
        List<Neighbor> twice = TestSearches.mostSimilar(vectors, List.of(List.of(Term.vector(huge, 2))), 10, 0, -1f)
                .get(0);
        assertThat(twice.stream().map(Neighbor::word))
                .containsExactlyElementsOf(plain.stream().map(Neighbor::word).toList());
    }

    /**
     * A search's answer, scores to the last bit, must not depend on the other searches scored with
     * it (the batcher puts whatever arrives together in one product). Before the queries were
     * padded to whole fours, a query alone, in twos or in threes got other last bits than among
     * four or more; and a product over fewer than 12 rows (a small {@code restrictVocab}, or a
     * slice's remainder: 2,053 rows are three slices for 130 queries, the last of 5 rows) summed
     * differently for each number of queries. On an Intel Xeon with AMX, products of fewer than 8
     * rows (100 dimensions) or 16 (300 and 768) summed otherwise than wider ones, which
     * {@link QueryPadding} measures; there, at 1,000 to 2,048 dimensions, products over 16 rows (a
     * slice's remainder) summed otherwise than over 1,024, and with two threads at 1,000 and 1,024
     * dimensions products of 128 or 132 query rows and more otherwise than narrower ones; and
     * equal scores came back in another order when their rows were scored in one slice or in two.
     * Checked for each storage, on one engine thread and on two, every score of every row (not
     * only the best ten's).
     */
    @ParameterizedTest
    @ValueSource(strings = {"FLOAT32:1:50", "FLOAT16:1:50", "INT8:1:50", "FLOAT32:2:50", "INT8:2:50", "FLOAT32:1:100",
        "FLOAT32:1:300", "FLOAT32:2:300", "FLOAT16:1:300", "INT8:1:300", "FLOAT32:1:300:one-hot", "FLOAT32:2:384",
        "FLOAT32:1:768", "FLOAT32:2:768", "FLOAT32:1:1000", "FLOAT32:2:1000", "INT8:1:1000", "FLOAT16:1:1000",
        "FLOAT32:1:1024", "FLOAT32:2:1024", "FLOAT32:1:2048"})
    void aSearchGetsTheSameAnswerWhateverSharesItsBatch(String storageThreadsAndDimension) {
        String[] parameters = storageThreadsAndDimension.split(":");
        // one-hot: the first 300 rows score exactly in any order, as a model's leading special rows can.
        boolean oneHot = parameters.length > 3;
        Dtype dtype = Dtype.valueOf(parameters[0]);
        int threads = Integer.parseInt(parameters[1]);
        int dimension = Integer.parseInt(parameters[2]);
        int rows = 2 * 1024 + 5;
        Random random = new Random(11);
        ByteBuffer buffer = ByteBuffer.allocateDirect(rows * dimension * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < rows * dimension; i++) {
            float gaussian = (float) random.nextGaussian();
            buffer.putFloat(oneHot && i < dimension * dimension ? (i % (dimension + 1) == 0 ? 1 : 0) : gaussian);
        }
        buffer.flip();
        List<String> words = IntStream.range(0, rows).mapToObj(i -> "w" + i).toList();
        PyTorchEngine.start(threads);
        try (WordVectors model = new WordVectors(new Vocabulary(words),
                new RowBlocks(dimension, rows, List.of(buffer)), dtype)) {
            float[] vector = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                vector[d] = random.nextInt(200) - 100;
            }
            // Every row ranked, so that every score is compared, not only the best ten's.
            List<Search> own = List.of(new Search(List.of(Term.word(17, 1)), rows, -1f),
                    new Search(List.of(Term.word(5, 1), Term.word(9, -1), Term.word(700, 1)), rows, -1f),
                    new Search(List.of(Term.vector(vector, 1)), rows, -1f));
            for (int restrict : new int[] {0, 2, 3, 11, 2050}) {
                for (Search search : own) {
                    List<Neighbor> alone = model.search(List.of(search), restrict).get(0);
                    for (int companions : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 129}) {
                        List<Search> batch = new java.util.ArrayList<>();
                        for (int c = 0; c < companions; c++) {
                            batch.add(new Search(List.of(Term.word(random.nextInt(rows), 1),
                                    Term.word(random.nextInt(rows), random.nextFloat() - 0.5f)), 10, -1f));
                        }
                        int at = random.nextInt(companions + 1);
                        batch.add(at, search);
                        assertThat(model.search(batch, restrict).get(at))
                                .as("%s among %d others, at %d, restricted to %d", search, companions, at, restrict)
                                .isEqualTo(alone);
                    }
                }
            }
        } finally {
            PyTorchEngine.start(1);
        }
    }

    /**
     * Rows of equal score (a model's duplicated vectors) come in row order, however many of them
     * the answer has room for and whatever shares the batch: the engine's top-k picks among equal
     * scores as it likes, and which slice or chunk a row lands in changes with the batch.
     */
    @ParameterizedTest
    @ValueSource(strings = {"FLOAT32", "INT8"})
    void equalScoresComeInRowOrderWhateverSharesTheBatch(String storage) {
        int rows = TIED_ROWS;
        Random random = new Random(9);
        try (WordVectors model = withCopiesOfRow100(random, new int[] {69_999, 40_000, 5, 20_000},
                Dtype.valueOf(storage))) {
            for (int k : new int[] {1, 2, 3, 4, 6}) {
                Search search = new Search(List.of(Term.word(100, 1)), k, -1f);
                List<String> alone = model.search(List.of(search), 0).get(0).stream().map(Neighbor::word).toList();
                assertThat(alone.subList(0, Math.min(k, 4))).as("k = %d", k)
                        .isEqualTo(List.of("w5", "w20000", "w40000", "w69999").subList(0, Math.min(k, 4)));
                for (int companions : new int[] {1, 3, 4, 7, 13, 40, 129}) {
                    List<Search> batch = new java.util.ArrayList<>();
                    for (int c = 0; c < companions; c++) {
                        batch.add(new Search(List.of(Term.word(random.nextInt(rows), 1)), 1 + random.nextInt(8), -1f));
                    }
                    int at = random.nextInt(companions + 1);
                    batch.add(at, search);
                    assertThat(model.search(batch, 0).get(at).stream().map(Neighbor::word).toList())
                            .as("k = %d among %d others", k, companions).isEqualTo(alone);
                }
            }
        }
    }

    /**
     * 3CosMul analogies are batched too, each term its own row of the product: an analogy's
     * scores, every row's to the last bit, must not depend on the others in its batch, which may
     * have more positive or negative words than it (their missing rows count as ones).
     */
    @ParameterizedTest
    @ValueSource(strings = {"FLOAT32:50", "FLOAT32:300", "INT8:300", "FLOAT16:100"})
    void aCosMulAnalogyGetsTheSameAnswerWhateverSharesItsBatch(String storageAndDimension) {
        Dtype dtype = Dtype.valueOf(storageAndDimension.split(":")[0]);
        int dimension = Integer.parseInt(storageAndDimension.split(":")[1]);
        int rows = 3_000;
        Random random = new Random(31);
        ByteBuffer buffer = ByteBuffer.allocateDirect(rows * dimension * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < rows * dimension; i++) {
            buffer.putFloat((float) random.nextGaussian());
        }
        List<String> words = IntStream.range(0, rows).mapToObj(i -> "w" + i).toList();
        try (WordVectors model = new WordVectors(new Vocabulary(words),
                new RowBlocks(dimension, rows, List.of(buffer.flip())), dtype)) {
            float[] vector = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                vector[d] = random.nextInt(200) - 100;
            }
            List<Search> own = List.of(Search.cosMul(List.of(Term.word(17, 1)), List.of(), rows),
                    Search.cosMul(List.of(Term.word(5, 1), Term.word(700, 1)), List.of(Term.word(9, 1)), rows),
                    Search.cosMul(List.of(Term.vector(vector, 1)), List.of(Term.word(3, 1), Term.word(4, 1)), 10));
            for (int restrict : new int[] {0, 11, 2_050}) {
                for (Search search : own) {
                    List<Neighbor> alone = model.searchCosMul(List.of(search), restrict, null).get(0);
                    for (int companions : new int[] {1, 2, 3, 5, 13, 40}) {
                        List<Search> batch = new java.util.ArrayList<>();
                        for (int c = 0; c < companions; c++) {
                            List<Term> positive = new java.util.ArrayList<>();
                            List<Term> negative = new java.util.ArrayList<>();
                            for (int t = 1 + random.nextInt(4); t > 0; t--) {
                                positive.add(Term.word(random.nextInt(rows), 1));
                            }
                            for (int t = random.nextInt(4); t > 0; t--) {
                                negative.add(Term.word(random.nextInt(rows), 1));
                            }
                            batch.add(Search.cosMul(positive, negative, 1 + random.nextInt(20)));
                        }
                        int at = random.nextInt(companions + 1);
                        batch.add(at, search);
                        assertThat(model.searchCosMul(batch, restrict, null).get(at))
                                .as("%s among %d others, at %d, restricted to %d", search, companions, at, restrict)
                                .isEqualTo(alone);
                    }
                }
            }
        }
    }

    /**
     * A search alone on a quiet service has half its rows scored on a spare thread
     * ({@link SpareCore}); its answer must be the one it gets on one thread, to the last bit, ties
     * across the two halves in row order included.
     */
    @ParameterizedTest
    @ValueSource(strings = {"FLOAT32", "FLOAT16", "INT8"})
    void aSearchSplitWithTheSpareCoreGetsTheSameAnswer(String storage) {
        int rows = TIED_ROWS;
        Random random = new Random(21);
        // Copies of row 100 in both halves of the rows, and at the ends of slices.
        try (WordVectors model = withCopiesOfRow100(random, new int[] {5, 32_767, 32_768, 34_999, 35_000, 69_999},
                Dtype.valueOf(storage)); SpareCore spare = new SpareCore("test-spare")) {
            for (int k : new int[] {1, 3, 10, 500}) {
                for (int restrict : new int[] {0, 40_000, 2_000}) {
                    List<Search> batch = new java.util.ArrayList<>();
                    batch.add(new Search(List.of(Term.word(100, 1)), k, -1f));
                    for (int c = random.nextInt(3); c > 0; c--) {
                        batch.add(new Search(List.of(Term.word(random.nextInt(rows), 1),
                                Term.word(random.nextInt(rows), -0.5f)), k, -1f));
                    }
                    long before = spare.parts();
                    assertThat(model.search(batch, restrict, spare)).as("k = %d, restricted to %d", k, restrict)
                            .isEqualTo(model.search(batch, restrict));
                    // 2,000 rows are one slice, which is not split.
                    assertThat(spare.parts() - before).isEqualTo(restrict == 2_000 ? 0 : 1);
                }
            }
            assertThat(model.search(List.of(new Search(List.of(Term.word(100, 1)), 6, -1f)), 0, spare).get(0)
                    .stream().map(Neighbor::word))
                    .containsExactly("w5", "w32767", "w32768", "w34999", "w35000", "w69999");
        }
    }

    @Test
    void searchesOverManyRowsTakeTheTwoStageTopKAndStayExact() {
        int rows = 70_000;
        int dimension = 8;
        Random random = new Random(5);
        float[][] matrix = new float[rows][dimension];
        ByteBuffer buffer = ByteBuffer.allocateDirect(rows * dimension * 4).order(ByteOrder.nativeOrder());
        for (float[] row : matrix) {
            for (int d = 0; d < dimension; d++) {
                row[d] = (float) random.nextGaussian();
                buffer.putFloat(row[d]);
            }
        }
        List<String> words = IntStream.range(0, rows).mapToObj(i -> "w" + i).toList();
        try (WordVectors big = TestModels.float32(new Vocabulary(words), dimension, buffer.flip())) {
            int arrays = big.managedArrays();
            for (int restrict : new int[] {0, 50_000}) {
                for (int query : new int[] {0, 12_345, 69_999}) {
                    List<Neighbor> found = TestSearches.mostSimilar(big, List.of(List.of(Term.word(query, 1))), 3, restrict, -1f).get(0);
                    // The oracle: every row's cosine in double, best first.
                    int limit = restrict == 0 ? rows : restrict;
                    List<Integer> expected = IntStream.range(0, limit).filter(r -> r != query).boxed()
                            .sorted((a, b) -> Double.compare(Oracle.cosine(matrix[b], matrix[query]),
                                    Oracle.cosine(matrix[a], matrix[query])))
                            .limit(3).toList();
                    assertThat(found.stream().map(Neighbor::word).toList())
                            .isEqualTo(expected.stream().map(r -> "w" + r).toList());
                    for (int i = 0; i < 3; i++) {
                        assertThat((double) found.get(i).similarity())
                                .isCloseTo(Oracle.cosine(matrix[expected.get(i)], matrix[query]), within(1e-5));
                    }
                }
            }
            // A batch of eight is scored a slice of rows at a time (five here): each answer is still exact.
            assertThat(TopK.sliceRows(8)).isEqualTo(16_384);
            List<Integer> batch = List.of(0, 3, 16_383, 16_384, 40_000, 65_536, 69_998, 69_999);
            List<List<Neighbor>> batched = TestSearches.mostSimilar(big,
                    batch.stream().map(q -> List.of(Term.word(q, 1))).toList(), 3, 0, -1f);
            for (int i = 0; i < batch.size(); i++) {
                int query = batch.get(i);
                List<Integer> expected = IntStream.range(0, rows).filter(r -> r != query).boxed()
                        .sorted((a, b) -> Double.compare(Oracle.cosine(matrix[b], matrix[query]),
                                Oracle.cosine(matrix[a], matrix[query])))
                        .limit(3).toList();
                assertThat(batched.get(i).stream().map(Neighbor::word).toList()).as("query %d", query)
                        .isEqualTo(expected.stream().map(r -> "w" + r).toList());
            }
            // 3CosMul takes the same two-stage path: check it against the formula, row by row.
            int[] positive = {10, 20};
            int[] negative = {30};
            List<Neighbor> cosMul = big.mostSimilarCosMul(positive, negative, 3, 0);
            List<Integer> best = IntStream.range(0, rows).filter(r -> r != 10 && r != 20 && r != 30).boxed()
                    .sorted((a, b) -> Double.compare(cosMul(matrix, b, positive, negative), cosMul(matrix, a, positive, negative)))
                    .limit(3).toList();
            assertThat(cosMul.stream().map(Neighbor::word).toList()).isEqualTo(best.stream().map(r -> "w" + r).toList());
            assertThat(big.managedArrays()).as("nothing left attached to the model").isEqualTo(arrays);
        }
    }

    private static double cosMul(float[][] matrix, int row, int[] positive, int[] negative) {
        double numerator = 1;
        for (int p : positive) {
            numerator *= (Oracle.cosine(matrix[row], matrix[p]) + 1) / 2;
        }
        double denominator = 1;
        for (int n : negative) {
            denominator *= (Oracle.cosine(matrix[row], matrix[n]) + 1) / 2;
        }
        return numerator / (denominator + 1e-6);
    }

    private static void assertSameNeighbors(List<Neighbor> ours, List<Neighbor> expected) {
        assertThat(ours.stream().map(Neighbor::word).toList()).isEqualTo(expected.stream().map(Neighbor::word).toList());
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i).similarity()).isCloseTo(expected.get(i).similarity(), within(1e-6f));
        }
    }

    @Test
    void vectorIsTheStoredRowExactly() {
        for (int r = 0; r < ROWS; r++) {
            assertThat(vectors.vector(r)).containsExactly(oracle[r]);
        }
    }

    @Test
    void vectorsGathersRowsInRequestOrderWithRepeats() {
        int[] rows = {7, 0, 49, 7};
        float[][] got = vectors.vectors(rows);
        for (int i = 0; i < rows.length; i++) {
            assertThat(got[i]).containsExactly(oracle[rows[i]]);
        }
    }

    @Test
    void similarityIsTheCosineOfPlainFloatMaths() {
        for (int a = 0; a < ROWS; a += 3) {
            for (int b = 0; b < ROWS; b += 5) {
                assertThat((double) vectors.similarity(a, b)).as("rows %d, %d", a, b)
                        .isCloseTo(Oracle.cosine(oracle[a], oracle[b]), within(1e-6));
            }
        }
        assertThat(vectors.similarity(3, 5)).isEqualTo(0f);
        assertThat(vectors.similarity(3, 3)).isEqualTo(0f);
        assertThat((double) vectors.similarity(8, 8)).isCloseTo(1.0, within(1e-6));
    }

    /** Chunks of 3 rows over blocks of 7: chunks stop at block ends, and every restricted row comes once, in order. */
    @Test
    void cosinesInChunksCoverTheRestrictedRowsInOrder() {
        int[] queries = {8, 3, 8, 40};
        try (WordVectors blocked = inBlocksOf7()) {
            List<Integer> starts = new java.util.ArrayList<>();
            int[] next = {0};
            blocked.cosinesInChunks(queries, 45, 3, (firstRow, count, cosines) -> {
                assertThat(firstRow).isEqualTo(next[0]);
                assertThat(count).isBetween(1, 3);
                assertThat(firstRow / 7).as("one block").isEqualTo((firstRow + count - 1) / 7);
                assertThat(cosines).hasSize(queries.length * count);
                for (int q = 0; q < queries.length; q++) {
                    for (int j = 0; j < count; j++) {
                        assertThat((double) cosines[q * count + j]).as("query %d, row %d", q, firstRow + j)
                                .isCloseTo(Oracle.cosine(oracle[queries[q]], oracle[firstRow + j]), within(1e-6));
                    }
                }
                starts.add(firstRow);
                next[0] = firstRow + count;
            });
            assertThat(next[0]).isEqualTo(45);
            assertThat(starts).startsWith(0, 3, 6, 7, 10, 13, 14);
        }
        assertThatThrownBy(() -> vectors.cosinesInChunks(new int[] {1}, 0, 0, (f, c, s) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void meanIsThePlainAverage() {
        int[] rows = {1, 2, 2, 40};
        float[] mean = vectors.weightedMean(rows, new float[] {1, 1, 1, 1}, rows.length);
        for (int d = 0; d < DIM; d++) {
            double sum = 0;
            for (int r : rows) {
                sum += oracle[r][d];
            }
            assertThat((double) mean[d]).isCloseTo(sum / rows.length, within(1e-6));
        }
        assertThatThrownBy(() -> vectors.weightedMean(new int[0], new float[0], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsOutsideTheMatrixAreRejected() {
        assertThatThrownBy(() -> vectors.vector(ROWS)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vectors.similarity(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Every engine path, on each dtype and on a model of several blocks, from many threads at once. */
    @Test
    void queriesFromManyThreadsLeaveNoNativeArraysBehind() throws Exception {
        for (WordVectors model : List.of(vectors, inBlocksOf7(Dtype.FLOAT32), inBlocksOf7(Dtype.FLOAT16),
                inBlocksOf7(Dtype.INT8))) {
            try (SearchBatcher batcher = new SearchBatcher(model, "leak", 2, 16, 200)) {
                int before = model.managedArrays();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<?>> done = IntStream.range(0, 160).<Future<?>>mapToObj(i -> pool.submit(() -> {
                        int a = i % ROWS;
                        int b = (i * 7 + 1) % ROWS;
                        int c = (i * 13 + 2) % ROWS;
                        model.vector(a);
                        model.similarity(a, b);
                        model.vectors(new int[] {b, a});
                        model.weightedMean(new int[] {a, b}, new float[] {1, 2}, 2);
                        // Nearest words, one and batched, by word and by vector, whole and restricted.
                        model.search(List.of(new Search(List.of(Term.word(a, 1)), 5, -1f)), 0);
                        model.search(List.of(new Search(List.of(Term.word(a, 1)), 3, 0f),
                                new Search(List.of(Term.vector(oracle[b], 1)), 4, -1f)), ROWS / 2);
                        batcher.search(List.of(new Search(List.of(Term.word(c, 1)), 5, -1f)), 0);
                        // Analogies: 3CosAdd (a search with weighted terms) and 3CosMul.
                        model.search(List.of(new Search(List.of(Term.word(a, 1), Term.word(b, -1), Term.word(c, 1)),
                                5, -1f)), 0);
                        model.mostSimilarCosMul(new int[] {a, c}, new int[] {b}, 5, 0);
                        model.mostSimilarCosMul(new int[] {a}, new int[0], 5, ROWS / 3);
                        model.centrality(new int[] {a, b, c});
                        model.setSimilarity(new int[] {a, b}, new int[] {c});
                    })).toList();
                    for (Future<?> f : done) {
                        f.get();
                    }
                } finally {
                    pool.shutdown();
                }
                assertThat(model.managedArrays()).as("arrays on the %s model's manager", model.dtype())
                        .isEqualTo(before);
            } finally {
                if (model != vectors) {
                    model.close();
                }
            }
        }
    }



    @ParameterizedTest
    @ValueSource(strings = {"test_glove", "lee_fasttext", "crime_and_punishment", "euclidean_vectors",
        "high_precision_txt", "high_precision_bin", "demo"})
    void similarityEqualsGensim(String name) throws Exception {
        GensimExpected.Model expected = GensimExpected.load().model(name);
        ParsedVectors parsed = ModelReader.read(ModelSource.of(expected.path().toString()), ModelFormat.AUTO, p -> { });
        try (WordVectors model = TestModels.float32(parsed.vocabulary(), parsed.matrix())) {
            for (GensimExpected.Similarity pair : expected.similarities()) {
                int a = model.vocabulary().rowOf(pair.word1());
                int b = model.vocabulary().rowOf(pair.word2());
                assertThat((double) model.similarity(a, b)).as("%s ~ %s", pair.word1(), pair.word2())
                        .isCloseTo(pair.similarity(), within(1e-5));
            }
        }
    }
}
