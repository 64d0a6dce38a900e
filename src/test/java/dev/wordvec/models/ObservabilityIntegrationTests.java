package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.RunningService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** What an operator sees: Prometheus metrics, /actuator/info, and nothing else of the actuator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.tiny.path=src/test/resources/models/phrases.vec",
    "wordvec.models.other.path=src/test/resources/models/phrases.vec",
    "wordvec.default-model=tiny",
    "wordvec.http.heavy-requests=1",
    "wordvec.http.heavy-wait=200ms",
})
class ObservabilityIntegrationTests extends RunningService {


    private String scrape() {
        Http.Response response = http.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return response.body();
    }

    /** The value of one sample, e.g. {@code wordvec_model_words{model="tiny"}}. */
    private static double sample(String scrape, String name, String labels) {
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(series + " in\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void eachModelReportsItsSizeAndLoad() {
        String scrape = scrape();
        assertThat(sample(scrape, "wordvec_model_ready", "model=\"tiny\"")).isEqualTo(1);
        assertThat(sample(scrape, "wordvec_model_words", "model=\"tiny\"")).isEqualTo(9);
        assertThat(sample(scrape, "wordvec_model_dimension", "model=\"other\"")).isEqualTo(3);
        assertThat(sample(scrape, "wordvec_model_matrix_bytes", "model=\"tiny\"")).isEqualTo(9 * 3 * 4);
        assertThat(sample(scrape, "wordvec_model_load_duration_seconds", "model=\"tiny\"")).isPositive();
        assertThat(sample(scrape, "wordvec_process_resident_memory_bytes", "")).isGreaterThan(50e6);
        assertThat(sample(scrape, "wordvec_engine_arrays", "model=\"tiny\"")).isPositive();
        assertThat(sample(scrape, "wordvec_model_reloads_total", "model=\"tiny\",outcome=\"failure\"")).isZero();
        assertThat(sample(scrape, "wordvec_model_reloads_total", "model=\"tiny\",outcome=\"success\"")).isZero();
        assertThat(scrape).contains("jvm_buffer_memory_used_bytes{id=\"direct\"}");
    }

    @Test
    void unknownWordsAndRequestsAreCountedPerModelAndRoute() {
        String before = scrape();
        double asked = sample(before, "wordvec_words_looked_up_total", "model=\"other\"");
        double unknown = sample(before, "wordvec_words_unknown_total", "model=\"other\"");
        double searches = sample(before, "wordvec_searches_total", "model=\"other\"");

        assertThat(http.post("/vectors?model=other", "{\"words\": [\"apple\", \"pear\", \"plum\"]}").status())
                .isEqualTo(200);
        assertThat(http.get("/vector/plum?model=other").status()).isEqualTo(404);
        assertThat(http.get("/neighbors/apple?model=other&k=2").status()).isEqualTo(200);

        String after = scrape();
        assertThat(sample(after, "wordvec_words_looked_up_total", "model=\"other\"") - asked).isEqualTo(5);
        assertThat(sample(after, "wordvec_words_unknown_total", "model=\"other\"") - unknown).isEqualTo(3);
        assertThat(sample(after, "wordvec_searches_total", "model=\"other\"") - searches).isEqualTo(1);
        assertThat(sample(after, "wordvec_words_unknown_total", "model=\"tiny\"")).isZero();
        // Requests by route and outcome, with histogram buckets for latency percentiles.
        assertThat(after).containsPattern("http_server_requests_seconds_bucket\\{[^}]*outcome=\"CLIENT_ERROR\"[^}]*"
                + "status=\"404\"[^}]*uri=\"/vector/\\{word\\}\"");
        assertThat(after).containsPattern("http_server_requests_seconds_count\\{[^}]*outcome=\"SUCCESS\"[^}]*"
                + "uri=\"/neighbors/\\{word\\}\"");
    }

    @Test
    void infoNamesTheVersionAndTheModels() {
        JsonNode info = http.get("/actuator/info").json();
        assertThat(info.get("build").get("version").asString()).isNotBlank();
        assertThat(info.get("java").get("version").asString()).isNotBlank();
        assertThat(info.get("defaultModel").asString()).isEqualTo("tiny");
        JsonNode tiny = info.get("models").get("tiny");
        assertThat(tiny.get("status").asString()).isEqualTo("ready");
        assertThat(tiny.get("words").asInt()).isEqualTo(9);
        assertThat(tiny.get("dimension").asInt()).isEqualTo(3);
        assertThat(tiny.get("source").asString()).endsWith("phrases.vec");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        for (String hidden : new String[] {"/actuator/env", "/actuator/beans", "/actuator/metrics",
            "/actuator/heapdump", "/actuator/threaddump", "/actuator/loggers", "/actuator/configprops"}) {
            assertThat(http.get(hidden).status()).as(hidden).isEqualTo(404);
        }
        assertThat(http.get("/actuator").json().get("_links").propertyNames())
                .containsExactlyInAnyOrder("self", "health", "health-path", "info", "prometheus");
    }

    /**
     * The heavy routes run one at a time here ({@code heavy-requests=1}). A Word Mover's request
     * whose body is still arriving does not hold that turn (its body is read before the turn is
     * taken): another one is answered meanwhile, and the slow one is answered once its body is in.
     * (Waiting and the 503 {@code busy}: HeavyRequestFilterTests.)
     */
    @Test
    void aSlowBodyDoesNotHoldTheHeavyRoutesTurn() throws Exception {
        assertThat(sample(scrape(), "wordvec_http_heavy_limit", "")).isEqualTo(1);
        String body = "{\"words1\": [\"apple\", \"new\"], \"words2\": [\"city\"]}";
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket slow = new java.net.Socket("127.0.0.1", port)) {
            java.io.OutputStream out = slow.getOutputStream();
            out.write(("POST /word-movers-distance HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII));
            out.write(bytes, 0, 5);
            out.flush();
            Thread.sleep(300);
            assertThat(sample(scrape(), "wordvec_http_heavy_running", "")).isZero();

            Http.Response meanwhile = http.post("/word-movers-distance", body);
            assertThat(meanwhile.status()).as(meanwhile.body()).isEqualTo(200);
            assertThat(meanwhile.get("distance").isNumber()).isTrue();

            out.write(bytes, 5, bytes.length - 5);
            out.flush();
            String answer = new String(slow.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"distance\":" + meanwhile.get("distance"));
        }
        assertThat(sample(scrape(), "wordvec_http_heavy_running", "")).isZero();
        assertThat(sample(scrape(), "wordvec_http_heavy_waiting", "")).isZero();
    }
}
