package dev.wordvec.contextual;

import static dev.wordvec.contextual.ContextualApiIntegrationTests.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * sentence-transformers' prompts: a model's named texts put before each input
 * ({@code encode(texts, prompt_name="query")} is {@code encode(["query: " + t for t in texts])}),
 * its default prompt, and a prompt left out of the pooling ({@code include_prompt: false}, where
 * the prompt's tokens get attention mask 0 in the Pooling module). MiniLM's network serves as
 * {@code e5} (a directory whose {@code config_sentence_transformers.json} lists prompts, "query"
 * the default), as {@code instructed} (prompts from the configuration, not pooled) and as itself
 * ({@code minilm}, no prompts), so each answer can be checked against the plain model's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.minilm.kind=contextual",
    "wordvec.models.e5.kind=contextual",
    "wordvec.models.instructed.kind=contextual",
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.default-model=minilm",
})
class PromptsIntegrationTests extends RunningService {

    private static final Path DIR = directories();
    private static final String TEXT = "The bat flew out of the cave at dusk.";
    private static final String INSTRUCTION = "Represent the science title: ";

    @AfterAll
    static void deleteDirectories() throws IOException {
        FileSystemUtils.deleteRecursively(DIR);
    }

    @DynamicPropertySource
    static void paths(DynamicPropertyRegistry registry) {
        registry.add("wordvec.models.e5.path", () -> DIR.resolve("e5").toString());
        registry.add("wordvec.models.instructed.path", () -> DIR.resolve("instructed").toString());
        registry.add("wordvec.models.instructed.prompts.instruction", () -> INSTRUCTION);
    }

    /** Two exports of the built-in network (one copy of it, linked from the second). */
    private static Path directories() {
        try {
            Path dir = Files.createTempDirectory("wordvec-prompts");
            Path e5 = Files.createDirectories(dir.resolve("e5"));
            Path instructed = Files.createDirectories(dir.resolve("instructed").resolve("1_Pooling"))
                    .getParent();
            try (InputStream in = EncoderFiles.builtIn(false).onnx().open()) {
                Files.copy(in, e5.resolve("model.onnx"));
            }
            Files.createSymbolicLink(instructed.resolve("model.onnx"), e5.resolve("model.onnx"));
            for (Path export : List.of(e5, instructed)) {
                try (InputStream in = EncoderFiles.builtIn(false).tokenizer().open()) {
                    Files.copy(in, export.resolve("tokenizer.json"));
                }
            }
            Files.writeString(e5.resolve("config_sentence_transformers.json"), """
                    {"__version__": {"sentence_transformers": "3.0.1"},
                     "prompts": {"query": "query: ", "passage": "passage: "},
                     "default_prompt_name": "query", "similarity_fn_name": "cosine"}""");
            Files.writeString(instructed.resolve("1_Pooling/config.json"), """
                    {"word_embedding_dimension": 384, "pooling_mode_mean_tokens": true, "include_prompt": false}""");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<float[]> sentenceVectors(Map<String, Object> request) {
        Response response = http.post("/sentence-vector", body(request));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<float[]> vectors = new ArrayList<>();
        response.get("results").forEach(r -> vectors.add(Http.floats(r.get("vector"))));
        return vectors;
    }

    private float[] plain(String text) {
        return sentenceVectors(Map.of("model", "minilm", "text", text)).get(0);
    }

    @Test
    void aNamedPromptGoesBeforeEachText() {
        List<float[]> prompted = sentenceVectors(Map.of("model", "e5", "texts", List.of(TEXT, "a cat"),
                "prompt", "passage"));
        assertThat(prompted.get(0)).containsExactly(plain("passage: " + TEXT));
        assertThat(prompted.get(1)).containsExactly(plain("passage: a cat"));
        JsonNode tokens = http.post("/sentence-vector", body(Map.of("model", "e5", "text", "a cat", "prompt",
                "passage"))).get("results").get(0).get("tokens");
        assertThat(tokens.toString()).isEqualTo("[\"[CLS]\",\"passage\",\":\",\"a\",\"cat\",\"[SEP]\"]");
        // Two texts compared: each with the prompt.
        Response similarity = http.post("/similarity", body(Map.of("model", "e5", "text1", TEXT, "text2", "a cat",
                "prompt", "passage")));
        assertThat(similarity.get("similarity").doubleValue())
                .isCloseTo(dev.wordvec.testing.Oracle.cosine(prompted.get(0), prompted.get(1)), within(1e-6));
    }

    @Test
    void theDefaultPromptGoesBeforeTextsThatNameNone() {
        float[] query = plain("query: " + TEXT);
        assertThat(sentenceVectors(Map.of("model", "e5", "text", TEXT)).get(0)).containsExactly(query);
        Response openAi = http.post("/v1/embeddings", body(Map.of("model", "e5", "input", TEXT)));
        assertThat(Http.floats(openAi.get("data").get(0).get("embedding"))).containsExactly(query);
        // TEI's routes too, and TEI's prompt_name.
        assertThat(Http.floats(http.post("/embed?model=e5", body(Map.of("inputs", TEXT))).json().get(0)))
                .containsExactly(query);
        assertThat(Http.floats(http.post("/embed?model=e5", body(Map.of("inputs", TEXT, "prompt_name", "passage")))
                .json().get(0))).containsExactly(plain("passage: " + TEXT));
        JsonNode tokens = http.post("/tokenize?model=e5", body(Map.of("inputs", "a cat", "prompt_name", "passage")))
                .json().get(0);
        assertThat(tokens.get(1).get("text").asString()).isEqualTo("passage");
        assertThat(tokens.get(3).get("text").asString()).isEqualTo("a");
        assertThat(tokens.get(3).get("start").asInt()).isEqualTo("passage: ".length());
    }

    /**
     * {@code include_prompt: false}: the vector is the mean of the prompted text's token vectors
     * after the prompt's ({@code [CLS]} and the prompt's pieces: the prompt's own token count,
     * less its closing {@code [SEP]}), as sentence-transformers computes it.
     */
    @Test
    void aPromptTheModelDoesNotPoolIsLeftOutOfTheMean() {
        float[] instructed = sentenceVectors(Map.of("model", "instructed", "text", TEXT, "prompt", "instruction"))
                .get(0);
        int masked = http.post("/tokenize?model=minilm", body(Map.of("inputs", INSTRUCTION))).json().get(0).size() - 1;
        assertThat(masked).isEqualTo(6);  // [CLS] represent the science title :
        JsonNode tokens = http.post("/token-vectors", body(Map.of("model", "minilm", "text", INSTRUCTION + TEXT)))
                .get("tokens");
        double[] mean = new double[384];
        for (int t = masked; t < tokens.size(); t++) {
            float[] v = Http.floats(tokens.get(t).get("vector"));
            for (int d = 0; d < mean.length; d++) {
                mean[d] += v[d] / (double) (tokens.size() - masked);
            }
        }
        double norm = Math.sqrt(java.util.Arrays.stream(mean).map(x -> x * x).sum());
        for (int d = 0; d < mean.length; d++) {
            assertThat(instructed[d]).isCloseTo((float) (mean[d] / norm), within(1e-6f));
        }
        // Without a prompt the text is pooled whole, as the plain model pools it.
        assertThat(sentenceVectors(Map.of("model", "instructed", "text", TEXT)).get(0)).containsExactly(plain(TEXT));
    }

    @Test
    void anUnknownPromptOrAPromptForWordVectorsIsA400() {
        Response unknown = http.post("/sentence-vector", body(Map.of("model", "e5", "text", TEXT, "prompt", "doc")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.get("field").asString()).isEqualTo("prompt");
        assertThat(unknown.get("detail").asString()).isEqualTo("model 'e5' has no prompt 'doc': its prompts are "
                + "query, passage");
        Response none = http.post("/sentence-vector", body(Map.of("model", "minilm", "text", TEXT, "prompt", "query")));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.get("detail").asString()).endsWith("it has no prompts");
        Response tei = http.post("/embed?model=e5", body(Map.of("inputs", TEXT, "prompt_name", "doc")));
        assertThat(tei.status()).isEqualTo(400);
        assertThat(tei.get("field").asString()).isEqualTo("prompt_name");
        assertThat(tei.get("error_type").asString()).isEqualTo("Validation");
        Response words = http.post("/sentence-vector", body(Map.of("model", "glove", "text", "the year", "prompt",
                "query")));
        assertThat(words.status()).isEqualTo(400);
        assertThat(words.get("detail").asString()).contains("word-vector model");
        Response wordForm = http.post("/similarity", body(Map.of("model", "e5", "word1", "a", "word2", "b", "prompt",
                "query")));
        assertThat(wordForm.status()).isEqualTo(400);
        assertThat(wordForm.get("field").asString()).isEqualTo("prompt");
        assertThat(http.get("/models").json().toString()).contains("\"prompts\":[\"query\",\"passage\"]");
    }
}
