package dev.wordvec.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.GensimExpected.Scored;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Answers over HTTP against gensim's: the same words in the same order, cosines within a tolerance. */
public final class Rankings {

    private Rankings() {
    }

    /** {@code ours} (a JSON array of {word, similarity}) ranks as gensim does, cosines to 1e-5. */
    public static void assertSameRanking(JsonNode ours, List<Scored> gensim) {
        assertSameRanking(ours, gensim, 1e-5);
    }

    public static void assertSameRanking(JsonNode ours, List<Scored> gensim, double tolerance) {
        assertThat(ours.size()).isEqualTo(gensim.size());
        for (int i = 0; i < gensim.size(); i++) {
            assertThat(ours.get(i).get("word").asString()).isEqualTo(gensim.get(i).word());
            assertThat(ours.get(i).get("similarity").asDouble()).isCloseTo(gensim.get(i).similarity(), within(tolerance));
        }
    }

    /** {@code words} as a JSON array. */
    public static String jsonArray(List<String> words) {
        return words.stream().map(Http::quote).collect(Collectors.joining(",", "[", "]"));
    }
}
