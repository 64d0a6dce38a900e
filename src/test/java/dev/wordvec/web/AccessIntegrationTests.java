package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.probe.ProbeCommand;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.RunningService;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.Problems;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** The API key, CORS and the body size limit, all switched on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.tiny.path=src/test/resources/models/phrases.vec",
    "wordvec.http.api-keys=first-key,second-key",
    "wordvec.http.cors-origins=https://app.example.com",
    "wordvec.http.max-body-size=1KB",
})
class AccessIntegrationTests extends RunningService {

    private static final String BODY = "{\"word1\": \"apple\", \"word2\": \"Apple\"}";


    private Response withKey(String path, String key) {
        return http.send(http.request(path).header("Authorization", "Bearer " + key).GET());
    }

    @Test
    void theApiNeedsOneOfTheKeys() {
        Response none = http.get("/vector/apple");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith(Problems.CONTENT_TYPE);
        assertThat(none.get("type").asString()).isEqualTo("urn:wordvec:problem:unauthorized");
        assertThat(none.get("detail").asString()).contains("Authorization: Bearer");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");

        Response wrong = withKey("/vector/apple", "first-key-but-longer");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.get("detail").asString()).contains("not one this service accepts");

        assertThat(withKey("/vector/apple", "first-key").status()).isEqualTo(200);
        assertThat(withKey("/vector/apple", "second-key").get("vector").size()).isEqualTo(3);
        assertThat(http.send(http.request("/similarity").header("Authorization", "Bearer second-key")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(BODY))).status()).isEqualTo(200);
        assertThat(withKey("/actuator/info", "first-key").status()).isEqualTo(200);
        assertThat(http.get("/actuator/info").status()).isEqualTo(401);
    }

    /** The explorer page at {@code /} is open, but {@code POST /} is TEI's embed route, an API call. */
    @Test
    void teisRoutesNeedTheKeyThoughThePageAtTheirRootIsOpen() {
        assertThat(http.get("/").status()).isEqualTo(200);
        String tei = "{\"inputs\": \"apple\"}";
        for (String path : new String[] {"/", "/embed", "/info"}) {
            var request = http.request(path).header("Content-Type", "application/json");
            Response none = http.send(path.equals("/info") ? request.GET() : request.POST(BodyPublishers.ofString(tei)));
            assertThat(none.status()).as(path).isEqualTo(401);
        }
        Response with = http.send(http.request("/").header("Authorization", "Bearer first-key")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(tei)));
        assertThat(with.status()).as(with.body()).isEqualTo(200);
        assertThat(with.json().get(0).size()).isEqualTo(3);
    }

    @Test
    void theApiDocumentDeclaresBearerAuthentication() {
        // Open without a key (wordvec.http.protect-docs is off): a client generator needs no key.
        Response document = http.get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.get("components").get("securitySchemes").get("bearerAuth").get("scheme").asString())
                .isEqualTo("bearer");
        // With keys configured the key is required: one requirement, not the optional pair.
        assertThat(document.get("security").toString()).isEqualTo("[{\"bearerAuth\":[]}]");
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
        // What the document describes still needs the key.
        assertThat(http.get("/vector/apple").status()).isEqualTo(401);
    }

    @Test
    void probesAndTheScraperNeedNoKey() {
        assertThat(http.get("/readyz").status()).isEqualTo(200);
        assertThat(http.get("/livez").status()).isEqualTo(200);
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void healthDetailsGoToKeyHoldersOnly() {
        // Anyone: the status of each component, no file paths or load states.
        Response open = http.get("/actuator/health");
        assertThat(open.get("components").get("models").get("status").asString()).isEqualTo("UP");
        assertThat(open.get("components").get("models").has("details")).isFalse();
        assertThat(open.body()).doesNotContain("\"tiny\"").doesNotContain("\"path\"");
        // A wrong key is not refused on a probe path, and not shown the details either.
        Response wrong = withKey("/actuator/health", "not-a-key");
        assertThat(wrong.status()).isEqualTo(200);
        assertThat(wrong.get("components").get("models").has("details")).isFalse();
        Response holder = withKey("/actuator/health", "second-key");
        assertThat(holder.get("components").get("models").get("details").get("models").get("tiny").get("status")
                .asString()).isEqualTo("ready");
    }

    @Test
    void theOpenAiRouteAnswersInOpenAisErrorShape() {
        Response response = http.post("/v1/embeddings", "{\"input\": \"apple\", \"model\": \"tiny\"}");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.get("error").get("code").asString()).isEqualTo("invalid_api_key");
        assertThat(http.send(http.request("/v1/embeddings").header("Authorization", "Bearer first-key")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"input\": \"apple\", \"model\": \"tiny\"}"))).status()).isEqualTo(200);
    }

    @Test
    void browsersFromAnAllowedOriginMayCall() {
        Response preflight = http.send(http.request("/similarity").method("OPTIONS", BodyPublishers.noBody())
                .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");

        Response other = http.send(http.request("/similarity").method("OPTIONS", BodyPublishers.noBody())
                .header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        assertThat(other.contentType()).startsWith(Problems.CONTENT_TYPE);

        Response actual = http.send(http.request("/vector/apple").header("Authorization", "Bearer first-key")
                .header("Origin", "https://app.example.com").GET());
        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");

        // Refusals come from filters, before Spring MVC; the page must still be able to read them.
        Response noKey = http.send(http.request("/vector/apple").header("Origin", "https://app.example.com").GET());
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(noKey.header("Access-Control-Expose-Headers")).contains("WWW-Authenticate");
        Response tooBig = http.send(http.request("/vectors").header("Authorization", "Bearer first-key")
                .header("Origin", "https://app.example.com").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"words\": [" + "\"apple\",".repeat(200) + "\"Apple\"]}")));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        Response otherNoKey = http.send(http.request("/vector/apple").header("Origin", "https://evil.example.net").GET());
        assertThat(otherNoKey.status()).isEqualTo(403);
        assertThat(otherNoKey.header("Access-Control-Allow-Origin")).isNull();
        assertThat(otherNoKey.contentType()).startsWith(Problems.CONTENT_TYPE);
        assertThat(otherNoKey.get("type").asString()).isEqualTo("urn:wordvec:problem:origin-not-allowed");
        assertThat(otherNoKey.get("detail").asString()).contains("wordvec.http.cors-origins");
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        String big = "{\"words\": [" + "\"apple\",".repeat(200) + "\"Apple\"]}";
        Response sized = http.send(http.request("/vectors").header("Authorization", "Bearer first-key")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(big)));
        assertThat(sized.status()).isEqualTo(413);
        assertThat(sized.contentType()).startsWith(Problems.CONTENT_TYPE);
        assertThat(sized.get("detail").asString()).contains("wordvec.http.max-body-size");
        assertThat(sized.get("limit").asLong()).isEqualTo(1024);

        // Without a Content-Length (chunked), the limit is found while the body is read.
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        Response chunked = http.send(http.request("/vectors").header("Authorization", "Bearer first-key")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.get("type").asString()).isEqualTo("urn:wordvec:problem:limit-exceeded");
        assertThat(chunked.get("field").asString()).isEqualTo("body");
        assertThat(chunked.get("detail").asString()).isEqualTo("the request body (sent without a Content-Length) has "
                + "more than 1024 bytes; the limit is 1024 (see wordvec.http.max-body-size)");

        // Every route, whatever its body's parser: the limit used to surface wherever the parse met it
        // (a 400 "cannot be read" on some routes, a 500 under /v1).
        byte[] large = ("{\"words\": [" + "\"apple\",".repeat(5_000) + "\"Apple\"], \"text\": \"a\"}")
                .getBytes(StandardCharsets.UTF_8);
        for (String route : List.of("/vectors", "/doesnt-match", "/projection", "/similarity", "/sentence-vector",
                "/word-movers-distance", "/embed")) {
            Response over = http.send(http.request(route).header("Authorization", "Bearer first-key")
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))));
            assertThat(over.status()).as(route + " " + over.body()).isEqualTo(413);
            assertThat(over.get("type").asString()).as(route).isEqualTo("urn:wordvec:problem:limit-exceeded");
        }
        // Under /v1, in OpenAI's error shape, which its SDKs parse.
        for (BodyPublisher body : List.of(BodyPublishers.ofByteArray(large),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))) {
            Response openAi = http.send(http.request("/v1/embeddings").header("Authorization", "Bearer first-key")
                    .header("Content-Type", "application/json").POST(body));
            assertThat(openAi.status()).as(openAi.body()).isEqualTo(413);
            assertThat(openAi.get("error").get("type").asString()).isEqualTo("invalid_request_error");
            assertThat(openAi.get("error").get("code").asString()).isEqualTo("content_too_large");
            assertThat(openAi.get("error").get("message").asString()).contains("wordvec.http.max-body-size");
        }

        Response small = http.send(http.request("/similarity").header("Authorization", "Bearer first-key")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8)))));
        assertThat(small.status()).isEqualTo(200);
    }

    @Test
    void theProbeCommandChecksTheServiceWithTheKey() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"probe", "http://localhost:" + port};
        int code = ProbeCommand.run(args, "second-key", new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("model 'tiny'").contains("3 dimensions");

        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(ProbeCommand.run(args, null, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(refused, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(refused.toString(StandardCharsets.UTF_8)).contains("answered 401");
        assertThat(ProbeCommand.run(new String[] {"probe", "http://localhost:" + port, "--ready"}, null,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))).isZero();
        assertThat(ProbeCommand.run(new String[] {"probe"}, null, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ByteArrayOutputStream nobody = new ByteArrayOutputStream();
        assertThat(ProbeCommand.run(new String[] {"probe", "http://127.0.0.1:" + closed + "/"}, null,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(nobody, true, StandardCharsets.UTF_8)))
                .isEqualTo(1);
        assertThat(nobody.toString(StandardCharsets.UTF_8))
                .contains("probe failed: cannot connect to http://127.0.0.1:" + closed + " (is the service running");
    }
}
