package dev.wordvec.vectors;

import dev.wordvec.testing.TestModels;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelReader;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What float16 and int8 storage cost in accuracy, on a real English model (the built-in 57k x 100
 * one): the bounds docs/benchmarks.md quotes. Each of 500 frequent words' top 10 is compared with
 * float32's, and similarities (top neighbour, and a pair 1,000 rows apart) with float32's.
 */
class ReducedPrecisionAccuracyTests {

    private static ParsedVectors demo;

    @BeforeAll
    static void read() throws Exception {
        demo = ModelReader.read(ModelSource.of("classpath:models/demo-57k-100d.vec.gz"), ModelFormat.AUTO, p -> { });
    }

    private record Accuracy(double top10Overlap, double worstSimilarityError) {
    }

    private static Accuracy measure(WordVectors exact, WordVectors reduced) {
        int queries = 500;
        // All the queries in one batched search per model: the same answers as one at a time
        // (GensimQueriesTests checks that), in a fraction of the time.
        List<List<Term>> batch = IntStream.range(100, 100 + queries).mapToObj(row -> List.of(Term.word(row, 1))).toList();
        List<List<Neighbor>> expectedAll = TestSearches.mostSimilar(exact, batch, 10, 0, -1f);
        List<List<Neighbor>> foundAll = TestSearches.mostSimilar(reduced, batch, 10, 0, -1f);
        int shared = 0;
        double worst = 0;
        for (int q = 0; q < queries; q++) {
            int row = 100 + q;
            List<Neighbor> expected = expectedAll.get(q);
            List<Neighbor> found = foundAll.get(q);
            Set<String> words = new HashSet<>();
            expected.forEach(n -> words.add(n.word()));
            shared += (int) found.stream().filter(n -> words.contains(n.word())).count();
            worst = Math.max(worst, Math.abs(reduced.similarity(row, row + 1000) - exact.similarity(row, row + 1000)));
            worst = Math.max(worst, Math.abs(found.get(0).similarity() - expected.get(0).similarity()));
        }
        Accuracy accuracy = new Accuracy(shared / (10.0 * queries), worst);
        System.out.printf("%s on the demo model: top-10 overlap %.4f, worst similarity error %.2e%n", reduced.dtype(),
                accuracy.top10Overlap(), accuracy.worstSimilarityError());
        return accuracy;
    }

    @Test
    void float16KeepsNearlyAllTop10NeighboursAndSimilaritiesWithinTwoTenThousandths() {
        try (WordVectors single = TestModels.float32(demo.vocabulary(), demo.matrix());
                WordVectors half = new WordVectors(demo.vocabulary(), demo.matrix(), Dtype.FLOAT16)) {
            assertThat(half.matrixBytes()).isEqualTo(single.matrixBytes() / 2);
            int arrays = half.managedArrays();
            Accuracy accuracy = measure(single, half);
            assertThat(accuracy.top10Overlap()).isGreaterThan(0.998);
            assertThat(accuracy.worstSimilarityError()).isLessThan(2e-4);
            assertThat(half.managedArrays()).isEqualTo(arrays);
            float[] rounded = half.vector(100);
            float[] original = single.vector(100);
            for (int d = 0; d < rounded.length; d++) {
                assertThat(rounded[d]).isEqualTo(Half.toFloat(Half.fromFloat(original[d])));
            }
        }
    }

    @Test
    void int8KeepsNearlyAllTop10NeighboursAndSimilaritiesWithinFiveThousandths() {
        try (WordVectors single = TestModels.float32(demo.vocabulary(), demo.matrix());
                WordVectors int8 = new WordVectors(demo.vocabulary(), demo.matrix(), Dtype.INT8)) {
            // One byte a value plus a float32 scale a row.
            assertThat(int8.matrixBytes()).isEqualTo((long) demo.vocabulary().size() * (demo.dimension() + 4));
            int arrays = int8.managedArrays();
            Accuracy accuracy = measure(single, int8);
            assertThat(accuracy.top10Overlap()).isGreaterThan(0.98);
            assertThat(accuracy.worstSimilarityError()).isLessThan(5e-3);
            assertThat(int8.managedArrays()).isEqualTo(arrays);
        }
    }
}
