package dev.wordvec.tei;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.download.FakeHub;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service with a contextual model named {@code source: hf:acme/mini}, fetched at start from a
 * server that answers as the Hugging Face Hub does ({@link FakeHub}): it answers as the built-in
 * MiniLM does, {@code /models} says which Hub model and commit it holds, and TEI's {@code /info}
 * names it as TEI does (the repository, and the commit as {@code model_sha}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.mini.kind=contextual",
    "wordvec.models.mini.source=hf:acme/mini",
    "wordvec.models.minilm.kind=contextual",
    "wordvec.default-model=mini",
})
class HubModelIntegrationTests extends RunningService {

    private static final FakeHub HUB;
    private static final Path CACHE;

    static {
        try {
            HUB = new FakeHub();
            CACHE = Files.createTempDirectory("wordvec-hub-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("wordvec.catalogue.hub", HUB::base);
        registry.add("wordvec.cache-dir", CACHE::toString);
    }

    @AfterAll
    static void stop() throws IOException {
        HUB.close();
        org.springframework.util.FileSystemUtils.deleteRecursively(CACHE);
    }

    @Test
    void aHubModelAnswersAsTheBuiltInOneAndSaysWhereItCameFrom() {
        String body = "{\"model\": \"%s\", \"text\": \"A man is playing a guitar.\"}";
        JsonNode fromHub = http.post("/sentence-vector", body.formatted("mini")).json().get("results").get(0)
                .get("vector");
        JsonNode builtIn = http.post("/sentence-vector", body.formatted("minilm")).json().get("results").get(0)
                .get("vector");
        assertThat(fromHub).isEqualTo(builtIn);

        JsonNode mini = null;
        for (JsonNode model : http.get("/models").get("models")) {
            if (model.get("name").asString().equals("mini")) {
                mini = model;
            }
        }
        assertThat(mini).isNotNull();
        assertThat(mini.get("source").asString()).isEqualTo(CACHE.resolve("downloads/hf/acme--mini").toString());
        JsonNode hub = mini.get("encoder").get("hub");
        assertThat(hub.get("repository").asString()).isEqualTo("acme/mini");
        assertThat(hub.get("revision").asString()).isEqualTo("main");
        assertThat(hub.get("commit").asString()).isEqualTo(FakeHub.COMMIT);

        Response info = http.get("/info");
        assertThat(info.get("model_id").asString()).isEqualTo("acme/mini");
        assertThat(info.get("model_sha").asString()).isEqualTo(FakeHub.COMMIT);
        Response builtInInfo = http.get("/info?model=minilm");
        assertThat(builtInInfo.get("model_id").asString()).isEqualTo("minilm");
        assertThat(builtInInfo.json().get("model_sha").isNull()).isTrue();
        JsonNode minilm = null;
        for (JsonNode model : http.get("/models").get("models")) {
            if (model.get("name").asString().equals("minilm")) {
                minilm = model;
            }
        }
        assertThat(minilm.get("encoder").has("hub")).isFalse();
    }
}
