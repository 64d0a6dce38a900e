package dev.wordvec.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With the default limits, the batches OpenAI clients send by default go through: LangChain's
 * Python client sends 1,000 texts a request as token ids, its JavaScript client 512 strings, and
 * OpenAI accepts up to 2,048 inputs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
})
class ClientBatchIntegrationTests extends RunningService {

    /** {@code count} inputs, each {@code tokens} cl100k ids (" the" is 279, " year" 1060). */
    private static String tokenIdBatch(int count, int tokens) {
        StringJoiner inputs = new StringJoiner(",", "[", "]");
        for (int i = 0; i < count; i++) {
            StringJoiner ids = new StringJoiner(",", "[", "]");
            for (int t = 0; t < tokens; t++) {
                ids.add(t % 2 == 0 ? "279" : "1060");
            }
            inputs.add(ids.toString());
        }
        return "{\"model\": \"glove\", \"input\": " + inputs + "}";
    }

    @Test
    void langChainsDefaultBatchesGoThrough() {
        // Python: 1,000 chunks of 1,000 tokens as ids, over 4 MB of JSON.
        String python = tokenIdBatch(1000, 1000);
        assertThat(python.length()).isGreaterThan(4_000_000);
        Response ids = http.post("/v1/embeddings", python);
        assertThat(ids.status()).as(ids.body().substring(0, Math.min(300, ids.body().length()))).isEqualTo(200);
        assertThat(ids.get("data").size()).isEqualTo(1000);
        assertThat(ids.get("data").get(999).get("index").asInt()).isEqualTo(999);
        // JavaScript: 512 strings.
        StringJoiner texts = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 512; i++) {
            texts.add(Http.quote("the year " + i));
        }
        Response strings = http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": " + texts + "}");
        assertThat(strings.status()).isEqualTo(200);
        assertThat(strings.get("data").size()).isEqualTo(512);
    }

    @Test
    void moreThanOpenAisLimitIsRefusedInOpenAisShape() {
        Response tooMany = http.post("/v1/embeddings", tokenIdBatch(2049, 1));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.get("error").get("message").asString())
                .contains("input has 2049 items; the limit is 2048 (wordvec.limits.max-texts)");
        assertThat(http.post("/v1/embeddings", tokenIdBatch(2048, 1)).status()).isEqualTo(200);
    }
}
