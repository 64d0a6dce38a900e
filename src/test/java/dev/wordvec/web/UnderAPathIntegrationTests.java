package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service under a path ({@code server.servlet.context-path}), as behind a proxy that routes
 * {@code /wordvec/} to it as it is: a 404 says where the service answers, whether the request
 * missed the path (a proxy that strips it, a client given the host alone) or a route beneath it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.servlet.context-path=/wordvec",
})
class UnderAPathIntegrationTests extends RunningService {

    @Test
    void aRequestOutsideThePathIsToldWhereTheServiceAnswers() {
        var outside = http.get("/vector/king");
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.contentType()).startsWith("application/problem+json");
        assertThat(outside.get("type").asString()).isEqualTo("urn:wordvec:problem:no-route");
        assertThat(outside.get("title").asString()).isEqualTo("No such route");
        assertThat(outside.get("detail").asString()).isEqualTo("no route GET /vector/king: the service answers "
                + "beneath /wordvec (server.servlet.context-path), as GET /wordvec/vector/king");
        assertThat(http.post("/similarity", "{}").get("detail").asString()).endsWith("as POST /wordvec/similarity");
        assertThat(http.get("/").get("detail").asString()).endsWith("as GET /wordvec/");
        // An OpenAI client given the host alone as its base URL: OpenAI's error shape, which its SDK shows.
        var openAi = http.post("/v1/embeddings", "{\"model\": \"demo\", \"input\": \"king\"}");
        assertThat(openAi.status()).isEqualTo(404);
        assertThat(openAi.contentType()).startsWith("application/json");
        assertThat(openAi.get("error").get("message").asString()).isEqualTo("no route POST /v1/embeddings: the "
                + "service answers beneath /wordvec (server.servlet.context-path), as POST /wordvec/v1/embeddings");
        assertThat(openAi.get("error").get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(openAi.get("error").get("code").asString()).isEqualTo("not_found");
        assertThat(http.get("/wordvec/vector/king").status()).isEqualTo(200);
    }

    /**
     * The path without its final '/' is sent to the page beneath it by a relative Location, which
     * a browser resolves against the URL it asked (https, the proxy's host): an absolute one, built
     * from the request as the service saw it, sent it to http:// behind a proxy that ends TLS.
     */
    @Test
    void redirectsStayOnTheHostAndSchemeTheClientAsked() {
        var bare = http.send(http.request("/wordvec").header("X-Forwarded-Proto", "https").GET());
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).isEqualTo("/wordvec/");
        var swagger = http.get("/wordvec/swagger-ui.html");
        assertThat(swagger.status()).isEqualTo(302);
        assertThat(swagger.header("Location")).isEqualTo("/wordvec/swagger-ui/index.html");
    }

    @Test
    void aMissingRouteBeneathThePathNamesTheDocumentsThere() {
        var missing = http.get("/wordvec/nothing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.get("detail").asString()).isEqualTo("no route GET /wordvec/nothing; the routes are listed "
                + "in the OpenAPI document at /wordvec/v3/api-docs (Swagger UI: /wordvec/swagger-ui/index.html)");
        assertThat(http.get("/wordvec/v3/api-docs").status()).isEqualTo(200);
        assertThat(http.get("/wordvec/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(http.get("/wordvec/metrics").get("detail").asString())
                .endsWith("the metrics are at /wordvec/actuator/prometheus");
        assertThat(http.get("/wordvec/actuator/health/nothing").get("detail").asString()).isEqualTo(
                "no health component at /wordvec/actuator/health/nothing; GET /wordvec/actuator/health lists the "
                + "components");
        assertThat(http.get("/wordvec/actuator/health").status()).isEqualTo(200);
    }
}
