package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fastText {@code .bin} model configured as a user configures one, through the service's own
 * settings: its answers are fastText's for every word, including other spellings of words it holds
 * ({@code Landlady}, {@code ЕМУ}), which fastText answers from their n-grams. Expected values:
 * src/test/python/fasttext_expected.py (gensim and Debian's fastText 0.9.2).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.ru.path=src/test/resources/fixtures/crime-and-punishment.bin",
    "wordvec.models.rucase.path=src/test/resources/fixtures/crime-and-punishment.bin",
    "wordvec.models.rucase.case-fallback=exact,lower",
    "wordvec.models.ruzero.path=src/test/resources/fixtures/crime-and-punishment.bin",
    "wordvec.models.ruzero.oov=zero",
    "wordvec.default-model=ru",
})
class FastTextIntegrationTests extends RunningService {

    private static JsonNode expected;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = FastTextIntegrationTests.class.getResourceAsStream("/fasttext/expected.json")) {
            expected = JsonMapper.builder().build().readTree(in).get("crime-and-punishment.bin");
        }
    }

    private static String path(String word) {
        return URLEncoder.encode(word, StandardCharsets.UTF_8);
    }

    @Test
    void otherSpellingsOfKnownWordsGetFastTextsNgramVectors() {
        for (String word : new String[] {"Landlady", "ЕМУ", "раскольниковым"}) {
            Response answer = http.get("/vector/" + path(word));
            assertThat(answer.status()).as(word).isEqualTo(200);
            assertThat(answer.get("matched").asString()).as(word).isEqualTo("(subwords)");
            float[] ours = Http.floats(answer.get("vector"));
            JsonNode theirs = expected.get("outOfVocabulary").get(word);
            assertThat(ours).hasSize(theirs.size());
            for (int d = 0; d < ours.length; d++) {
                assertThat(ours[d]).as("%s [%d]", word, d).isCloseTo(theirs.get(d).floatValue(), within(1e-6f));
            }
        }
    }

    @Test
    void nearestWordsOfAnotherSpellingAreFastTextNns() {
        JsonNode theirs = expected.get("fasttextNn").get("Landlady");
        JsonNode ours = http.get("/neighbors/Landlady?k=5").get("neighbors");
        for (int i = 0; i < 5; i++) {
            assertThat(ours.get(i).get("word").asString()).as("#%d", i).isEqualTo(theirs.get(i).get(0).asString());
            assertThat(ours.get(i).get("similarity").asDouble()).isCloseTo(theirs.get(i).get(1).asDouble(), within(1e-5));
        }
    }

    /**
     * {@code oov: zero} on a fastText model gives unknown words zeros; a search, where a zero vector
     * has no direction, answers them as the model does with no policy set: from their n-grams.
     */
    @Test
    void aModelConfiguredZeroStillSearchesFromNgrams() {
        JsonNode theirs = expected.get("fasttextNn").get("Landlady");
        Response ours = http.get("/neighbors/Landlady?k=5&model=ruzero");
        assertThat(ours.status()).as(ours.body()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(ours.get("neighbors").get(i).get("word").asString()).isEqualTo(theirs.get(i).get(0).asString());
        }
        // Where zero means something, it is what the model was set to do.
        Response vector = http.get("/vector/Landlady?model=ruzero");
        assertThat(vector.get("matched").isNull()).isTrue();
        assertThat(Http.floats(vector.get("vector"))).containsOnly(0f);
    }

    /** A word outside the vocabulary ranks the vocabulary's words as fastText's {@code nn} orders them. */
    @Test
    void ranksOfAnUnknownWordFollowFastTextNn() throws Exception {
        JsonNode nn = expected.get("fasttextNn").get("Landlady");
        java.util.List<String> others = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(nn.get(i).get(0).asString());
        }
        JsonNode answer = http.post("/similarity", JsonMapper.builder().build().writeValueAsString(
                Map.of("word", "Landlady", "others", others, "rank", true))).get("similarities");
        for (int i = 0; i < 5; i++) {
            assertThat(answer.get(i).get("rank").asInt()).as(others.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void aTextWithOtherSpellingsIsFastTextsSentenceVector() throws Exception {
        String text = "Landlady и ЕМУ";
        JsonNode answer = http.post("/sentence-vector", JsonMapper.builder().build().writeValueAsString(
                Map.of("text", text, "preNormalize", true))).get("results").get(0);
        assertThat(answer.get("unknown").size()).isZero();
        JsonNode fastText = expected.get("fasttextSentenceVectors").get(text);
        for (int d = 0; d < fastText.size(); d++) {
            // fastText prints 5 significant digits.
            assertThat(answer.get("vector").get(d).asDouble()).isCloseTo(fastText.get(d).asDouble(), within(5e-5));
        }
    }

    /**
     * An unknown word written with marks inside it is one word, answered from its own n-grams, as
     * fastText (which splits at whitespace only) answers it; the text's other words as before.
     */
    @Test
    void anUnknownWordWithMarksInsideIsFastTextsWholeWord() throws Exception {
        String text = "the-end и раскольников's";
        JsonNode answer = http.post("/sentence-vector", JsonMapper.builder().build().writeValueAsString(
                Map.of("text", text, "preNormalize", true))).get("results").get(0);
        assertThat(answer.get("tokens").toString()).isEqualTo("[\"the-end\",\"и\",\"раскольников's\"]");
        assertThat(answer.get("unknown").size()).isZero();
        JsonNode fastText = expected.get("fasttextSentenceVectors").get(text);
        JsonNode gensim = expected.get("sentenceVectors").get(text);
        for (int d = 0; d < fastText.size(); d++) {
            double value = answer.get("vector").get(d).asDouble();
            assertThat(value).isCloseTo(fastText.get(d).asDouble(), within(5e-5));
            assertThat(value).isCloseTo(gensim.get(d).asDouble(), within(1e-6));
        }
        // Under another policy the parts are words, as for any model.
        JsonNode parts = http.post("/sentence-vector", JsonMapper.builder().build().writeValueAsString(
                Map.of("text", "the-end", "oov", "skip"))).get("results").get(0);
        assertThat(parts.get("tokens").toString()).isEqualTo("[\"the\",\"end\"]");
    }

    @Test
    void aConfiguredCaseFallbackIsTriedBeforeTheNgrams() {
        Response answer = http.get("/vector/Landlady?model=rucase");
        assertThat(answer.get("matched").asString()).isEqualTo("landlady");
        JsonNode models = http.get("/models").get("models");
        assertThat(models.get(0).get("name").asString()).isEqualTo("ru");
        assertThat(models.get(0).get("lookup").get("caseFallback").toString()).isEqualTo("[\"exact\"]");
        assertThat(models.get(1).get("lookup").get("caseFallback").toString()).isEqualTo("[\"exact\",\"lower\"]");
    }
}
