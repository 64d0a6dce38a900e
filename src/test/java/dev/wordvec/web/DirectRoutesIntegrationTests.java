package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.http.DirectRoutes;
import dev.wordvec.testing.Http;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    private static final int REQUESTS = 630;
    private static final String MVC_ONLY = "application/json, */*;q=0.5";
    private static final String[] WORDS = {"the", "and", "of", "King", "king", "New_York", "new york", "a/b", "ö",
        "zzzunknown", "", " ", "%", "1234", "Paris"};
    private static final String[] OOV = {null, "skip", "zero", "error", "subword", "bogus"};
    private static final String[] MODELS = {null, "glove", "phrases", "nope"};
    private static final String[] K = {null, null, "3", "1", "0", "-2", "0x2", " 4", "", "abc", "2.5", "100000"};
    private static final String[] SIMILARITIES = {null, null, "0.5", "-1", "1e-1", "NaN", "x", ""};
    private static final String[] EXACT = {null, "true", "false", "on", "no", "1", "maybe", ""};

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
        Map<String, Set<Integer>> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Request request = switch (random.nextInt(9)) {
                case 0 -> vector(random);
                case 1 -> new Request("POST", "/similarity", similarityBody(random));
                case 2 -> new Request("POST", "/sentence-vector", sentenceBody(random));
                case 3 -> neighbors(random);
                case 4 -> new Request("POST", "/neighbors", neighborsBody(random));
                case 5 -> new Request("POST", "/analogy", analogyBody(random));
                case 6 -> new Request("POST", "/v1/embeddings", embeddingsBody(random));
                case 7 -> word2vecApi(random);
                default -> tei(random);
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
            for (String header : new String[] {"X-Wordvec-Zero-Vectors", "X-Wordvec-Truncated",
                "X-Wordvec-Unknown-Words"}) {
                assertThat(direct.header(header)).as(what + ", " + header).isEqualTo(mvc.header(header));
            }
            if (direct.status() == 200) {
                ok++;
            }
            statuses.computeIfAbsent(request.route(), route -> new TreeSet<>()).add(direct.status());
        }
        // Every 200 came from the direct path, every error from MVC; and the generator reaches both.
        assertThat(directRoutes.getFilter().answered() - before).isEqualTo(ok);
        assertThat(ok).isBetween(REQUESTS / 10, REQUESTS * 9 / 10);
        assertThat(statuses).as("statuses by route").hasSize(10)
                .allSatisfy((route, seen) -> assertThat(seen).as(route).contains(200, 400, 404));
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
        // A repeated parameter (refused), a charset other than UTF-8, a HEAD, a trailing slash.
        assertThat(http.get("/vector/the?model=glove&model=glove").status()).isEqualTo(400);
        assertThat(http.send(http.request("/similarity").header("Content-Type", "application/json; charset=UTF-16")
                .POST(HttpRequest.BodyPublishers.ofString("{\"word1\":\"the\",\"word2\":\"and\"}",
                        StandardCharsets.UTF_16))).status()).isEqualTo(200);
        assertThat(http.head("/vector/the").status()).isEqualTo(200);
        assertThat(http.get("/vector/the/").status()).isEqualTo(404);
        // A list as one value with commas, which MVC splits; a repeated single parameter.
        assertThat(http.get("/word2vec/n_similarity?ws1=the,and&ws2=of").status()).isEqualTo(200);
        assertThat(http.get("/word2vec/similarity?w1=the&w1=and&w2=of").status()).isEqualTo(400);
        assertThat(directRoutes.getFilter().answered()).isEqualTo(before);
    }

    private static double count(Http http, String series) {
        return http.get("/actuator/prometheus").body().lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).sum();
    }

    private record Request(String method, String path, String body) {

        /** The method and the path up to its second {@code /} or its query: {@code GET /neighbors}. */
        String route() {
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            int end = bare.indexOf('/', 1);
            return method + " " + (end < 0 ? bare : bare.substring(0, end));
        }

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
        return get(random, "/vector/", query(random, "oov", OOV) + query(random, "normalize", EXACT)
                + query(random, "model", MODELS));
    }

    /** word2vec-api's routes: lists repeated or joined by commas, parameters missing or repeated. */
    private static Request word2vecApi(Random random) {
        String query = switch (random.nextInt(4)) {
            case 0 -> "/word2vec/similarity?" + values(random, "w1", 0, 2) + values(random, "w2", 0, 2);
            case 1 -> "/word2vec/n_similarity?" + values(random, "ws1", 0, 3) + values(random, "ws2", 0, 3);
            case 2 -> "/word2vec/most_similar?" + values(random, "positive", 0, 3) + values(random, "negative", 0, 2)
                    + query(random, "topn", K);
            default -> "/word2vec/model?" + values(random, "word", 0, 2);
        };
        String path = (query + query(random, "model", MODELS)).replace("?&", "?");
        return new Request("GET", path.endsWith("?") ? path.substring(0, path.length() - 1) : path, null);
    }

    /** {@code name} given {@code min} to {@code max} times (mostly once), now and then as words joined by a comma. */
    private static String values(Random random, String name, int min, int max) {
        int count = random.nextInt(3) > 0 ? 1 : min + random.nextInt(max - min + 1);
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String value = pick(random, WORDS) + (random.nextInt(6) == 0 ? "," + pick(random, WORDS) : "");
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** Numbers and booleans as MVC converts them, and some that it refuses. */
    private static Request neighbors(Random random) {
        // Each parameter half the time, so that some requests get through all of them.
        StringBuilder query = new StringBuilder();
        for (String name : new String[] {"k", "minSimilarity", "restrictVocab", "exact", "oov", "model"}) {
            query.append(random.nextBoolean() ? "" : query(random, name, switch (name) {
                case "k", "restrictVocab" -> K;
                case "minSimilarity" -> SIMILARITIES;
                case "exact" -> EXACT;
                case "oov" -> OOV;
                default -> MODELS;
            }));
        }
        return get(random, "/neighbors/", query.toString());
    }

    private static Request get(Random random, String prefix, String query) {
        String word = URLEncoder.encode(pick(random, WORDS), StandardCharsets.UTF_8).replace("+", "%20");
        return new Request("GET", prefix + word + (query.isEmpty() ? "" : "?" + query.substring(1)), null);
    }

    private static String query(Random random, String name, String[] values) {
        String value = pick(random, values);
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
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

    private static String neighborsBody(Random random) {
        // Each field half the time, so that some requests get through all of them.
        String tail = (random.nextBoolean() ? "" : number(random, "k", K))
                + (random.nextBoolean() ? "" : number(random, "restrictVocab", K))
                + (random.nextBoolean() ? "" : number(random, "minSimilarity", SIMILARITIES))
                + (random.nextBoolean() ? "" : ",\"exact\":true")
                + (random.nextBoolean() ? "" : optional(random, "oov", OOV))
                + (random.nextBoolean() ? "" : optional(random, "model", MODELS));
        return switch (random.nextInt(4)) {
            case 0 -> "{\"word\":" + word(random) + tail + "}";
            case 1 -> "{\"vector\":" + vectorValues(random) + tail + "}";
            case 2 -> "{\"queries\":[{\"word\":" + word(random) + "},{\"vector\":" + vectorValues(random) + "}]" + tail + "}";
            default -> random.nextBoolean() ? "{\"word\":" + word(random) + ",\"vector\":[1,2]}" : "{\"k\":\"three\"}";
        };
    }

    private static String analogyBody(Random random) {
        String tail = (random.nextBoolean() ? "" : number(random, "k", K))
                + optional(random, "method", new String[] {null, "add", "mul", "div"})
                + (random.nextBoolean() ? "" : optional(random, "oov", OOV))
                + (random.nextBoolean() ? "" : optional(random, "model", MODELS));
        String positive = "[" + known(random) + "," + (random.nextBoolean() ? known(random) : "[" + known(random) + ",2]")
                + "]";
        String negative = random.nextInt(4) == 0 ? "[]" : "[" + known(random) + "]";
        return random.nextInt(5) > 0 ? "{\"positive\":" + positive + ",\"negative\":" + negative + tail + "}"
                : "{\"queries\":[{\"positive\":" + positive + ",\"negative\":" + negative + "}]" + tail + "}";
    }

    /** A JSON number field from {@code values} (a non-number value written as a string, for a 400). */
    private static String number(Random random, String field, String[] values) {
        String value = pick(random, values);
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean plain = value.matches("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?");
        return ",\"" + field + "\":" + (plain ? value : "\"" + value + "\"");
    }

    /** A vector of the glove model's dimension, or of the phrases model's. */
    private static String vectorValues(Random random) {
        int dimension = random.nextInt(4) == 0 ? 3 : 50;
        StringBuilder vector = new StringBuilder("[");
        for (int i = 0; i < dimension; i++) {
            vector.append(i == 0 ? "" : ",").append(random.nextInt(200) - 100).append("e-2");
        }
        return vector.append("]").toString();
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

    /** TEI's embed route, at {@code /embed} or {@code /}, the model in the query or the body. */
    private static Request tei(Random random) {
        String model = pick(random, MODELS);
        boolean inQuery = random.nextBoolean();
        String inputs = switch (random.nextInt(5)) {
            case 0 -> "[" + text(random) + "," + text(random) + "]";
            case 1 -> random.nextBoolean() ? "[]" : "7";
            default -> text(random);
        };
        String body = "{" + (model == null || inQuery ? "" : "\"model\":\"" + model + "\",") + "\"inputs\":" + inputs
                + (random.nextInt(3) == 0 ? ",\"normalize\":" + random.nextBoolean() : "")
                + (random.nextInt(4) == 0 ? ",\"dimensions\":" + (random.nextInt(60) - 5) : "")
                + optional(random, "truncation_direction", new String[] {null, "Right", "left", "up"}) + "}";
        String path = (random.nextBoolean() ? "/embed" : "/") + (model != null && inQuery ? "?model=" + model : "");
        return new Request("POST", path, body);
    }

    private static String optional(Random random, String field, String[] values) {
        String value = pick(random, values);
        return value == null ? "" : ",\"" + field + "\":\"" + value + "\"";
    }

    /** Mostly a word of the glove model, so that some analogies have all three. */
    private static String known(Random random) {
        return random.nextInt(4) == 0 ? word(random) : "\"" + pick(random, new String[] {"the", "and", "of", "ö"}) + "\"";
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
