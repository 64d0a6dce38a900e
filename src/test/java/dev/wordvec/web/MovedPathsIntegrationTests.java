package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.Problems;
import dev.wordvec.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With API keys on, the probes, the metrics and the API documents stay open where Spring's own
 * settings move them ({@code management.endpoints.web.base-path}, {@code springdoc.api-docs.path},
 * {@code springdoc.swagger-ui.path}). Before, only their default paths were open, so a scraper
 * without a key got a 401 from {@code /manage/prometheus}, and Swagger UI could not read its document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.tiny.path=src/test/resources/models/phrases.vec",
    "wordvec.http.api-keys=the-key",
    "management.endpoints.web.base-path=/manage",
    "springdoc.api-docs.path=/openapi",
    "springdoc.swagger-ui.path=/docs/ui.html",
})
class MovedPathsIntegrationTests extends RunningService {

    @Test
    void probesMetricsAndDocumentsAreOpenWhereTheyAre() {
        for (String path : new String[] {"/manage/health", "/manage/health/readiness", "/manage/prometheus", "/livez",
                "/readyz", "/openapi", "/docs/swagger-ui/index.html"}) {
            assertThat(http.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(http.get("/docs/ui.html").status()).isEqualTo(302);
        // What needs a key still does, at the moved paths too.
        for (String path : new String[] {"/vector/apple", "/manage/info", "/models"}) {
            assertThat(http.get(path).status()).as(path).isEqualTo(401);
        }
        // Nothing is left open at the paths they moved from.
        assertThat(http.get("/actuator/health").status()).isEqualTo(401);
        assertThat(http.get("/v3/api-docs").status()).isEqualTo(401);
    }

    /** A path no route answers points to the routes, and /metrics to the metrics, where they are. */
    @Test
    void aMissingRoutePointsToWhereTheDocumentsAndMetricsAre() {
        var missing = http.send(http.request("/nothing").header("Authorization", "Bearer the-key").GET());
        assertThat(missing.get("detail").asString()).isEqualTo("no route GET /nothing; the routes are listed in the "
                + "OpenAPI document at /openapi (Swagger UI: /docs/swagger-ui/index.html)");
        var metrics = http.send(http.request("/metrics").header("Authorization", "Bearer the-key").GET());
        assertThat(metrics.get("detail").asString()).isEqualTo("no route GET /metrics: the metrics are at "
                + "/manage/prometheus");
    }

    /** The health endpoint's missing component is a problem at the moved path as at the default one. */
    @Test
    void aHealthComponentTheServiceLacksIsAProblemThere() {
        Response missing = http.get("/manage/health/nothing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith(Problems.CONTENT_TYPE);
        assertThat(missing.get("detail").asString())
                .isEqualTo("no health component at /manage/health/nothing; GET /manage/health lists the components");
        Response deeper = http.get("/manage/health/nothing/deeper");
        assertThat(deeper.status()).isEqualTo(404);
        assertThat(deeper.get("detail").asString()).startsWith("no health component at /manage/health/nothing/deeper");
    }
}
