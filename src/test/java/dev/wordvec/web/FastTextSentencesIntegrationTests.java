package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.Oracle;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code "weighting": "fasttext"}: fastText's own sentence vectors, for a word-vector model and
 * for a classifier (whose vectors add its n-gram rows, the end of sentence and its word bigrams),
 * and for a quantised classifier that kept some of its n-gram and word-bigram buckets.
 * Expected values: fastText's Python module, src/test/python/fasttext_sentences.py.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.supervised.path=src/test/resources/fasttext/supervised.bin",
    "wordvec.models.quantised.path=src/test/resources/fasttext/supervised-pruned.ftz",
    "wordvec.models.ru.path=src/test/resources/fixtures/crime-and-punishment.bin",
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.default-model=ru",
})
class FastTextSentencesIntegrationTests extends RunningService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static JsonNode expected;
    /** supervised.bin marked as file format 11, which fastText reads without character n-grams. */
    private static final Path VERSION_11 = version11();

    private static Path version11() {
        try {
            Path dir = Files.createTempDirectory("wordvec-v11");
            byte[] model = Files.readAllBytes(Path.of("src/test/resources/fasttext/supervised.bin"));
            ByteBuffer.wrap(model).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 11);
            return Files.write(dir.resolve("v11.bin"), model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void version11Model(DynamicPropertyRegistry registry) {
        registry.add("wordvec.models.v11.path", VERSION_11::toString);
    }

    @AfterAll
    static void deleteTheCopy() throws IOException {
        FileSystemUtils.deleteRecursively(VERSION_11.getParent());
    }

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = FastTextSentencesIntegrationTests.class.getResourceAsStream("/fasttext/sentences.json")) {
            expected = JSON.readTree(in);
        }
    }

    @Test
    void sentenceVectorsAreFastTextsForAWordVectorModelAndAClassifier() {
        for (String[] model : new String[][] {{"supervised", "supervised.bin"}, {"ru", "crime-and-punishment.bin"},
            {"quantised", "supervised-pruned.ftz"}}) {
            JsonNode texts = expected.get(model[1]).get("texts");
            assertThat(texts.size()).isGreaterThan(10);
            texts.propertyNames().forEach(text -> {
                Response answer = http.post("/sentence-vector", JSON.writeValueAsString(
                        Map.of("model", model[0], "text", text, "weighting", "fasttext")));
                assertThat(answer.status()).as("%s: '%s' %s", model[0], text, answer.body()).isEqualTo(200);
                JsonNode vector = answer.get("results").get(0).get("vector");
                JsonNode theirs = texts.get(text);
                boolean zero = true;
                for (JsonNode x : theirs) {
                    zero &= x.asDouble() == 0;
                }
                if (zero) {
                    // fastText answers a text with no word it can place with zeros; wordvec with null.
                    assertThat(vector.isNull()).as("%s: '%s'", model[0], text).isTrue();
                    return;
                }
                float[] ours = Http.floats(vector);
                assertThat(ours).hasSize(theirs.size());
                for (int d = 0; d < ours.length; d++) {
                    assertThat(ours[d]).as("%s: '%s' [%d]", model[0], text, d)
                            .isCloseTo(theirs.get(d).floatValue(), within(1e-5f));
                }
            });
        }
    }

    /**
     * A classifier reads a text as fastText reads a line, up to its first {@code </s>} (the
     * vectors are in the test above); the tokens say where it stopped. A word-vector model's
     * sentence vector reads every word, {@code </s>} included, as fastText's does.
     */
    @Test
    void aClassifierStopsReadingAtTheEndOfSentenceWord() {
        String text = "Athens </s> Greece Baghdad";
        Response classifier = http.post("/sentence-vector", JSON.writeValueAsString(
                Map.of("model", "supervised", "text", text, "weighting", "fasttext")));
        assertThat(classifier.get("results").get(0).get("tokens").toString()).isEqualTo("[\"Athens\",\"</s>\"]");
        Response words = http.post("/sentence-vector", JSON.writeValueAsString(
                Map.of("model", "ru", "text", text, "weighting", "fasttext")));
        assertThat(words.get("results").get(0).get("tokens")).hasSize(4);
    }

    @Test
    void fastTextWeightingNeedsNgramsAndNoPreNormalize() {
        Response glove = http.post("/sentence-vector", "{\"model\": \"glove\", \"text\": \"the\", \"weighting\": \"fasttext\"}");
        assertThat(glove.status()).isEqualTo(400);
        assertThat(glove.get("detail").asString()).isEqualTo("'weighting': 'fasttext' is fastText's own sentence "
                + "vector, for a model with fastText's n-grams (a fastText .bin, or gensim's FastText); model 'glove' has none");
        Response both = http.post("/sentence-vector",
                "{\"text\": \"и в\", \"weighting\": \"fasttext\", \"preNormalize\": true}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.get("field").asString()).isEqualTo("preNormalize");
    }

    /**
     * Two texts compared with {@code "weighting": "fasttext"} read them as fastText does: "..." is
     * a word there (and "" still has a classifier's end of sentence), so the cosine is fastText's,
     * not a 400 for a text without the service's words.
     */
    @Test
    void textSimilarityWithFastTextWeightingReadsTheTextsAsFastTextDoes() {
        for (String[] model : new String[][] {{"supervised", "supervised.bin"}, {"ru", "crime-and-punishment.bin"}}) {
            JsonNode texts = expected.get(model[1]).get("texts");
            Response answer = http.post("/similarity", JSON.writeValueAsString(Map.of("model", model[0],
                    "text1", "...", "text2", "Paris, France.", "weighting", "fasttext")));
            assertThat(answer.status()).as("%s %s", model[0], answer.body()).isEqualTo(200);
            assertThat(answer.get("similarity").asDouble()).as(model[0])
                    .isCloseTo(cosine(texts.get("..."), texts.get("Paris, France.")), within(1e-5));
        }
        Response empty = http.post("/similarity", "{\"model\": \"supervised\", \"text1\": \"\", "
                + "\"text2\": \"Paris, France.\", \"weighting\": \"fasttext\"}");
        assertThat(empty.status()).isEqualTo(200);
        JsonNode texts = expected.get("supervised.bin").get("texts");
        assertThat(empty.get("similarity").asDouble()).isCloseTo(cosine(texts.get(""), texts.get("Paris, France.")),
                within(1e-5));
        // The service's own words for the mean: "..." has none.
        Response mean = http.post("/similarity", "{\"model\": \"ru\", \"text1\": \"...\", \"text2\": \"и в\"}");
        assertThat(mean.status()).isEqualTo(400);
        assertThat(mean.get("detail").asString()).isEqualTo("'text1' has no words");
        Response ruEmpty = http.post("/similarity", "{\"model\": \"ru\", \"text1\": \"и\", \"text2\": \" \", "
                + "\"weighting\": \"fasttext\"}");
        assertThat(ruEmpty.status()).isEqualTo(400);
        assertThat(ruEmpty.get("detail").asString()).isEqualTo("'text2' has no words");
    }

    private static double cosine(JsonNode a, JsonNode b) {
        return Oracle.cosine(Http.floats(a), Http.floats(b));
    }

    /**
     * A classifier saved as file format 11: fastText gives its words their own rows, its unknown
     * words nothing, and its sentences their words, end of sentence and word bigrams
     * (src/test/python/fasttext_version11.py). Its unknown words are unknown, not answered from
     * n-grams it does not use.
     */
    @Test
    void aClassifierFromBeforeFormat12HasNoCharacterNgrams() throws Exception {
        JsonNode v11;
        try (InputStream in = getClass().getResourceAsStream("/fasttext/version11.json")) {
            v11 = JSON.readTree(in);
        }
        assertThat(v11.get("maxn").asInt()).isZero();
        for (Map.Entry<String, JsonNode> word : v11.get("inVocabulary").properties()) {
            Response answer = http.get("/vector/" + word.getKey() + "?model=v11");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertClose(Http.floats(answer.get("vector")), word.getValue(), word.getKey());
        }
        Response unknown = http.get("/vector/zzqx?model=v11");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        Response subword = http.get("/vector/zzqx?model=v11&oov=subword");
        assertThat(subword.status()).isEqualTo(400);
        assertThat(subword.get("detail").asString()).isEqualTo("oov 'subword' answers unknown words from character "
                + "n-grams (a fastText .bin model's); model 'v11' has no character n-grams");
        for (Map.Entry<String, JsonNode> text : v11.get("sentences").properties()) {
            Response answer = http.post("/sentence-vector", JSON.writeValueAsString(
                    Map.of("model", "v11", "text", text.getKey(), "weighting", "fasttext")));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertClose(Http.floats(answer.get("results").get(0).get("vector")), text.getValue(), text.getKey());
        }
    }

    private static void assertClose(float[] ours, JsonNode theirs, String what) {
        assertThat(ours).as(what).hasSize(theirs.size());
        for (int d = 0; d < ours.length; d++) {
            assertThat(ours[d]).as("%s [%d]", what, d).isCloseTo(theirs.get(d).floatValue(), within(1e-5f));
        }
    }
}
