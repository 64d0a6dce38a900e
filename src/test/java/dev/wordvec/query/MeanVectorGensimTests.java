package dev.wordvec.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A text's vector against gensim's {@code get_mean_vector}: the plain mean by default, and with
 * {@code preNormalize} the mean of unit vectors, which is gensim's own default.
 */
class MeanVectorGensimTests {

    private static final GensimExpected GENSIM = GensimExpected.load();

    @ParameterizedTest
    @ValueSource(strings = {"test_glove", "lee_fasttext", "demo"})
    void textVectorsEqualGensimsMeanVectors(String name) throws Exception {
        GensimExpected.Model expected = GENSIM.model(name);
        assertThat(expected.queries().meanVectors()).isNotEmpty()
                .anyMatch(GensimExpected.MeanVector::preNormalize).anyMatch(q -> !q.preNormalize());
        try (WordModel model = TestModels.wordModel(name, expected.path().toString())) {
            for (GensimExpected.MeanVector q : expected.queries().meanVectors()) {
                TextEncoding encoding = TextEncoding.of(null, null, false, false, q.preNormalize());
                float[] ours = model.encode(List.of(String.join(" ", q.words())), encoding, OovPolicy.SKIP)
                        .texts().get(0).vector();
                assertThat(ours).as("%s %s preNormalize %s", name, q.words(), q.preNormalize())
                        .containsExactly(q.vector(), within(1e-5f));
            }
        }
    }

    /** A zero vector has no direction: averaged as unit vectors, it is left out, as fastText leaves it out. */
    @Test
    void aZeroVectorIsLeftOutOfAMeanOfUnitVectors(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.txt"), "a 0 0\nb 1 0\nc 0 2\n");
        try (WordModel model = TestModels.wordModel("tiny", file.toString())) {
            float[] unit = model.encode(List.of("a b c"), TextEncoding.of(null, null, false, false, true),
                    OovPolicy.SKIP).texts().get(0).vector();
            assertThat(unit).containsExactly(0.5f, 0.5f);
            float[] plain = model.encode(List.of("a b c"), TextEncoding.MEAN, OovPolicy.SKIP).texts().get(0).vector();
            assertThat(plain).containsExactly(new float[] {1 / 3f, 2 / 3f}, within(1e-7f));
            var alone = model.encode(List.of("a"), TextEncoding.of(null, null, false, false, true), OovPolicy.SKIP)
                    .texts().get(0);
            assertThat(alone.vector()).isNull();
            assertThat(alone.tokens()).containsExactly("a");
        }
    }
}
