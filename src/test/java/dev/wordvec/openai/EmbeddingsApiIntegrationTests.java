package dev.wordvec.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.RunningService;
import dev.wordvec.testing.Http.Response;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.limits.max-texts=2",
})
class EmbeddingsApiIntegrationTests extends RunningService {


    private float[] sentenceVector(String text) {
        return Http.floats(http.post("/sentence-vector", "{\"text\": " + Http.quote(text) + "}")
                .get("results").get(0).get("vector"));
    }

    @Test
    void responseHasOpenAisShape() {
        Response response = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": [\"the year\", \"people\"]}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.get("object").asString()).isEqualTo("list");
        assertThat(response.get("model").asString()).isEqualTo("glove");
        JsonNode data = response.get("data");
        assertThat(data.get(1).get("object").asString()).isEqualTo("embedding");
        assertThat(data.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(Http.floats(data.get(0).get("embedding"))).containsExactly(sentenceVector("the year"));
        assertThat(response.get("usage").get("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(response.get("usage").get("total_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void base64IsLittleEndianFloat32() {
        Response response = http.post("/v1/embeddings",
                "{\"model\": \"glove\", \"input\": \"the year\", \"encoding_format\": \"base64\"}");
        byte[] bytes = Base64.getDecoder().decode(response.get("data").get(0).get("embedding").asString());
        float[] decoded = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(decoded);
        assertThat(decoded).containsExactly(sentenceVector("the year"));
    }

    @Test
    void tokenIdsAreDecodedWithCl100k() {
        var cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        StringBuilder ids = new StringBuilder();
        cl100k.encode("the year of the people").boxed().forEach(id -> ids.append(ids.isEmpty() ? "" : ",").append(id));
        Response single = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": [" + ids + "]}");
        assertThat(Http.floats(single.get("data").get(0).get("embedding")))
                .containsExactly(sentenceVector("the year of the people"));
        Response nested = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": [[" + ids + "], [" + ids + "]]}");
        assertThat(nested.get("data").size()).isEqualTo(2);
        assertThat(nested.get("usage").get("prompt_tokens").asInt()).isEqualTo(2 * ids.toString().split(",").length);
        // An id of any size parses as JSON; one past what an int holds is still the client's error, not a 500.
        for (String input : List.of("[1000000000000000000000, 5]", "[[5], [10000000000000000000000]]", "[3000000000]")) {
            Response huge = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": " + input + "}");
            assertThat(huge.status()).as(input).isEqualTo(400);
            assertThat(huge.get("error").get("message").asString()).as(input).endsWith("holds a token id that "
                    + "cl100k_base does not have");
        }
        Response negative = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": [-100000000000000000000]}");
        assertThat(negative.get("error").get("message").asString()).isEqualTo("input must hold only non-negative token ids");
    }

    @Test
    void dimensionsTruncatesThenNormalises() {
        Response response = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": \"the\", \"dimensions\": 8}");
        float[] cut = Http.floats(response.get("data").get(0).get("embedding"));
        float[] full = sentenceVector("the");
        double norm = 0;
        for (int i = 0; i < 8; i++) {
            norm += (double) full[i] * full[i];
        }
        assertThat(cut).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat((double) cut[i]).isCloseTo(full[i] / Math.sqrt(norm), within(1e-6));
        }
        Response tooBig = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": \"the\", \"dimensions\": 51}");
        assertError(tooBig, 400, "dimensions", null);
    }

    @Test
    void normalizeGivesUnitVectorsAndLeavesAZeroVectorZero() {
        Response response = http.post("/v1/embeddings",
                "{\"model\": \"glove\", \"input\": [\"the year\", \"zzqx\"], \"normalize\": true}");
        float[] unit = Http.floats(response.get("data").get(0).get("embedding"));
        float[] mean = sentenceVector("the year");
        double norm = 0;
        for (float value : mean) {
            norm += (double) value * value;
        }
        assertThat(norm).isNotCloseTo(1.0, within(0.01));
        for (int i = 0; i < mean.length; i++) {
            assertThat((double) unit[i]).isCloseTo(mean[i] / Math.sqrt(norm), within(1e-6));
        }
        assertThat(Http.floats(response.get("data").get(1).get("embedding"))).containsOnly(0f);
        assertThat(response.get("zero_vectors").get(0).asInt()).isEqualTo(1);
        Response raw = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": \"the year\", \"normalize\": false}");
        assertThat(Http.floats(raw.get("data").get(0).get("embedding"))).containsExactly(mean);
    }

    @Test
    void errorsHaveOpenAisShape() {
        assertError(http.post("/v1/embeddings", "{\"model\": \"nope\", \"input\": \"the\"}"), 404, "model", "model_not_found");
        assertError(http.post("/v1/embeddings", "{\"input\": \"the\"}"), 400, "model", null);
        assertError(http.post("/v1/embeddings", "{\"model\": \"glove\"}"), 400, "input", null);
        assertError(http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": []}"), 400, "input", null);
        assertError(http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": \"zzqx\", \"oov\": \"error\"}"), 400,
                "input", null);
        assertError(http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": \"the\", \"oov\": \"maybe\"}"), 400,
                "oov", null);
        assertError(http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": [\"a\", \"b\", \"c\"]}"), 413, "input", null);
        assertError(http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": \"the\", \"encoding_format\": \"hex\"}"),
                400, "encoding_format", null);
        assertError(http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": [-5]}"), 400, "input", null);
        Response wrongType = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": \"the\", \"dimensions\": \"2\"}");
        assertError(wrongType, 400, "dimensions", null);
        assertThat(wrongType.get("error").get("message").asString())
                .isEqualTo("'dimensions' must be a whole number, not the string \"2\"");
        Response malformed = http.post("/v1/embeddings", "{\"model\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.get("error").get("type").asString()).isEqualTo("invalid_request_error");
    }

    /** LangChain and LlamaIndex send chunks such as "1234": one of them must not fail the whole batch. */
    @Test
    void anInputWithNoKnownWordGetsAZeroVectorAndIsReported() {
        Response response = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": [\"the\", \"1234 ???\"]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("X-Wordvec-Zero-Vectors")).isEqualTo("1");
        assertThat(response.get("zero_vectors").toString()).isEqualTo("[1]");
        assertThat(Http.floats(response.get("data").get(1).get("embedding"))).hasSize(50).containsOnly(0f);
        assertThat(Http.floats(response.get("data").get(0).get("embedding"))).containsExactly(sentenceVector("the"));
        Response clean = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": \"the\"}");
        assertThat(clean.header("X-Wordvec-Zero-Vectors")).isEqualTo("0");
        assertThat(clean.get("zero_vectors")).isNull();
        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).containsPattern("wordvec_openai_zero_vectors_total\\{[^}]*model=\"glove\"[^}]*\\} [1-9]");
    }

    @Test
    void everyErrorUnderV1HasOpenAisShape() {
        Response model = http.get("/v1/models/glove");
        assertThat(model.get("id").asString()).isEqualTo("glove");
        assertThat(model.get("object").asString()).isEqualTo("model");
        // Unix seconds, as OpenAI's: when the version answering was loaded, as /models says.
        String loadedAt = http.get("/models").get("models").valueStream()
                .filter(m -> m.get("name").asString().equals("glove")).findFirst().orElseThrow()
                .get("loadedAt").asString();
        assertThat(model.get("created").asLong()).isEqualTo(java.time.Instant.parse(loadedAt).getEpochSecond());
        assertThat(http.get("/v1/models").get("data").get(0).get("created").asLong()).isPositive();
        assertError(http.get("/v1/models/nope"), 404, "model", "model_not_found");
        Response unknownPath = http.get("/v1/nothing-here");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.get("error").get("message").asString()).isNotBlank();
        Response wrongMethod = http.get("/v1/embeddings");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.get("error").get("type").asString()).isEqualTo("invalid_request_error");
    }

    @Test
    void modelsListsOurModels() {
        Response response = http.get("/v1/models");
        assertThat(response.get("object").asString()).isEqualTo("list");
        assertThat(response.get("data").get(0).get("id").asString()).isEqualTo("glove");
        assertThat(response.get("data").get(0).get("object").asString()).isEqualTo("model");
    }

    private static void assertError(Response response, int status, String param, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode error = response.get("error");
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").isNull() ? null : error.get("param").asString()).isEqualTo(param);
        assertThat(error.get("code").isNull() ? null : error.get("code").asString()).isEqualTo(code);
    }
}
