package dev.wordvec.tei;

import static dev.wordvec.testing.Oracle.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wordvec.testing.ContextualModels;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hugging Face text-embeddings-inference's routes over the built-in all-MiniLM-L6-v2 (and a
 * word-vector model): TEI's shapes, its limits and errors, and sentence-transformers' answers
 * (the committed reference, made by Python onnxruntime and tokenizers on the same files, which is
 * what TEI computes for this model). The last test runs Hugging Face's own JavaScript client.
 * The same context as {@code ContextualApiIntegrationTests} ({@link ContextualModels}): the models load once.
 */
@ContextualModels
class TeiApiIntegrationTests extends RunningService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode REFERENCE = read("reference.json");

    /** The reference's texts within MiniLM's 128 tokens, and its one longer text (200 words). */
    private static final List<String> SHORT = new ArrayList<>();
    private static String longText;

    static {
        REFERENCE.get("sentences").forEach(s -> {
            String text = s.get("text").asString();
            if (text.length() > 500) {
                longText = text;
            } else {
                SHORT.add(text);
            }
        });
    }

    private static JsonNode read(String file) {
        return JSON.readTree(Path.of("src/test/resources/reference/minilm", file).toFile());
    }

    private static JsonNode sentence(String text) {
        for (JsonNode s : REFERENCE.get("sentences")) {
            if (s.get("text").asString().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException(text);
    }

    private static String body(Map<String, Object> fields) {
        return JSON.writeValueAsString(fields);
    }

    private List<float[]> vectors(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<float[]> out = new ArrayList<>();
        response.json().forEach(v -> out.add(Http.floats(v)));
        return out;
    }

    private float[] sentenceVector(String model, String text, boolean normalize) {
        Response response = http.post("/sentence-vector", body(Map.of("model", model, "text", text, "normalize",
                normalize)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Http.floats(response.get("results").get(0).get("vector"));
    }

    @Test
    void embedGivesSentenceTransformersVectors() {
        List<float[]> vectors = vectors(http.post("/embed", body(Map.of("inputs", SHORT, "model", "minilm"))));
        assertThat(vectors).hasSize(SHORT.size());
        for (int i = 0; i < SHORT.size(); i++) {
            String text = SHORT.get(i);
            assertThat(cosine(vectors.get(i), Http.floats(sentence(text).get("embedding")))).as(text)
                    .isGreaterThanOrEqualTo(0.9999);
            // The same network run as our own route: the same floats.
            assertThat(vectors.get(i)).as(text).containsExactly(sentenceVector("minilm", text, true));
        }
        // One text is a list of one vector, as TEI answers; POST / is TEI's default route, the same.
        String text = SHORT.get(0);
        List<float[]> one = vectors(http.post("/embed?model=minilm", body(Map.of("inputs", text))));
        assertThat(one).hasSize(1);
        assertThat(one.get(0)).containsExactly(vectors.get(0));
        assertThat(vectors(http.post("/?model=minilm", body(Map.of("inputs", text)))).get(0))
                .containsExactly(vectors.get(0));
        // The quantised model answers too, as its own route does.
        assertThat(vectors(http.post("/embed", body(Map.of("inputs", text, "model", "minilm-q")))).get(0))
                .containsExactly(sentenceVector("minilm-q", text, true));
    }

    @Test
    void normalizeFalseGivesThePooledVectorAndDimensionsKeepTheFirst() {
        String text = SHORT.get(1);
        float[] unit = vectors(http.post("/embed?model=minilm", body(Map.of("inputs", text)))).get(0);
        float[] raw = vectors(http.post("/embed?model=minilm", body(Map.of("inputs", text, "normalize", false))))
                .get(0);
        double norm = Math.sqrt(dot(raw, raw));
        assertThat(norm).isNotCloseTo(1.0, within(0.01));
        for (int d = 0; d < raw.length; d++) {
            assertThat(raw[d] / norm).isCloseTo(unit[d], within(1e-6));
        }
        float[] eight = vectors(http.post("/embed?model=minilm", body(Map.of("inputs", text, "dimensions", 8))))
                .get(0);
        assertThat(eight).hasSize(8);
        double eightNorm = Math.sqrt(IntStream.range(0, 8).mapToDouble(d -> raw[d] * (double) raw[d]).sum());
        for (int d = 0; d < 8; d++) {
            assertThat(eight[d]).isCloseTo((float) (raw[d] / eightNorm), within(1e-6f));
        }
        Response tooMany = http.post("/embed?model=minilm", body(Map.of("inputs", text, "dimensions", 385)));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.get("field").asString()).isEqualTo("dimensions");
        assertThat(tooMany.get("error_type").asString()).isEqualTo("Validation");
    }

    @Test
    void aLongInputIsRefusedUnlessCutAndCutOnTheSideAsked() {
        Response refused = http.post("/embed", body(Map.of("inputs", longText, "model", "minilm")));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        int whole = http.post("/tokenize?model=minilm", body(Map.of("inputs", longText))).json().get(0).size();
        assertThat(whole).isGreaterThan(128);
        assertThat(refused.get("error").asString()).startsWith("Input validation error: `inputs` must have less "
                + "than 128 tokens. Given: " + whole + " (");
        assertThat(refused.get("error_type").asString()).isEqualTo("Validation");
        assertThat(refused.get("detail").asString()).isEqualTo(refused.get("error").asString())
                .contains("\"truncate\": true");
        // Cut at the end, as sentence-transformers cuts: its vector.
        Response cutResponse = http.post("/embed", body(Map.of("inputs", List.of(longText, SHORT.get(0)), "model",
                "minilm", "truncate", true)));
        assertThat(cutResponse.header("X-Wordvec-Truncated")).isEqualTo("1");
        float[] cut = vectors(cutResponse).get(0);
        assertThat(cosine(cut, Http.floats(sentence(longText).get("embedding")))).isGreaterThanOrEqualTo(0.9999);

        // Numbers are one word piece each: keeping the start or the end of 1..200 is the text of 1..126
        // or of 75..200 (126 pieces between [CLS] and [SEP]).
        String numbers = numbers(1, 200);
        assertThat(http.post("/tokenize?model=minilm", body(Map.of("inputs", numbers))).json().get(0).size())
                .isEqualTo(202);
        float[] right = vectors(http.post("/embed?model=minilm", body(Map.of("inputs", numbers, "truncate", true))))
                .get(0);
        float[] left = vectors(http.post("/embed?model=minilm", body(Map.of("inputs", numbers, "truncate", true,
                "truncation_direction", "Left")))).get(0);
        assertThat(cosine(right, vectors(http.post("/embed?model=minilm", body(Map.of("inputs", numbers(1, 126)))))
                .get(0))).isGreaterThan(0.99999);
        assertThat(cosine(left, vectors(http.post("/embed?model=minilm", body(Map.of("inputs", numbers(75, 200)))))
                .get(0))).isGreaterThan(0.99999);
        assertThat(cosine(left, right)).isLessThan(0.999);
        Response direction = http.post("/embed?model=minilm", body(Map.of("inputs", "a", "truncation_direction",
                "up")));
        assertThat(direction.status()).isEqualTo(400);
        assertThat(direction.get("field").asString()).isEqualTo("truncation_direction");
    }

    private static String numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    @Test
    void embedAllGivesEachTokensVector() {
        for (JsonNode reference : REFERENCE.get("tokens")) {
            String text = reference.get("text").asString();
            JsonNode all = http.post("/embed_all?model=minilm", body(Map.of("inputs", List.of(text)))).json();
            assertThat(all).hasSize(1);
            JsonNode tokens = all.get(0);
            assertThat(tokens.size()).as(text).isEqualTo(reference.get("vectors").size());
            for (int t = 0; t < tokens.size(); t++) {
                assertThat(cosine(Http.floats(tokens.get(t)), Http.floats(reference.get("vectors").get(t))))
                        .as(text + " token " + t).isGreaterThanOrEqualTo(0.9999);
            }
        }
        // Every token's vector is in the answer: bounded (for MiniLM, 10,922 tokens in all).
        Response many = http.post("/embed_all?model=minilm", body(Map.of("inputs",
                java.util.Collections.nCopies(86, numbers(1, 200)), "truncate", true)));
        assertThat(many.status()).isEqualTo(413);
        assertThat(many.get("size").asInt()).isEqualTo(86 * 128);
        assertThat(many.get("limit").asInt()).isEqualTo(10_922);
        assertThat(http.post("/embed_all?model=minilm", body(Map.of("inputs",
                java.util.Collections.nCopies(85, numbers(1, 200)), "truncate", true))).status()).isEqualTo(200);
        Response words = http.post("/embed_all", body(Map.of("inputs", "a cat")));
        assertThat(words.status()).isEqualTo(400);
        assertThat(words.get("type").asString()).endsWith("not-a-contextual-model");
        assertThat(words.get("error_type").asString()).isEqualTo("Validation");
    }

    @Test
    void tokenizeGivesTheTokenizersIdsWithByteOffsets() {
        for (String text : SHORT) {
            JsonNode tokens = http.post("/tokenize?model=minilm", body(Map.of("inputs", text))).json().get(0);
            JsonNode expected = sentence(text).get("ids");
            assertThat(tokens.size()).as(text).isEqualTo(expected.size());
            for (int t = 0; t < tokens.size(); t++) {
                assertThat(tokens.get(t).get("id").asLong()).as(text).isEqualTo(expected.get(t).asLong());
            }
        }
        JsonNode tokens = http.post("/tokenize?model=minilm", body(Map.of("inputs", List.of("Straße riverbank"))))
                .json().get(0);
        assertThat(tokens.toString()).isEqualTo("["
                + "{\"id\":101,\"text\":\"[CLS]\",\"special\":true,\"start\":null,\"stop\":null},"
                + "{\"id\":2358,\"text\":\"St\",\"special\":false,\"start\":0,\"stop\":2},"
                + "{\"id\":27807,\"text\":\"raße\",\"special\":false,\"start\":2,\"stop\":7},"
                + "{\"id\":2314,\"text\":\"river\",\"special\":false,\"start\":8,\"stop\":13},"
                + "{\"id\":9299,\"text\":\"bank\",\"special\":false,\"start\":13,\"stop\":17},"
                + "{\"id\":102,\"text\":\"[SEP]\",\"special\":true,\"start\":null,\"stop\":null}]");
        // No text is cut, so the texts together are bounded by max-text-length.
        Response long2 = http.post("/tokenize?model=minilm", body(Map.of("inputs", List.of("a ".repeat(30_000),
                "b ".repeat(20_001)))));
        assertThat(long2.status()).isEqualTo(413);
        assertThat(long2.get("size").asInt()).isEqualTo(100_002);
        // A character outside the BMP: two chars in Java, one code point for the tokenizer, four UTF-8 bytes.
        JsonNode emoji = http.post("/tokenize?model=minilm", body(Map.of("inputs", "a \uD83D\uDE00 b"))).json().get(0);
        assertThat(emoji.get(2).toString()).isEqualTo("{\"id\":100,\"text\":\"\uD83D\uDE00\",\"special\":false,"
                + "\"start\":2,\"stop\":6}");
        assertThat(emoji.get(3).get("start").asInt()).isEqualTo(7);
        JsonNode bare = http.post("/tokenize?model=minilm", body(Map.of("inputs", "a riverbank",
                "add_special_tokens", false))).json().get(0);
        assertThat(bare.findValuesAsString("text")).containsExactly("a", "river", "bank");
    }

    @Test
    void decodeGivesTheTextOfTokenIds() {
        JsonNode ids = sentence(SHORT.get(0)).get("ids");
        Response one = http.post("/decode?model=minilm", "{\"ids\": " + ids + "}");
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        // The tokenizer lower-cases and splits off punctuation; its decoder joins the pieces back.
        assertThat(one.json().get(0).asString()).isEqualTo("a man is playing a guitar.");
        JsonNode two = http.post("/decode?model=minilm", "{\"ids\": [[101, 2358, 27807, 2314, 9299, 102], [101, 102]], "
                + "\"skip_special_tokens\": false}").json();
        assertThat(two.toString()).isEqualTo("[\"[CLS] straße riverbank [SEP]\",\"[CLS] [SEP]\"]");
        Response negative = http.post("/decode?model=minilm", "{\"ids\": [[101], [-1]]}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.get("detail").asString()).contains("ids[1][0]");
        Response huge = http.post("/decode?model=minilm", "{\"ids\": [[101], [5, 100000000000000000000]]}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.get("detail").asString()).isEqualTo("ids[1][1] must be a token id (a whole number from 0), "
                + "not 100000000000000000000");
        Response empty = http.post("/decode?model=minilm", "{\"ids\": []}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.get("error_type").asString()).isEqualTo("Empty");
        assertThat(http.post("/decode", "{\"ids\": [1]}").status()).isEqualTo(400);
    }

    @Test
    void infoDescribesTheModel() {
        Response info = http.get("/info?model=minilm");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.get("model_id").asString()).isEqualTo("minilm");
        assertThat(info.get("model_dtype").asString()).isEqualTo("float32");
        assertThat(info.get("model_type").get("embedding").get("pooling").asString()).isEqualTo("mean");
        assertThat(info.get("max_input_length").asInt()).isEqualTo(128);
        assertThat(info.get("max_client_batch_size").asInt()).isEqualTo(2048);
        assertThat(info.get("auto_truncate").asBoolean()).isFalse();
        assertThat(http.get("/info?model=minilm-q").get("model_dtype").asString()).isEqualTo("int8");
        // The default model, a word-vector one: a text's length is counted in characters.
        assertThat(http.get("/info").get("model_id").asString()).isEqualTo("glove");
        assertThat(http.get("/info").get("max_input_length").asInt()).isEqualTo(100_000);
    }

    @Test
    void aWordVectorModelEmbedsTextsAsTheirMeanWordVector() {
        Response response = http.post("/embed", body(Map.of("inputs", List.of("the year of the people", "zzqx"))));
        List<float[]> vectors = vectors(response);
        assertThat(vectors.get(0)).containsExactly(sentenceVector("glove", "the year of the people", true));
        assertThat(vectors.get(1)).containsOnly(0f).hasSize(vectors.get(0).length);
        assertThat(response.header("X-Wordvec-Zero-Vectors")).isEqualTo("1");
        float[] raw = vectors(http.post("/embed", body(Map.of("inputs", "the year", "normalize", false)))).get(0);
        assertThat(raw).containsExactly(sentenceVector("glove", "the year", false));
        Response tokenize = http.post("/tokenize", body(Map.of("inputs", "the year")));
        assertThat(tokenize.status()).isEqualTo(400);
        assertThat(tokenize.get("error").asString()).contains("glove");
    }

    /**
     * Hugging Face's sentence-similarity task on TEI's default route: each sentence's cosine with
     * the source, equal to sentence-transformers' cosines of the reference's vectors, and to the
     * cosines of /embed's own vectors.
     */
    @Test
    void theDefaultRouteAnswersSentenceSimilarity() {
        String source = SHORT.get(0);
        List<String> others = List.of(SHORT.get(1), SHORT.get(2), SHORT.get(3));
        Response response = http.post("/?model=minilm", body(Map.of("inputs",
                Map.of("source_sentence", source, "sentences", others))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json()).hasSize(3);
        List<float[]> embedded = vectors(http.post("/embed?model=minilm", body(Map.of("inputs",
                List.of(source, others.get(0), others.get(1), others.get(2))))));
        for (int i = 0; i < others.size(); i++) {
            double score = response.json().get(i).asDouble();
            double reference = cosine(Http.floats(sentence(source).get("embedding")),
                    Http.floats(sentence(others.get(i)).get("embedding")));
            assertThat(score).as(others.get(i)).isCloseTo(reference, within(1e-4));
            assertThat(score).isCloseTo(cosine(embedded.get(0), embedded.get(i + 1)), within(1e-6));
        }
        // A word-vector model: its mean word vectors; a sentence with no known word scores 0.
        Response words = http.post("/", body(Map.of("inputs", Map.of("source_sentence", "the year of the people",
                "sentences", List.of("the people of the year", "zzqx")))));
        assertThat(words.status()).as(words.body()).isEqualTo(200);
        assertThat(words.json().get(0).asDouble()).isCloseTo(cosine(sentenceVector("glove", "the year of the people",
                true), sentenceVector("glove", "the people of the year", true)), within(1e-6));
        assertThat(words.json().get(1).asDouble()).isZero();
        assertThat(words.header("X-Wordvec-Zero-Vectors")).isEqualTo("1");

        Response empty = http.post("/", body(Map.of("inputs", Map.of("source_sentence", "a", "sentences", List.of()))));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.get("error_type").asString()).isEqualTo("Empty");
        Response extra = http.post("/", body(Map.of("inputs", Map.of("source_sentence", "a", "sentences", List.of("b"),
                "sentence", "c"))));
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.get("detail").asString()).contains("'source_sentence' and 'sentences' only").contains("[sentence]");
        Response notText = http.post("/", body(Map.of("inputs", Map.of("source_sentence", "a", "sentences",
                List.of("b", 3)))));
        assertThat(notText.status()).isEqualTo(400);
        assertThat(notText.get("field").asString()).isEqualTo("inputs.sentences[1]");
        assertThat(notText.get("detail").asString()).isEqualTo("inputs.sentences[1] must be a text, not 3");
        Response tooLong = http.post("/", body(Map.of("inputs", Map.of("source_sentence", "a", "sentences",
                List.of("b", "c".repeat(100_001))))));
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.get("field").asString()).isEqualTo("inputs.sentences[1]");
        Response noSource = http.post("/", body(Map.of("inputs", Map.of("sentences", List.of("b")))));
        assertThat(noSource.status()).isEqualTo(400);
        assertThat(noSource.get("field").asString()).isEqualTo("inputs.source_sentence");
        // /embed takes texts only.
        assertThat(http.post("/embed", body(Map.of("inputs", Map.of("source_sentence", "a", "sentences",
                List.of("b"))))).status()).isEqualTo(400);
    }

    @Test
    void badRequestsGetProblemsWithTeisErrorFields() {
        Response empty = http.post("/embed", body(Map.of("inputs", List.of())));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.get("error").asString()).isEqualTo("`inputs` cannot be empty");
        assertThat(empty.get("error_type").asString()).isEqualTo("Empty");
        Response missing = http.post("/embed", "{\"normalize\": true}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.get("field").asString()).isEqualTo("inputs");
        Response ids = http.post("/embed", "{\"inputs\": [[101, 2023]]}");
        assertThat(ids.status()).isEqualTo(400);
        assertThat(ids.get("error").asString()).contains("inputs[0]", "token ids");
        Response prompt = http.post("/embed", body(Map.of("inputs", "a", "prompt_name", "query")));
        assertThat(prompt.status()).isEqualTo(400);
        assertThat(prompt.get("field").asString()).isEqualTo("prompt_name");
        Response two = http.post("/embed?model=minilm", body(Map.of("inputs", "a", "model", "glove")));
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.get("field").asString()).isEqualTo("model");
        assertThat(two.get("detail").asString()).isEqualTo("the request names two models: 'minilm' in the query "
                + "and 'glove' in the body");
        Response model = http.post("/embed", body(Map.of("inputs", "a", "model", "nope")));
        assertThat(model.status()).isEqualTo(404);
        assertThat(model.get("error_type").asString()).isEqualTo("Validation");
        assertThat(model.get("error").asString()).isEqualTo(model.get("detail").asString()).contains("nope");
        Response many = http.post("/embed", body(Map.of("inputs", java.util.Collections.nCopies(2049, "a"))));
        assertThat(many.status()).isEqualTo(413);
        assertThat(many.get("error_type").asString()).isEqualTo("Validation");
        Response malformed = http.post("/embed", "{\"inputs\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.get("error").asString()).startsWith("malformed JSON body");
        // Fields TEI does not know are ignored, as TEI ignores them.
        assertThat(http.post("/embed", "{\"inputs\": \"a\", \"user\": \"x\"}").status()).isEqualTo(200);
        // Other routes' problems are unchanged.
        assertThat(http.post("/sentence-vector", body(Map.of("texts", List.of()))).json().has("error_type")).isFalse();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static final Path CLIENT = Path.of("src/test/node/tei-client.mjs");
    private static final Path PACKAGE = Path.of("src/test/node/node_modules/@huggingface/inference/package.json");

    /**
     * Hugging Face's JavaScript client ({@code @huggingface/inference}, which calls a TEI endpoint by
     * POSTing TEI's body to its URL) gets our vectors, TEI's error and our sentence similarities. {@code .ci/run} installs it;
     * on a laptop without it the test skips, under CI it fails.
     */
    @Test
    void huggingFacesOwnClientGetsOurVectors() throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.exists(PACKAGE), "@huggingface/inference not installed: npm install --prefix src/test/node");
        }
        assertThat(PACKAGE).as("@huggingface/inference (.ci/run installs it)").exists();
        Process node = new ProcessBuilder("node", CLIENT.toString(), "http://localhost:" + port, "minilm")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        JsonNode client = JSON.readTree(out);
        String guitar = "A man is playing a guitar.";
        // One text: TEI's [[...]], which the client returns as it came.
        assertThat(Http.floats(client.get("one").get(0))).containsExactly(sentenceVector("minilm", guitar, true));
        assertThat(cosine(Http.floats(client.get("one").get(0)), Http.floats(sentence(guitar).get("embedding"))))
                .isGreaterThanOrEqualTo(0.9999);
        assertThat(client.get("many")).hasSize(2);
        assertThat(Http.floats(client.get("many").get(1))).containsExactly(vectors(http.post("/embed?model=minilm",
                body(Map.of("inputs", "He swung the bat and hit the ball.", "normalize", false)))).get(0));
        assertThat(client.get("error").get("status").asInt()).isEqualTo(413);
        assertThat(client.get("error").get("message").asString())
                .startsWith("Failed to perform inference: Input validation error: `inputs` must have less than 128 tokens");
        assertThat(client.get("cut").get(0)).hasSize(384);
        // Its sentence-similarity task: the same scores as ours.
        Response ours = http.post("/?model=minilm", body(Map.of("inputs", Map.of("source_sentence", guitar,
                "sentences", List.of("The bat flew out of the cave at dusk.", "He swung the bat and hit the ball.")))));
        assertThat(client.get("similarity")).hasSize(2);
        assertThat(client.get("similarity").toString()).isEqualTo(ours.json().toString());
    }
}
