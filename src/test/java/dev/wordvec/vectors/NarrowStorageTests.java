package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.Oracle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * float16 and int8 storage against a plain-Java oracle of what they promise: each value rounded
 * to the nearest float16 ({@link Half}, checked against the engine by {@code HalfTests}), or each
 * row to {@code round(x / scale)} with {@code scale = max|x| / 127}; every answer that of the
 * rounded rows. 30,000 rows of 300 cross several of the slices a search widens at a time, and the same
 * rows in blocks of 4,099 answer as one block. Searches widen into buffers kept between them:
 * many at once still get the answers each gets alone.
 */
class NarrowStorageTests {

    private static final int ROWS = 30_000;
    private static final int DIM = 300;

    private static float[][] randomRows(Random random) {
        float[][] rows = new float[ROWS][DIM];
        for (float[] row : rows) {
            for (int d = 0; d < DIM; d++) {
                row[d] = (float) random.nextGaussian() * (d % 7 == 0 ? 3 : 1);
            }
        }
        rows[17] = new float[DIM]; // a zero row scores 0, as in float32
        return rows;
    }

    /** What {@code dtype} storage keeps of a row, worked out independently. */
    private static float[] rounded(Dtype dtype, float[] row) {
        if (dtype == Dtype.FLOAT16) {
            float[] out = new float[row.length];
            for (int d = 0; d < row.length; d++) {
                out[d] = Half.toFloat(Half.fromFloat(row[d]));
            }
            return out;
        }
        float max = 0;
        for (float x : row) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max / 127f;
        float[] out = new float[row.length];
        for (int d = 0; d < row.length; d++) {
            out[d] = scale == 0 ? 0 : Math.max(-127, Math.min(127, Math.round(row[d] / scale))) * scale;
        }
        return out;
    }

    private static WordVectors stored(Dtype dtype, float[][] rows, int rowsPerBlock) {
        List<ByteBuffer> blocks = new ArrayList<>();
        for (int first = 0; first < rows.length; first += rowsPerBlock) {
            int count = Math.min(rowsPerBlock, rows.length - first);
            ByteBuffer block = ByteBuffer.allocateDirect(count * DIM * 4).order(ByteOrder.nativeOrder());
            for (int r = first; r < first + count; r++) {
                for (float x : rows[r]) {
                    block.putFloat(x);
                }
            }
            blocks.add(block.flip());
        }
        List<String> words = IntStream.range(0, rows.length).mapToObj(i -> "w" + i).toList();
        return new WordVectors(new Vocabulary(words), new RowBlocks(DIM, rowsPerBlock, blocks), dtype);
    }

    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"FLOAT16", "INT8"})
    void answersAsTheRoundedRowsDoInOneBlockOrMany(Dtype dtype) {
        float[][] rows = randomRows(new Random(11));
        float[][] kept = new float[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            kept[r] = rounded(dtype, rows[r]);
        }
        try (WordVectors one = stored(dtype, rows, ROWS); WordVectors blocked = stored(dtype, rows, 4_099)) {
            assertThat(blocked.blockCount()).isEqualTo(8);
            int arrays = one.managedArrays();
            for (int r : new int[] {0, 17, 4_098, 4_099, 29_999}) {
                assertThat(one.vector(r)).containsExactly(kept[r]);
                assertThat(blocked.vector(r)).containsExactly(kept[r]);
            }
            assertThat(one.similarity(3, 29_000)).isCloseTo((float) Oracle.cosine(kept[3], kept[29_000]), within(1e-5f));
            for (int restrict : new int[] {0, 20_000}) {
                for (int query : new int[] {0, 14_000, 29_999}) {
                    int limit = restrict == 0 ? ROWS : restrict;
                    List<Integer> expected = IntStream.range(0, limit).filter(r -> r != query).boxed()
                            .sorted((a, b) -> Double.compare(Oracle.cosine(kept[b], kept[query]),
                                    Oracle.cosine(kept[a], kept[query])))
                            .limit(5).toList();
                    for (WordVectors vectors : List.of(one, blocked)) {
                        List<Neighbor> found = TestSearches.mostSimilar(vectors, List.of(List.of(Term.word(query, 1))), 5, restrict,
                                -1f).get(0);
                        assertThat(found.stream().map(Neighbor::word).toList())
                                .isEqualTo(expected.stream().map(r -> "w" + r).toList());
                        for (int i = 0; i < 5; i++) {
                            assertThat((double) found.get(i).similarity())
                                    .isCloseTo(Oracle.cosine(kept[expected.get(i)], kept[query]), within(1e-5));
                        }
                    }
                }
            }
            // The zero row is found by nobody's top 5 and scores 0 against anything.
            assertThat(one.similarity(17, 3)).isZero();
            assertThat(one.managedArrays()).isEqualTo(arrays);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"FLOAT16", "INT8"})
    void manySearchesAtOnceGetTheAnswersEachGetsAlone(Dtype dtype) throws Exception {
        float[][] rows = randomRows(new Random(12));
        int threads = 4 * Runtime.getRuntime().availableProcessors() + 4; // more than the buffers kept
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (WordVectors vectors = stored(dtype, rows, 4_099)) {
            int arrays = vectors.managedArrays();
            int[] queries = IntStream.range(0, 24).map(i -> i * 1_249).toArray();
            List<List<Neighbor>> alone = new ArrayList<>();
            for (int query : queries) {
                alone.add(TestSearches.mostSimilar(vectors, List.of(List.of(Term.word(query, 1))), 10, 0, -1f).get(0));
            }
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < queries.length; i++) {
                        int q = (first + i) % queries.length;
                        List<Neighbor> found = TestSearches.mostSimilar(vectors,
                                List.of(List.of(Term.word(queries[q], 1))), 10, 0, -1f).get(0);
                        assertThat(found).as("query %d", queries[q]).isEqualTo(alone.get(q));
                    }
                }));
            }
            for (Future<?> search : running) {
                search.get();
            }
            assertThat(vectors.managedArrays()).isEqualTo(arrays);
        } finally {
            pool.shutdownNow();
        }
    }
}
