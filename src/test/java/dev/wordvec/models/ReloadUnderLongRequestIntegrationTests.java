package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A request that runs longer than the reload grace (here an evaluation of seconds against a grace
 * of 10 ms) and took the model before a reload finishes on the version it started with, instead of
 * failing with model-closed when the grace is over; one that has taken no model holds nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.admin.enabled=true", "wordvec.http.api-keys=admin-key", "wordvec.admin.reload-grace=10ms",
    "wordvec.cache=false",
})
class ReloadUnderLongRequestIntegrationTests {

    private static final Path DIR;
    private static final Path MODEL;

    static {
        try (InputStream builtIn = ReloadUnderLongRequestIntegrationTests.class
                .getResourceAsStream("/models/demo-57k-100d.vec.gz")) {
            DIR = Files.createTempDirectory("wordvec-long-request");
            MODEL = DIR.resolve("demo.vec.gz");
            Files.copy(builtIn, MODEL);
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
        registry.add("wordvec.models.m.path", MODEL::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    private Http.Response post(String path, String body) {
        Http http = new Http(port);
        return http.send(http.request(path).header("Authorization", "Bearer admin-key")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void anEvaluationBegunBeforeAReloadEndsOnTheVersionItStartedWith() throws Exception {
        String evaluation = "{\"analogies\": \"questions-words\", \"method\": \"mul\"}";
        Http.Response alone = post("/models/m/evaluate", evaluation);
        assertThat(alone.status()).as(alone.body()).isEqualTo(200);

        long[] answered = new long[1];
        CompletableFuture<Http.Response> during = CompletableFuture.supplyAsync(() -> {
            Http.Response response = post("/models/m/evaluate", evaluation);
            answered[0] = System.nanoTime();
            return response;
        });
        Thread.sleep(200);
        Http.Response reload = post("/admin/models/m/reload", "");
        long reloaded = System.nanoTime();
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        Http.Response answer = during.get();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.get("analogies")).isEqualTo(alone.get("analogies"));
        // Else the evaluation ended before the swap, and this test showed nothing.
        assertThat(answered[0] - reloaded).as("the evaluation outlasts the reload").isPositive();
    }

    /**
     * A request still sending its body has taken no model yet, so a reload does not wait for it:
     * the replaced version is freed after the grace, while the request goes on (a slow client
     * cannot keep a replaced model's memory).
     */
    @Test
    void aRequestStillSendingItsBodyDoesNotHoldTheReplacedVersion() throws Exception {
        dev.wordvec.query.WordModel old = registry.require("m").words();
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.getOutputStream().write(("POST /similarity?model=m HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer admin-key\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"word1\": ").getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            Http.Response reload = post("/admin/models/m/reload", "");
            assertThat(reload.status()).as(reload.body()).isEqualTo(200);
            ModelReloadTests.awaitUntil(() -> ModelReloadTests.isClosed(old));
            assertThat(ModelReloadTests.isClosed(old)).as("freed while the slow request still sends its body").isTrue();
            assertThat(slow.isClosed()).isFalse();
        }
    }
}
