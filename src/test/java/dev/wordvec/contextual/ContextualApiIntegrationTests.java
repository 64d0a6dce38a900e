package dev.wordvec.contextual;

import static dev.wordvec.testing.Oracle.cosine;
import static dev.wordvec.contextual.MiniLmReferenceTests.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.ContextualModels;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A contextual model beside a word-vector one, over HTTP: the built-in all-MiniLM-L6-v2 (float32
 * and quantised) answers the text routes with sentence-transformers' vectors (the committed
 * reference), gives token vectors, refuses word routes by kind, and gives each text the same
 * vector whatever else shares its batch.
 */
@ContextualModels
class ContextualApiIntegrationTests extends RunningService {

    @org.springframework.beans.factory.annotation.Autowired
    private dev.wordvec.models.ModelRegistry registry;

    private static final JsonNode REFERENCE = read("reference.json");
    private static final JsonNode QUANTIZED = read("reference-quantized.json");

    private static JsonNode read(String file) {
        try {
            return JsonMapper.builder().build().readTree(Path.of("src/test/resources/reference/minilm", file).toFile());
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode reference) {
        List<String> texts = new ArrayList<>();
        reference.get("sentences").forEach(s -> texts.add(s.get("text").asString()));
        return texts;
    }

    private static float[] expected(JsonNode reference, String text) {
        for (JsonNode s : reference.get("sentences")) {
            if (s.get("text").asString().equals(text)) {
                return floats(s.get("embedding"));
            }
        }
        throw new IllegalArgumentException(text);
    }

    /** A request body: the fields as a JSON object. */
    static String body(Map<String, Object> fields) {
        return JsonMapper.builder().build().writeValueAsString(fields);
    }

    @Test
    void sentenceVectorsEqualSentenceTransformers() {
        List<String> texts = texts(REFERENCE);
        Response response = http.post("/sentence-vector", body(Map.of("model", "minilm", "texts", texts)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.get("dimension").asInt()).isEqualTo(384);
        JsonNode results = response.get("results");
        for (int i = 0; i < texts.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(cosine(Http.floats(result.get("vector")), expected(REFERENCE, texts.get(i))))
                    .as(texts.get(i)).isGreaterThanOrEqualTo(0.9999);
            assertThat(result.get("unknown")).isEmpty();
            // Only the 200-word text is longer than MiniLM's 128 tokens.
            assertThat(result.path("truncated").asBoolean(false)).as(texts.get(i)).isEqualTo(texts.get(i).length() > 500);
        }
        assertThat(results.get(0).get("tokens").toString()).isEqualTo(
                "[\"[CLS]\",\"a\",\"man\",\"is\",\"playing\",\"a\",\"guitar\",\".\",\"[SEP]\"]");
    }

    @Test
    void textSimilarityAndTheOpenAiRouteUseTheSameVectors() {
        String a = "A man is playing a guitar.";
        String b = "A person plays an acoustic guitar on stage.";
        Response similarity = http.post("/similarity", body(Map.of("model", "minilm", "text1", a, "text2", b)));
        assertThat(similarity.status()).as(similarity.body()).isEqualTo(200);
        assertThat(similarity.get("similarity").asDouble())
                .isCloseTo(cosine(expected(REFERENCE, a), expected(REFERENCE, b)), within(1e-4));
        // The network pooled the tokens; no word weighting was applied, and the answer says which.
        assertThat(similarity.get("pooling").asString()).isEqualTo("mean");
        assertThat(similarity.get("weighting").isNull()).isTrue();
        Response words = http.post("/similarity", body(Map.of("model", "glove", "text1", "the cat", "text2", "a dog")));
        assertThat(words.get("weighting").asString()).isEqualTo("mean");
        assertThat(words.json().has("pooling")).as(words.body()).isFalse();
        // A text of punctuation alone is word pieces to the network (sentence-transformers encodes
        // it), so it is compared, not refused for having none of the service's words.
        Response dots = http.post("/similarity", body(Map.of("model", "minilm", "text1", "...", "text2", b)));
        assertThat(dots.status()).as(dots.body()).isEqualTo(200);
        Response vectors = http.post("/sentence-vector", body(Map.of("model", "minilm", "texts", List.of("...", b))));
        assertThat(dots.get("similarity").asDouble()).isCloseTo(cosine(
                Http.floats(vectors.get("results").get(0).get("vector")),
                Http.floats(vectors.get("results").get(1).get("vector"))), within(1e-5));

        String longText = texts(REFERENCE).get(texts(REFERENCE).size() - 1);
        Response embeddings = http.post("/v1/embeddings", body(Map.of("model", "minilm", "input", List.of(a, longText))));
        assertThat(embeddings.status()).as(embeddings.body()).isEqualTo(200);
        assertThat(cosine(Http.floats(embeddings.get("data").get(0).get("embedding")), expected(REFERENCE, a)))
                .isGreaterThanOrEqualTo(0.9999);
        assertThat(embeddings.get("truncated").toString()).isEqualTo("[1]");
        assertThat(embeddings.header("X-Wordvec-Truncated")).isEqualTo("1");
    }

    @Test
    void tokenVectorsEqualTheLastHiddenState() {
        for (JsonNode expected : REFERENCE.get("tokens")) {
            String text = expected.get("text").asString();
            Response response = http.post("/token-vectors", body(Map.of("model", "minilm", "text", text)));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.get("truncated").asBoolean()).isFalse();
            JsonNode tokens = response.get("tokens");
            assertThat(tokens.size()).isEqualTo(expected.get("tokens").size());
            for (int i = 0; i < tokens.size(); i++) {
                JsonNode token = tokens.get(i);
                assertThat(token.get("token").asString()).isEqualTo(expected.get("tokens").get(i).asString());
                assertThat(token.get("start").asInt()).isEqualTo(expected.get("offsets").get(i).get(0).asInt());
                assertThat(token.get("end").asInt()).isEqualTo(expected.get("offsets").get(i).get(1).asInt());
                assertThat(cosine(Http.floats(token.get("vector")), floats(expected.get("vectors").get(i))))
                        .as(text + " token " + i).isGreaterThanOrEqualTo(0.9999);
            }
        }
        // Offsets count code points, as Python's tokenizers count them (Java's UTF-16 would give 12..17).
        JsonNode perche = http.post("/token-vectors", body(Map.of("model", "minilm", "text", "😀😀 Non so perché.")))
                .get("tokens").get(4);
        assertThat(perche.get("token").asString()).isEqualTo("perch");
        assertThat(List.of(perche.get("start").asInt(), perche.get("end").asInt())).containsExactly(10, 15);
        // "bat" (token 2 in the first text, 4 in the second) means two things: two vectors.
        float[] animal = Http.floats(http.post("/token-vectors", body(Map.of("model", "minilm",
                "text", "The bat flew out of the cave at dusk."))).get("tokens").get(2).get("vector"));
        float[] club = Http.floats(http.post("/token-vectors", body(Map.of("model", "minilm",
                "text", "He swung the bat and hit the ball."))).get("tokens").get(4).get("vector"));
        assertThat(cosine(animal, club)).isLessThan(0.9);
    }

    @Test
    void eachKindRefusesTheOthersRoutesByName() {
        Response word = http.get("/vector/bank?model=minilm");
        assertThat(word.status()).isEqualTo(400);
        assertThat(word.get("type").asString()).isEqualTo("urn:wordvec:problem:not-a-word-model");
        assertThat(word.get("kind").asString()).isEqualTo("contextual");
        Response neighbors = http.post("/neighbors", body(Map.of("model", "minilm", "word", "bank")));
        assertThat(neighbors.status()).isEqualTo(400);

        Response tokens = http.post("/token-vectors", body(Map.of("model", "glove", "text", "the bank")));
        assertThat(tokens.status()).isEqualTo(400);
        assertThat(tokens.get("type").asString()).isEqualTo("urn:wordvec:problem:not-a-contextual-model");
        assertThat(tokens.get("detail").asString()).contains("glove");

        Response sif = http.post("/sentence-vector", body(Map.of("model", "minilm", "text", "a", "weighting", "sif")));
        assertThat(sif.status()).isEqualTo(400);
        assertThat(sif.get("detail").asString()).contains("contextual");
        Response unit = http.post("/sentence-vector", body(Map.of("model", "minilm", "text", "a", "preNormalize", true)));
        assertThat(unit.status()).isEqualTo(400);
        assertThat(unit.get("detail").asString()).contains("contextual", "'preNormalize'");
    }

    /**
     * Half of a surrogate pair (JSON's {@code "\\ud800"} alone) is no character: the tokenizer dropped
     * it without a word and Python's tokenizers refuse the string; every route refuses it by name.
     */
    @Test
    void halfASurrogatePairIsRefusedNotDropped() {
        // Escaped in the JSON, as a client writes a lone surrogate (Java's own writer cannot send one).
        String text = "\"abc\\ud800def\"";
        String detail = "the text 'abc\ud800def' holds \\uD800 at character 3, half of a surrogate pair without "
                + "its other half: no Unicode character, so the tokenizer cannot read it";
        Response sentence = http.post("/sentence-vector", "{\"model\": \"minilm\", \"text\": " + text + "}");
        assertThat(sentence.status()).isEqualTo(400);
        assertThat(sentence.get("detail").asString()).isEqualTo(detail);
        assertThat(http.post("/token-vectors", "{\"model\": \"minilm\", \"text\": \"\\udc00\"}").status())
                .isEqualTo(400);
        Response openAi = http.post("/v1/embeddings", "{\"model\": \"minilm\", \"input\": [\"fine\", " + text + "]}");
        assertThat(openAi.status()).isEqualTo(400);
        assertThat(openAi.get("error").get("message").asString()).isEqualTo(detail);
        Response tei = http.post("/embed", "{\"model\": \"minilm\", \"inputs\": " + text + "}");
        assertThat(tei.status()).isEqualTo(400);
        assertThat(tei.get("error").asString()).isEqualTo(detail);
        // A whole pair is a character: an emoji is read as before.
        assertThat(http.post("/sentence-vector", "{\"model\": \"minilm\", \"text\": \"abc\\ud83d\\ude00def\"}")
                .status()).isEqualTo(200);
    }

    @Test
    void modelsListTheContextualKind() {
        JsonNode models = http.get("/models").get("models");
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        models.forEach(m -> byName.put(m.get("name").asString(), m));
        assertThat(byName.get("minilm").get("kind").asString()).isEqualTo("contextual");
        assertThat(byName.get("minilm").get("format").asString()).isEqualTo("onnx");
        assertThat(byName.get("minilm").get("dimension").asInt()).isEqualTo(384);
        assertThat(byName.get("minilm").get("dtype").asString()).isEqualTo("float32");
        assertThat(byName.get("minilm-q").get("dtype").asString()).isEqualTo("int8");
        assertThat(byName.get("glove").get("kind").asString()).isEqualTo("words");

        // Health and metrics cover it like the word models.
        assertThat(http.get("/readyz").status()).isEqualTo(200);
        http.post("/sentence-vector", body(Map.of("model", "minilm", "text", "a cat")));
        String metrics = http.get("/actuator/prometheus").body();
        assertThat(metrics).contains("wordvec_model_ready{model=\"minilm\"} 1.0")
                .contains("wordvec_model_dimension{model=\"minilm\"} 384.0")
                .containsPattern("wordvec_contextual_texts_total\\{model=\"minilm\"} [1-9]")
                .containsPattern("wordvec_contextual_runs_total\\{model=\"minilm\"} [1-9]")
                // Each kind has its own counters: no searches or engine arrays for a network, and no
                // network runs for a word model.
                .doesNotContain("wordvec_searches_total{model=\"minilm\"}", "wordvec_engine_arrays{model=\"minilm\"}")
                // Nor a vocabulary or a matrix, which would read as 0 words.
                .doesNotContain("wordvec_model_words{model=\"minilm\"}", "wordvec_model_matrix_bytes{model=\"minilm\"}")
                .doesNotContain("wordvec_contextual_runs_total{model=\"glove\"}")
                .contains("wordvec_searches_total{model=\"glove\"}");
    }

    /**
     * 16 threads send random mixes of the reference texts at once, so texts share runs of the
     * network with different neighbours and padding: each text's vector stays the one it gets
     * alone (float32: to float rounding; quantised: exactly, since each text runs alone).
     */
    @Test
    void aTextsVectorDoesNotDependOnItsBatch() throws Exception {
        for (String model : List.of("minilm", "minilm-q")) {
            List<String> texts = texts(model.equals("minilm") ? REFERENCE : QUANTIZED);
            Map<String, float[]> alone = new java.util.HashMap<>();
            for (String text : texts) {
                alone.put(text, Http.floats(http.post("/sentence-vector", body(Map.of("model", model, "text", text)))
                        .get("results").get(0).get("vector")));
            }
            Map<String, Double> worst = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int c = 0; c < 64; c++) {
                    Random random = new Random(c);
                    List<String> mix = new ArrayList<>(texts);
                    Collections.shuffle(mix, random);
                    List<String> chosen = mix.subList(0, 1 + random.nextInt(5));
                    calls.add(pool.submit(() -> {
                        Response response = http.post("/sentence-vector", body(Map.of("model", model, "texts", chosen)));
                        assertThat(response.status()).as(response.body()).isEqualTo(200);
                        for (int i = 0; i < chosen.size(); i++) {
                            double cos = cosine(Http.floats(response.get("results").get(i).get("vector")),
                                    alone.get(chosen.get(i)));
                            worst.merge(chosen.get(i), cos, Math::min);
                            if (model.equals("minilm-q")) {
                                assertThat(Http.floats(response.get("results").get(i).get("vector")))
                                        .containsExactly(alone.get(chosen.get(i)));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(worst.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow())
                    .as(model + ": " + worst.entrySet().stream().map(e -> e.getKey().substring(0, Math.min(20,
                            e.getKey().length())) + "=" + e.getValue()).collect(Collectors.joining(", ")))
                    .isGreaterThanOrEqualTo(0.999999);
        }
        // The mixes did share runs: more texts than runs of the float32 network (the quantised one runs each alone).
        ContextualEncoder minilm = registry.require("minilm").contextual();
        assertThat(minilm.textsRun()).isGreaterThan(minilm.runs());
        ContextualEncoder quantized = registry.require("minilm-q").contextual();
        assertThat(quantized.textsRun()).isEqualTo(quantized.runs());
    }
}
