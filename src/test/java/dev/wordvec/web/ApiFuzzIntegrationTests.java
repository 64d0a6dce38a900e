package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random requests against every route: words of any Unicode, empty, huge, percent-encoded or
 * not, path-like; raw bytes in the request line; random and broken JSON bodies; real models and
 * degenerate ones (one word, one dimension, all-zero rows). Whatever comes,
 * the service never answers 5xx, and every error is a problem body with a detail (OpenAI's error
 * shape on /v1). Requests go over a raw socket so that bytes no URL class would send get sent.
 * Seeded: a failure names the seed and the request, and {@code -Dwordvec.fuzz.seed=N} replays it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.models.glove.format=glove",
    "wordvec.models.phrases.path=src/test/resources/models/phrases.vec",
    "wordvec.models.single.path=src/test/resources/models/one-word.txt",
    "wordvec.models.line.path=src/test/resources/models/one-dimension.txt",
    "wordvec.models.flat.path=src/test/resources/models/zero-rows.txt",
    "wordvec.default-model=glove",
    "wordvec.http.max-body-size=64KB",
})
class ApiFuzzIntegrationTests {

    private static final int REQUESTS = 2000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] WORDS = {"the", "and", "ö", "é", "हु", "king", "New_York", "new york", "apple",
        "Apple", "Paris", "of", "a"};
    private static final String[] FIELDS = {"word", "words", "word1", "word2", "words1", "words2", "others", "k",
        "positive", "negative", "texts", "text", "text1", "text2", "input", "model", "oov", "weights", "queries",
        "pairs", "groups", "restrictVocab", "minSimilarity", "vector", "weighting", "removePc", "normalize", "preNormalize",
        "dimensions", "encoding_format", "method", "user", "documents", "inputs", "truncate", "truncation_direction",
        "prompt_name", "add_special_tokens"};
    private static final String[] POSTS = {"/vectors", "/similarity", "/neighbors", "/analogy", "/doesnt-match",
        "/sentence-vector", "/v1/embeddings", "/word-movers-distance", "/word-movers-ranking", "/embed", "/",
        "/tokenize", "/embed_all", "/decode", "/token-vectors", "/projection", "/models/*/evaluate"};
    private static final String[] MODELS = {"glove", "phrases", "single", "line", "flat"};

    @LocalServerPort
    int port;

    private record Reply(int status, String contentType, String body) {
    }

    @Test
    void noRequestGetsA5xxAndEveryErrorIsAProblem() throws IOException {
        long seed = Long.getLong("wordvec.fuzz.seed", 20261128L);
        Random random = new Random(seed);
        int errors = 0;
        for (int i = 0; i < REQUESTS; i++) {
            byte[] request = random.nextInt(3) == 0 ? post(random) : get(random);
            Reply reply = send(request);
            String what = "seed " + seed + ", request " + i + ":\n" + printable(request) + "\n-> " + reply;
            assertThat(reply.status()).as(what).isBetween(200, 499);
            boolean head = request[0] == 'H';
            if (reply.status() >= 400) {
                errors++;
                if (!head) {
                    assertProblem(reply, new String(request, 0, Math.min(request.length, 20), StandardCharsets.ISO_8859_1)
                            .contains(" /v1/"), what);
                }
            } else if (!head) {
                // TEI's embed routes answer a list of vectors; every other route an object.
                JsonNode body = JSON.readTree(reply.body());
                assertThat(body.isObject() || body.isArray() && teiEmbed(request)).as(what).isTrue();
            }
        }
        // The generator reaches both outcomes (a test that only ever saw 400s would prove little).
        assertThat(errors).isBetween(REQUESTS / 10, REQUESTS * 9 / 10);
    }

    /**
     * Requests that Tomcat refuses or forwards to the error path, and bodies not sent as JSON: a
     * problem each (OpenAI's shape under /v1), never Spring Boot's error body or a 5xx.
     */
    @Test
    void protocolEdgesAnswerAsProblems() throws IOException {
        byte[] json = "{\"word1\": \"the\", \"word2\": \"of\"}".getBytes(StandardCharsets.UTF_8);
        byte[] brokenChunks = ("POST /similarity HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Map<String, byte[]> requests = new LinkedHashMap<>();
        requests.put("405", request(line("TRACE /similarity"), null, null));
        requests.put("405 /v1", request(line("TRACE /v1/embeddings"), null, null));
        requests.put("404", request(line("GET /error"), null, null));
        requests.put("404 post", request(line("POST /error"), "application/json", json));
        requests.put("400", brokenChunks);
        requests.put("415", request(line("POST /similarity"), "application/yaml", "word1: the\nword2: of\n".getBytes(
                StandardCharsets.UTF_8)));
        requests.put("415 form", request(line("POST /similarity"), "application/x-www-form-urlencoded", json));
        requests.put("415 /v1", request(line("POST /v1/embeddings"), "application/x-www-form-urlencoded", json));
        requests.put("400 list", request(line("POST /neighbors"), "application/json", "[]".getBytes(StandardCharsets.UTF_8)));
        requests.put("400 two", request(line("POST /similarity"), "application/json", "{} {}".getBytes(
                StandardCharsets.UTF_8)));
        requests.put("400 list /v1", request(line("POST /v1/embeddings"), "application/json", "\"x\"".getBytes(
                StandardCharsets.UTF_8)));
        for (Map.Entry<String, byte[]> entry : requests.entrySet()) {
            Reply reply = send(entry.getValue());
            String what = entry.getKey() + ":\n" + printable(entry.getValue()) + "\n-> " + reply;
            assertThat(reply.status()).as(what).isEqualTo(Integer.parseInt(entry.getKey().substring(0, 3)));
            assertProblem(reply, entry.getKey().endsWith("/v1"), what);
        }
    }

    /**
     * Requests Tomcat cannot parse: the detail says which mistake it was, and an over-long URL or
     * header block gets its own status (414, 431), not a 400 that could be anything.
     */
    @Test
    void unparsableRequestsSayWhatWasWrong() throws IOException {
        // Keyed by the raw request; most are a plain GET, as request(...) writes one.
        Map<byte[], Map.Entry<Integer, String>> cases = new LinkedHashMap<>();
        cases.put(get("/vector/" + "x".repeat(10_000)), Map.entry(414, "the URL is too long"));
        cases.put(line("GET /vector/king HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(10_000)
                + "\r\nConnection: close\r\n\r\n"), Map.entry(431, "the request's headers are too large"));
        cases.put(get("/vector/a{b"), Map.entry(400, "must be percent-encoded"));
        cases.put(get("/vector/a%zzb"), Map.entry(400, "percent-encoding is invalid"));
        cases.put(get("/vector/a%"), Map.entry(400, "percent-encoding is invalid"));
        cases.put(get("/vector/a%00b"), Map.entry(400, "holds %00 (NUL), or a /../"));
        cases.put(get("/vector/../../etc"), Map.entry(400, "climbs above the root"));
        // Tomcat's own reason, when it gives one; otherwise what it refuses without one.
        cases.put(line("GET /vector/king HTTP/1.1\r\nHost: localhost\r\nBad Header: y\r\nConnection: close\r\n\r\n"),
                Map.entry(400, "[Bad Header: y] does not conform to RFC 9112"));
        cases.put(line("GET /vector/king HTTP/1.1\r\nConnection: close\r\n\r\n"), Map.entry(400, "has a Host header"));
        cases.put(get("/vector/a%C3b"), Map.entry(400, "must be UTF-8"));
        for (var entry : cases.entrySet()) {
            byte[] request = entry.getKey();
            Reply reply = send(request);
            String shown = printable(request);
            String what = shown.substring(0, Math.min(shown.length(), 80)) + "\n-> " + reply;
            assertThat(reply.status()).as(what).isEqualTo(entry.getValue().getKey());
            assertProblem(reply, false, what);
            JsonNode body = JSON.readTree(reply.body());
            assertThat(body.get("type").asString()).as(what).isEqualTo("urn:wordvec:problem:malformed-request");
            assertThat(body.get("detail").asString()).as(what).contains(entry.getValue().getValue());
        }
    }

    private static byte[] get(String target) {
        return request(line("GET " + target), null, null);
    }

    private static byte[] line(String requestLine) {
        return requestLine.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean teiEmbed(byte[] request) {
        String line = new String(request, 0, Math.min(request.length, 20), StandardCharsets.ISO_8859_1);
        return line.startsWith("POST /embed") || line.startsWith("POST / ") || line.startsWith("POST /?");
    }

    private static void assertProblem(Reply reply, boolean openAi, String what) {
        JsonNode body = JSON.readTree(reply.body());
        if (openAi && body.has("error")) {
            assertThat(reply.contentType()).as(what).startsWith("application/json");
            assertThat(body.get("error").get("message").asString()).as(what).isNotBlank()
                    .doesNotContain("dev.wordvec.");
            return;
        }
        assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
        assertThat(body.get("status").asInt()).as(what).isEqualTo(reply.status());
        // Said in the API's words: never the name of one of wordvec's classes (Jackson's messages have them).
        assertThat(body.get("detail").asString()).as(what).isNotBlank().doesNotContain("dev.wordvec.");
        assertThat(body.get("title").asString()).as(what).isNotBlank();
    }

    // ---- requests ----

    private byte[] get(Random random) {
        String method = random.nextInt(10) == 0 ? "HEAD" : "GET";
        byte[] word = pathWord(random);
        String route = switch (random.nextInt(5)) {
            case 0, 1 -> "/vector/";
            case 2 -> "/neighbors/";
            case 3 -> "/models/";
            default -> random.nextBoolean() ? "/vector/" : "/" + ascii(random, 6) + "/";
        };
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes((method + " " + route).getBytes(StandardCharsets.US_ASCII));
        line.writeBytes(word);
        if (route.equals("/models/")) {
            line.writeBytes("/words".getBytes(StandardCharsets.US_ASCII));
        }
        if (random.nextInt(3) == 0) {
            line.writeBytes(("?" + query(random)).getBytes(StandardCharsets.UTF_8));
        }
        return request(line.toByteArray(), null, null);
    }

    private byte[] post(Random random) {
        String path = POSTS[random.nextInt(POSTS.length)];
        if (path.contains("*")) {
            path = path.replace("*", random.nextInt(8) == 0 ? ascii(random, 4) : MODELS[random.nextInt(MODELS.length)]);
        }
        String type = random.nextInt(12) == 0 ? "text/plain" : "application/json";
        byte[] body;
        int kind = random.nextInt(10);
        if (kind == 0) {
            body = new byte[0];
        } else if (kind == 1) {
            byte[] whole = JSON.writeValueAsBytes(value(random, 0));
            body = java.util.Arrays.copyOf(whole, random.nextInt(whole.length + 1));
        } else if (kind == 2) {
            body = randomBytes(random, random.nextInt(200));
        } else if (kind < 6) {
            body = JSON.writeValueAsBytes(object(random, 0));
        } else {
            body = JSON.writeValueAsBytes(plausible(path, random));
        }
        return request(("POST " + path + (random.nextInt(5) == 0 ? "?" + query(random) : ""))
                .getBytes(StandardCharsets.UTF_8), type, body);
    }

    private static byte[] request(byte[] requestLine, String contentType, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(requestLine);
        out.writeBytes(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.writeBytes(("Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static String query(Random random) {
        List<String> parts = new ArrayList<>();
        for (int n = random.nextInt(3) + 1; n > 0; n--) {
            String name = switch (random.nextInt(6)) {
                case 0 -> "k";
                case 1 -> "model";
                case 2 -> "oov";
                case 3 -> "limit";
                case 4 -> "offset";
                default -> "restrictVocab";
            };
            String value = switch (random.nextInt(6)) {
                case 0 -> Integer.toString(random.nextInt(2000) - 500);
                case 1 -> "99999999999999999999";
                case 2 -> random.nextBoolean() ? MODELS[random.nextInt(MODELS.length)] : "skip";
                case 3 -> "%zz";
                case 4 -> "";
                default -> percentEncode(word(random));
            };
            parts.add(name + "=" + value);
        }
        return String.join("&", parts);
    }

    /** A word as it appears in a path: percent-encoded, raw UTF-8, or garbage. */
    private static byte[] pathWord(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> inRequestLine(word(random).getBytes(StandardCharsets.UTF_8));
            case 4, 5, 6, 7 -> percentEncode(known(random)).getBytes(StandardCharsets.US_ASCII);
            case 1 -> new String[] {"", ".", "..", "%2e%2e", "a/../b", "%2F", "//", "a;b", "%3B", "%", "%z", "%C3",
                "%00", "%5C", "%E0%80%80", "%FF", "~", "%20", "+"}[random.nextInt(19)].getBytes(StandardCharsets.UTF_8);
            case 2 -> randomBytes(random, 1 + random.nextInt(12));
            default -> percentEncode(word(random)).getBytes(StandardCharsets.US_ASCII);
        };
    }

    // ---- values ----

    private static String word(Random random) {
        return switch (random.nextInt(7)) {
            case 0, 1 -> WORDS[random.nextInt(WORDS.length)];
            case 2 -> "";
            case 3 -> "x".repeat(random.nextInt(20_000));
            case 4 -> ascii(random, 1 + random.nextInt(10));
            default -> unicode(random, 1 + random.nextInt(8));
        };
    }

    private static String unicode(Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                case 2 -> 0x800 + random.nextInt(0xFFFF - 0x800);
                default -> 0x10000 + random.nextInt(0x10FFFF - 0x10000);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String ascii(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return inRequestLine(bytes);
    }

    /**
     * Raw path bytes with CR, LF and space made 'q': they would end the request line rather than
     * test a path (a line ended early reads as an HTTP/0.9 request, answered with a bare body).
     */
    private static byte[] inRequestLine(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n' || bytes[i] == ' ') {
                bytes[i] = 'q';
            }
        }
        return bytes;
    }

    private static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format(Locale.ROOT, "%%%02X", b & 0xFF));
        }
        return out.toString();
    }

    /** A body the route would accept with known words, then (half the time) one field made random. */
    private static ObjectNode plausible(String path, Random random) {
        ObjectNode body = NODES.objectNode();
        switch (path) {
            case "/vectors", "/doesnt-match" -> body.set("words", known(random, 3));
            case "/similarity" -> body.put("word1", known(random)).put("word2", known(random));
            case "/neighbors" -> body.put("word", known(random)).put("k", 1 + random.nextInt(20));
            case "/analogy" -> body.<ObjectNode>set("positive", known(random, 2)).set("negative", known(random, 1));
            case "/sentence-vector" -> body.set("texts", NODES.arrayNode().add(known(random) + " " + known(random)));
            case "/word-movers-distance" -> body.<ObjectNode>set("words1", known(random, 3)).set("words2", known(random, 2));
            case "/word-movers-ranking" -> body.put("text", known(random) + " " + known(random)).set("documents",
                    NODES.arrayNode().add(known(random)).add(known(random) + " " + known(random)));
            case "/embed", "/", "/tokenize", "/embed_all" -> body.set("inputs", random.nextBoolean()
                    ? NODES.stringNode(known(random) + " " + known(random)) : known(random, 2));
            case "/decode" -> body.set("ids", NODES.arrayNode().add(random.nextInt(100)).add(random.nextInt(100)));
            case "/token-vectors" -> body.put("text", known(random) + " " + known(random));
            case "/projection" -> {
                if (random.nextBoolean()) {
                    body.set("words", known(random, 2 + random.nextInt(4)));
                } else {
                    body.put("word", known(random)).put("k", 1 + random.nextInt(6));
                }
                body.put("dims", 2 + random.nextInt(2));
            }
            default -> {
                if (path.endsWith("/evaluate")) {
                    ObjectNode pairs = NODES.objectNode().put("name", "p").put("text", known(random) + "\t"
                            + known(random) + "\t1\n" + known(random) + "\t" + known(random) + "\t2\n"
                            + known(random) + "\t" + known(random) + "\t3\n");
                    ObjectNode questions = NODES.objectNode().put("name", "q").put("text", ": s\n" + known(random)
                            + " " + known(random) + " " + known(random) + " " + known(random) + "\n");
                    body.<ObjectNode>set("pairs", NODES.arrayNode().add(pairs)).set("analogies", questions);
                } else {
                    body.put("input", known(random) + " " + known(random)).put("model", "glove");
                }
            }
        }
        if (random.nextInt(4) == 0 && !path.endsWith("/evaluate")) {
            body.put("model", MODELS[random.nextInt(MODELS.length)]);
        }
        if (random.nextBoolean()) {
            body.set(FIELDS[random.nextInt(FIELDS.length)], value(random, 1));
        }
        return body;
    }

    private static String known(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static ArrayNode known(Random random, int count) {
        ArrayNode words = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            words.add(known(random));
        }
        return words;
    }

    private static ObjectNode object(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        for (int n = random.nextInt(5); n >= 0; n--) {
            object.set(random.nextInt(8) == 0 ? word(random) : FIELDS[random.nextInt(FIELDS.length)], value(random, depth + 1));
        }
        return object;
    }

    private static JsonNode value(Random random, int depth) {
        int choice = random.nextInt(depth > 4 ? 5 : 8);
        return switch (choice) {
            case 0, 1 -> NODES.stringNode(word(random));
            case 2 -> random.nextBoolean() ? NODES.numberNode(random.nextInt(3000) - 1000)
                    : NODES.numberNode(random.nextBoolean() ? random.nextDouble() * 2 - 1 : Double.MAX_VALUE);
            case 3 -> random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            case 4 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 5, 6 -> {
                ArrayNode array = NODES.arrayNode();
                if (random.nextInt(20) == 0) {
                    // A long list of known words: over the list limits, under the body limit.
                    for (int n = 1000 + random.nextInt(2000); n > 0; n--) {
                        array.add(WORDS[random.nextInt(WORDS.length)]);
                    }
                    yield array;
                }
                for (int n = random.nextInt(6); n > 0; n--) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
            default -> object(random, depth);
        };
    }

    // ---- transport ----

    private Reply send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            byte[] response = readAll(socket.getInputStream());
            String text = new String(response, StandardCharsets.UTF_8);
            int headerEnd = text.indexOf("\r\n\r\n");
            assertThat(headerEnd).as("a whole response to:\n" + printable(request) + "\n" + text).isPositive();
            String[] lines = text.substring(0, headerEnd).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String type = "";
            boolean chunked = false;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    type = line.substring(13).trim();
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            String body = text.substring(headerEnd + 4);
            return new Reply(status, type, chunked ? dechunk(body) : body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int at = 0;
        while (at < bytes.length) {
            int lineEnd = indexOf(bytes, at);
            int size = Integer.parseInt(new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(new String(bytes, lineEnd + 2, size, StandardCharsets.UTF_8));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    private static String printable(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 600), StandardCharsets.ISO_8859_1);
        return text.replaceAll("[^\\x20-\\x7e\\n]", "?");
    }
}
