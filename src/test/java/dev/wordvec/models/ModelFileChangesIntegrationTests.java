package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.formats.ConvertCommand;
import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * Model files deleted or damaged while the service runs: it keeps answering from what it loaded,
 * stays ready, and says what happened to each file. The converted file is truncated in place,
 * which would kill the process if it were still mapped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.health.show-details=always")
class ModelFileChangesIntegrationTests {

    private static final Path DIR;
    private static final Path TEXT;
    private static final Path CONVERTED;

    static {
        try {
            DIR = Files.createTempDirectory("wordvec-file-changes");
            GensimExpected.Model glove = GensimExpected.load().models().get("test_glove");
            TEXT = Files.copy(glove.path(), DIR.resolve("glove.txt"));
            CONVERTED = DIR.resolve("lee.wvc");
            Path lee = GensimExpected.load().models().get("lee_fasttext").path();
            int code = ConvertCommand.run(new String[] {"convert", lee.toString(), CONVERTED.toString()},
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
            assertThat(code).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void deleteTemporaryFiles() throws IOException {
        FileSystemUtils.deleteRecursively(DIR);
    }

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("wordvec.models.text.path", TEXT::toString);
        registry.add("wordvec.models.text.format", () -> "glove");
        registry.add("wordvec.models.converted.path", CONVERTED::toString);
        registry.add("wordvec.default-model", () -> "text");
        registry.add("wordvec.cache-dir", () -> DIR.resolve("cache").toString());
    }

    @LocalServerPort
    int port;

    private static JsonNode model(Http http, String name) {
        for (JsonNode model : http.get("/models").get("models")) {
            if (model.get("name").asString().equals(name)) {
                return model;
            }
        }
        throw new AssertionError("no model " + name);
    }

    @Test
    void deletedAndTruncatedFilesDoNotTakeTheServiceDown() throws IOException {
        Http http = new Http(port);
        String textBefore = http.get("/neighbors/the?k=5").body();
        String convertedBefore = http.get("/neighbors/the?k=5&model=converted").body();
        assertThat(model(http, "text").get("sourceState").asString()).isEqualTo("unchanged");

        Files.delete(TEXT);
        try (FileChannel channel = FileChannel.open(CONVERTED, StandardOpenOption.WRITE)) {
            channel.truncate(100);
        }

        assertThat(http.get("/neighbors/the?k=5").body()).isEqualTo(textBefore);
        assertThat(http.get("/neighbors/the?k=5&model=converted").body()).isEqualTo(convertedBefore);
        assertThat(http.get("/vector/the?model=converted").status()).isEqualTo(200);
        assertThat(http.post("/sentence-vector?model=converted", "{\"texts\": [\"the data\"]}").status()).isEqualTo(200);
        assertThat(http.get("/readyz").status()).isEqualTo(200);
        assertThat(model(http, "text").get("sourceState").asString()).isEqualTo("missing");
        assertThat(model(http, "converted").get("sourceState").asString()).isEqualTo("changed");
        JsonNode health = http.get("/actuator/health").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("models").get("details").get("models").get("text").get("source")
                .asString()).isEqualTo("missing");
    }
}
