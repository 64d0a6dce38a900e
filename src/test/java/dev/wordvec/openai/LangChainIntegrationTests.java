package dev.wordvec.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.RunningService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LangChain's {@code OpenAIEmbeddings} (the real npm {@code @langchain/openai}, pinned), as a RAG
 * ingestion uses it: {@code embedDocuments} over 100 chunks in batches, one chunk with no known
 * word, then {@code embedQuery}, {@code dimensions} and a wrong key, all behind an API key. The
 * whole document set goes through; the unknown chunk is a zero vector. {@code .ci/run} installs
 * the package; on a laptop without it the test skips, under CI it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.http.api-keys=rag-key",
})
class LangChainIntegrationTests extends RunningService {

    private static final Path CLIENT = Path.of("src/test/node/langchain-client.mjs");
    private static final Path LANGCHAIN = Path.of("src/test/node/node_modules/@langchain/openai/package.json");

    @Test
    void embedDocumentsAndEmbedQueryGetOurVectorsAndAZeroVectorForTheUnknownChunk() throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.exists(LANGCHAIN), "@langchain/openai not installed: npm install --prefix src/test/node");
        }
        assertThat(LANGCHAIN).as("@langchain/openai (.ci/run installs it)").exists();
        Process node = new ProcessBuilder("node", CLIENT.toString(), "http://localhost:" + port + "/v1", "glove", "rag-key")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(out);

        JsonNode chunks = result.get("chunks");
        JsonNode documents = result.get("documents");
        assertThat(documents.size()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            float[] vector = Http.floats(documents.get(i));
            assertThat(vector).as("chunk %d", i).hasSize(50);
            if (i == 37) {
                assertThat(vector).as("the chunk with no known word").containsOnly(0f);
            } else {
                assertThat(vector).as("chunk %d: %s", i, chunks.get(i).asString())
                        .containsExactly(sentenceVector(chunks.get(i).asString()));
            }
        }
        assertThat(Http.floats(result.get("query"))).containsExactly(sentenceVector("the year"));

        // dimensions: the first 20 components, made unit length again (OpenAI's text-embedding-3 rule).
        float[] shortened = Http.floats(result.get("shortened"));
        assertThat(shortened).hasSize(20);
        double norm = 0;
        for (float v : shortened) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));

        assertThat(result.get("error").get("status").asInt()).isEqualTo(401);
    }

    private float[] sentenceVector(String text) {
        Http.Response response = http.send(http.request("/sentence-vector").header("Authorization", "Bearer rag-key")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\": " + Http.quote(text) + "}")));
        return Http.floats(response.get("results").get(0).get("vector"));
    }
}
