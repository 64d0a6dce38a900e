package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelReader;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What float16 storage costs in accuracy, on a real English model (the built-in 57k x 100 one):
 * the bounds docs/benchmarks.md quotes. Each frequent word's top 10 is compared with float32's.
 */
class Float16AccuracyTests {

    @Test
    void float16KeepsNearlyAllTop10NeighboursAndSimilaritiesWithinAThousandth() throws Exception {
        ParsedVectors parsed = ModelReader.read(ModelSource.of("classpath:models/demo-57k-100d.vec.gz"),
                ModelFormat.AUTO, p -> { });
        try (WordVectors single = new WordVectors(parsed.vocabulary(), parsed.matrix());
                WordVectors half = new WordVectors(parsed.vocabulary(), parsed.matrix(), Dtype.FLOAT16)) {
            assertThat(half.matrixBytes()).isEqualTo(single.matrixBytes() / 2);
            int arrays = half.managedArrays();
            int queries = 500;
            int shared = 0;
            double worstSimilarityError = 0;
            for (int row = 100; row < 100 + queries; row++) {
                List<List<Term>> query = List.of(List.of(Term.word(row, 1)));
                List<Neighbor> exact = single.mostSimilar(query, 10, 0, -1f).get(0);
                List<Neighbor> approximate = half.mostSimilar(query, 10, 0, -1f).get(0);
                Set<String> expected = new HashSet<>();
                exact.forEach(n -> expected.add(n.word()));
                shared += (int) approximate.stream().filter(n -> expected.contains(n.word())).count();
                worstSimilarityError = Math.max(worstSimilarityError,
                        Math.abs(half.similarity(row, row + 1000) - single.similarity(row, row + 1000)));
                worstSimilarityError = Math.max(worstSimilarityError,
                        Math.abs(approximate.get(0).similarity() - exact.get(0).similarity()));
            }
            double overlap = shared / (10.0 * queries);
            System.out.printf("float16 on the demo model: top-10 overlap %.4f, worst similarity error %.2e%n", overlap,
                    worstSimilarityError);
            assertThat(overlap).isGreaterThan(0.97);
            assertThat(worstSimilarityError).isLessThan(1e-3);
            assertThat(half.managedArrays()).isEqualTo(arrays);
            float[] rounded = half.vector(100);
            float[] original = single.vector(100);
            for (int d = 0; d < rounded.length; d++) {
                assertThat(rounded[d]).isEqualTo(Half.toFloat(Half.fromFloat(original[d])));
            }
        }
    }
}
