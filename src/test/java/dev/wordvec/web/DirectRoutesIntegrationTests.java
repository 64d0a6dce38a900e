package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.http.DirectRoutes;
import dev.wordvec.testing.Http;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * The busiest routes are answered in front of Spring MVC ({@link DirectRoutes}); every request
 * must get exactly the answer MVC gives. Random requests (seeded) to each direct route are sent
 * twice: plainly, which the direct path takes, and with an {@code Accept} header the direct path
 * leaves to MVC. Status, content type, body and wordvec's headers must be equal, and only the
 * plain 200s may have been answered directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.models.glove.format=glove",
    "wordvec.models.phrases.path=src/test/resources/models/phrases.vec",
    "wordvec.default-model=glove",
})
class DirectRoutesIntegrationTests {

    private static final int REQUESTS = 400;
    private static final String MVC_ONLY = "application/json, */*;q=0.5";
    private static final String[] WORDS = {"the", "and", "of", "King", "king", "New_York", "new york", "a/b", "ö",
        "zzzunknown", "", " ", "%", "1234", "Paris"};
    private static final String[] OOV = {null, "skip", "zero", "error", "subword", "bogus"};
    private static final String[] MODELS = {null, "glove", "phrases", "nope"};

    @LocalServerPort
    int port;

    @Autowired
    FilterRegistrationBean<DirectRoutes> directRoutes;

    @Test
    void everyRequestGetsMvcsAnswer() {
        Http http = new Http(port);
        Random random = new Random(Long.getLong("wordvec.fuzz.seed", 20261201L));
        long before = directRoutes.getFilter().answered();
        int ok = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Request request = switch (random.nextInt(4)) {
                case 0 -> vector(random);
                case 1 -> new Request("POST", "/similarity", similarityBody(random));
                case 2 -> new Request("POST", "/sentence-vector", sentenceBody(random));
                default -> new Request("POST", "/v1/embeddings", embeddingsBody(random));
            };
            Http.Response direct = http.send(request.build(http, null));
            long afterDirect = directRoutes.getFilter().answered();
            Http.Response mvc = http.send(request.build(http, MVC_ONLY));
            String what = "request " + i + ": " + request;
            assertThat(directRoutes.getFilter().answered()).as("MVC's copy of " + what).isEqualTo(afterDirect);
            assertThat(direct.status()).as(what).isEqualTo(mvc.status());
            assertThat(direct.contentType()).as(what).isEqualTo(mvc.contentType());
            assertThat(direct.body()).as(what).isEqualTo(mvc.body());
            // Framing may differ: MVC sometimes sends a body chunked, the direct path always with its length.
            for (String header : new String[] {"X-Wordvec-Zero-Vectors", "X-Wordvec-Truncated"}) {
                assertThat(direct.header(header)).as(what + ", " + header).isEqualTo(mvc.header(header));
            }
            if (direct.status() == 200) {
                ok++;
            }
        }
        // Every 200 came from the direct path, every error from MVC; and the generator reaches both.
        assertThat(directRoutes.getFilter().answered() - before).isEqualTo(ok);
        assertThat(ok).isBetween(REQUESTS / 5, REQUESTS * 4 / 5);
    }

    @Test
    void theMetricsNameTheRouteAsMvcDoes() {
        Http http = new Http(port);
        long before = directRoutes.getFilter().answered();
        String series = "http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/vector/{word}\"}";
        double counted = count(http, series);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/vector/the").status()).isEqualTo(200);
        }
        assertThat(directRoutes.getFilter().answered() - before).isEqualTo(3);
        assertThat(count(http, series)).isEqualTo(counted + 3);
    }

    @Test
    void aControllerThatFailsRunsOnceAndMvcAnswersTheFailure() {
        Http http = new Http(port);
        String series = "wordvec_words_looked_up_total{model=\"glove\"}";
        double looked = count(http, series);
        long before = directRoutes.getFilter().answered();
        Http.Response reply = http.post("/similarity", "{\"word1\":\"the\",\"word2\":\"zzzunknown\"}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.get("type").asString()).isEqualTo("urn:wordvec:problem:unknown-word");
        // Two words looked up once: the failure was not sent through MVC to run again.
        assertThat(count(http, series)).isEqualTo(looked + 2);
        Http.Response openAi = http.post("/v1/embeddings", "{\"model\":\"nope\",\"input\":\"the\"}");
        assertThat(openAi.status()).isEqualTo(404);
        assertThat(openAi.get("error").get("code").asString()).isEqualTo("model_not_found");
        assertThat(directRoutes.getFilter().answered()).isEqualTo(before);
    }

    @Test
    void unusualRequestsAreLeftToMvc() {
        Http http = new Http(port);
        long before = directRoutes.getFilter().answered();
        // A repeated parameter (MVC joins it), a charset other than UTF-8, a HEAD, a trailing slash.
        assertThat(http.get("/vector/the?model=glove&model=glove").status()).isEqualTo(404);
        assertThat(http.send(http.request("/similarity").header("Content-Type", "application/json; charset=UTF-16")
                .POST(HttpRequest.BodyPublishers.ofString("{\"word1\":\"the\",\"word2\":\"and\"}",
                        StandardCharsets.UTF_16))).status()).isEqualTo(200);
        assertThat(http.head("/vector/the").status()).isEqualTo(200);
        assertThat(http.get("/vector/the/").status()).isEqualTo(404);
        assertThat(directRoutes.getFilter().answered()).isEqualTo(before);
    }

    private static double count(Http http, String series) {
        return http.get("/actuator/prometheus").body().lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).sum();
    }

    private record Request(String method, String path, String body) {

        HttpRequest.Builder build(Http http, String accept) {
            HttpRequest.Builder builder = http.request(path);
            if (accept != null) {
                builder.header("Accept", accept);
            }
            return method.equals("GET") ? builder.GET() : builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
    }

    private static Request vector(Random random) {
        String word = URLEncoder.encode(pick(random, WORDS), StandardCharsets.UTF_8).replace("+", "%20");
        StringBuilder query = new StringBuilder();
        String oov = pick(random, OOV);
        String model = pick(random, MODELS);
        if (oov != null) {
            query.append("&oov=").append(oov);
        }
        if (model != null) {
            query.append("&model=").append(model);
        }
        return new Request("GET", "/vector/" + word + (query.isEmpty() ? "" : "?" + query.substring(1)), null);
    }

    private static String similarityBody(Random random) {
        String tail = optional(random, "oov", OOV) + optional(random, "model", MODELS);
        return switch (random.nextInt(6)) {
            case 0 -> "{\"word1\":" + word(random) + ",\"word2\":" + word(random) + tail + "}";
            case 1 -> "{\"pairs\":[[" + word(random) + "," + word(random) + "],[" + word(random) + ","
                    + word(random) + "]]" + tail + "}";
            case 2 -> "{\"words1\":[" + word(random) + "," + word(random) + "],\"words2\":[" + word(random) + "]"
                    + tail + "}";
            case 3 -> "{\"word\":" + word(random) + ",\"others\":[" + word(random) + "," + word(random) + "]" + tail
                    + "}";
            case 4 -> "{\"text1\":" + text(random) + ",\"text2\":" + text(random) + optional(random, "model", MODELS)
                    + "}";
            default -> random.nextBoolean() ? "{\"word1\":" + word(random) : "{\"word1\":\"king\",\"word2\":7}";
        };
    }

    private static String sentenceBody(Random random) {
        String tail = optional(random, "weighting", new String[] {null, "mean", "sif", "idf", "bogus"})
                + optional(random, "model", MODELS);
        return random.nextBoolean() ? "{\"text\":" + text(random) + tail + "}"
                : "{\"texts\":[" + text(random) + "," + text(random) + "]" + tail + "}";
    }

    private static String embeddingsBody(Random random) {
        String model = pick(random, MODELS);
        String input = random.nextBoolean() ? text(random) : "[" + text(random) + "," + text(random) + "]";
        return "{" + (model == null ? "" : "\"model\":\"" + model + "\",") + "\"input\":" + input
                + optional(random, "encoding_format", new String[] {null, "float", "base64", "int8"})
                + (random.nextInt(4) == 0 ? ",\"dimensions\":" + (random.nextInt(60) - 5) : "") + "}";
    }

    private static String optional(Random random, String field, String[] values) {
        String value = pick(random, values);
        return value == null ? "" : ",\"" + field + "\":\"" + value + "\"";
    }

    private static String word(Random random) {
        return "\"" + pick(random, WORDS) + "\"";
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder("\"");
        int words = random.nextInt(5);
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(pick(random, WORDS));
        }
        return text.append("\"").toString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
