package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.WordvecApplication;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * While a model loads, the process is live but not ready, and queries get a 503 problem. The model
 * file is a named pipe, so loading waits until the test writes the data.
 */
class ReadinessWhileLoadingIntegrationTests {

    @TempDir
    Path tmp;

    @Test
    void readinessIsDownUntilTheModelIsLoaded() throws Exception {
        Path pipe = tmp.resolve("model.vec");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CompletableFuture<ConfigurableApplicationContext> app = CompletableFuture.supplyAsync(() ->
                new SpringApplicationBuilder(WordvecApplication.class)
                        .properties("server.port=" + port, "wordvec.models.slow.path=" + pipe)
                        .run());
        Http http = new Http(port);
        boolean written = false;
        try {
            awaitStatus(app, () -> http.get("/livez"), 200);
            assertThat(http.get("/readyz").status()).isEqualTo(503);
            Response health = http.get("/actuator/health/readiness");
            assertThat(health.get("components").get("models").get("status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(http.get("/models").get("models").get(0).get("status").asString()).isEqualTo("loading");
            Response query = http.get("/vector/foo");
            assertThat(query.status()).isEqualTo(503);
            assertThat(query.get("type").asString()).isEqualTo("urn:wordvec:problem:model-not-ready");
            assertThat(query.get("model").asString()).isEqualTo("slow");
            // TEI's /health says the same, in TEI's terms.
            Response tei = http.get("/health");
            assertThat(tei.status()).isEqualTo(503);
            assertThat(tei.get("error_type").asString()).isEqualTo("Unhealthy");
            assertThat(tei.header("Retry-After")).isEqualTo("5");
            // OpenAI's route says it in OpenAI's shape, with the same Retry-After.
            Response openAi = http.post("/v1/embeddings", "{\"model\": \"slow\", \"input\": \"foo\"}");
            assertThat(openAi.status()).isEqualTo(503);
            assertThat(openAi.get("error").get("code").asString()).isEqualTo("model_not_ready");
            assertThat(openAi.header("Retry-After")).isEqualTo("5");
            assertThat(query.header("Retry-After")).isEqualTo("5");
            // OpenAI's model list holds the models that answer: none yet.
            assertThat(http.get("/v1/models").get("data").size()).isZero();

            try (OutputStream out = Files.newOutputStream(pipe)) {
                out.write("2 3\nfoo 1 2 3\nbar 4 5 6\n".getBytes(StandardCharsets.UTF_8));
            }
            written = true;
            awaitStatus(app, () -> http.get("/readyz"), 200);
            assertThat(http.get("/health").status()).isEqualTo(200);
            assertThat(http.get("/health").body()).isEmpty();
            assertThat(Http.floats(http.get("/vector/foo").get("vector"))).containsExactly(1f, 2f, 3f);
            assertThat(http.get("/v1/models").get("data").get(0).get("id").asString()).isEqualTo("slow");
        } finally {
            if (written) {
                app.get().close();
            } else {
                // An assertion failed before the model was written: end its file, so that the load
                // stops waiting (the start then fails on the empty file) and the assertion's failure
                // is reported, rather than the test hanging.
                Files.newOutputStream(pipe).close();
                ConfigurableApplicationContext started = app.exceptionally(e -> null).get();
                if (started != null) {
                    started.close();
                }
            }
        }
    }

    private static void awaitStatus(CompletableFuture<?> app, Supplier<Response> call, int status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (app.isCompletedExceptionally()) {
                app.get();
            }
            try {
                if (call.get().status() == status) {
                    return;
                }
            } catch (IllegalStateException notListeningYet) {
                // the server is not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + status + " within 60 s");
    }
}
