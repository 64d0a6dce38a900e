package dev.wordvec.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real official openai npm package, pointed at wordvec, gets the same vectors as our own
 * {@code /sentence-vector}. {@code .ci/run} installs the package; on a laptop without it the test
 * skips, under CI it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
})
class OpenAiSdkIntegrationTests {

    private static final Path CLIENT = Path.of("src/test/node/openai-client.mjs");
    private static final Path SDK = Path.of("src/test/node/node_modules/openai/package.json");

    @LocalServerPort
    int port;

    @Test
    void officialSdkGetsOurSentenceVectors() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue(Files.exists(SDK), "openai SDK not installed: npm install --prefix src/test/node");
        }
        assertThat(SDK).as("the openai SDK (.ci/run installs it)").exists();
        Process node = new ProcessBuilder("node", CLIENT.toString(), "http://localhost:" + port + "/v1", "glove")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        JsonNode sdk = JsonMapper.builder().build().readTree(out);

        Http http = new Http(port);
        float[] one = sentenceVector(http, "The year of the people");
        assertThat(Http.floats(sdk.get("one").get(0))).containsExactly(one);
        assertThat(Http.floats(sdk.get("many").get(0).get("embedding"))).containsExactly(sentenceVector(http, "the year"));
        assertThat(Http.floats(sdk.get("many").get(1).get("embedding"))).containsExactly(sentenceVector(http, "people said"));
        assertThat(sdk.get("many").get(1).get("index").asInt()).isEqualTo(1);
        assertThat(Http.floats(sdk.get("floats"))).containsExactly(sentenceVector(http, "the year"));
        assertThat(sdk.get("model").asString()).isEqualTo("glove");
        assertThat(sdk.get("usage").get("prompt_tokens").asInt()).isEqualTo(5);
        assertThat(sdk.get("error").get("status").asInt()).isEqualTo(404);
        assertThat(sdk.get("error").get("code").asString()).isEqualTo("model_not_found");
        assertThat(sdk.get("error").get("param").asString()).isEqualTo("model");
    }

    private static float[] sentenceVector(Http http, String text) {
        Response response = http.post("/sentence-vector", "{\"text\": " + Http.quote(text) + "}");
        return Http.floats(response.get("results").get(0).get("vector"));
    }
}
