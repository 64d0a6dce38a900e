package dev.wordvec.probe;

import dev.wordvec.cli.CommandOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar wordvec.jar probe URL [--ready] [--wait SECONDS]}: checks a running wordvec
 * from the outside, the way a client would, with nothing but the JRE. Without {@code --ready} it
 * asks {@code /readyz}, then takes the default model's first word (the first that reads as one),
 * its vector and its nearest word (of a contextual model, a short text's vector). The container
 * image has no curl, so this is its full check from inside (docker/README.md), and the Helm
 * chart's {@code helm test}. An API key is read from {@code WORDVEC_API_KEY}.
 */
public final class ProbeCommand {

    public static final String USAGE = "usage: java -jar wordvec.jar probe URL [--ready] [--wait SECONDS]";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How many of the model's first words {@link #wordToAsk} looks through. */
    private static final int WORDS_LOOKED_AT = 50;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final String apiKey;
    private final PrintStream out;

    private ProbeCommand(String base, String apiKey, PrintStream out) {
        // host:port with no scheme (as curl takes it, and as a person types it) is http.
        String url = base.contains("://") ? base : "http://" + base;
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.apiKey = apiKey;
        this.out = out;
    }

    /** Runs the probe; returns the exit code (0 healthy, 1 not, 2 bad usage). */
    public static int run(String[] args, String apiKey, PrintStream out, PrintStream err) {
        boolean readyOnly;
        long waitSeconds;
        CommandOptions options;
        try {
            options = CommandOptions.parse(args, 1, Set.of("--wait"), Set.of("--ready"));
            if (options.plain().size() != 1) {
                throw new CommandOptions.UsageException(options.plain().isEmpty() ? "name the service's URL"
                        : "one URL at a time, not " + options.plain());
            }
            readyOnly = options.flag("--ready");
            waitSeconds = options.choice("--wait", v -> v.matches("\\d{1,6}") ? Long.valueOf(v) : null,
                    "a whole number of seconds", 0L);
        } catch (CommandOptions.UsageException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        String url = options.plain().get(0);
        ProbeCommand probe = new ProbeCommand(url, apiKey, out);
        try {
            probe.awaitReady(waitSeconds);
            if (!readyOnly) {
                probe.askTheDefaultModel();
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("'" + url + "' is not an http:// or https:// URL (" + e.getMessage() + ")\n" + USAGE);
            return 2;
        } catch (ProbeFailure e) {
            err.println("probe failed: " + e.getMessage());
            return 1;
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            // The JDK's client gives these no message of its own.
            err.println("probe failed: cannot connect to " + probe.base + " (is the service running, on that port?)");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("probe failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private void awaitReady(long waitSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        while (true) {
            try {
                get("/readyz");
                out.println("ready: " + base + "/readyz");
                return;
            } catch (ProbeFailure | IOException e) {
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The default model's first word, its vector and nearest word; a contextual model's vector of a short text. */
    private void askTheDefaultModel() throws IOException, InterruptedException {
        JsonNode models = get("/models");
        String model = models.get("defaultModel").asString();
        for (JsonNode summary : models.get("models")) {
            if (summary.get("name").asString().equals(model) && "contextual".equals(summary.path("kind").asString())) {
                String body = json.writeValueAsString(Map.of("model", model, "text", "Is the service up?"));
                int dimension = send("/sentence-vector", HttpRequest.BodyPublishers.ofString(body))
                        .get("results").get(0).get("vector").size();
                out.printf(Locale.ROOT, "model '%s' (contextual): a short text's vector has %d dimensions%n", model,
                        dimension);
                return;
            }
        }
        askOneWord(model);
    }

    private void askOneWord(String model) throws IOException, InterruptedException {
        JsonNode words = get("/models/" + encode(model) + "/words?limit=" + WORDS_LOOKED_AT).get("words");
        if (words.isEmpty()) {
            throw new ProbeFailure("model '" + model + "' has no words");
        }
        String word = wordToAsk(words);
        int dimension = get("/vector/" + encode(word) + "?model=" + encode(model)).get("vector").size();
        JsonNode nearest = get("/neighbors/" + encode(word) + "?k=1&model=" + encode(model)).get("neighbors");
        out.printf(Locale.ROOT, "model '%s': '%s' has %d dimensions; its nearest word is '%s'%n", model, word,
                dimension, nearest.get(0).get("word").asString());
    }

    /**
     * The first word among the model's first ones that reads as a word (fastText's files start
     * with {@code </s>} and punctuation, which make an odd report), else the first word.
     */
    static String wordToAsk(JsonNode words) {
        for (JsonNode node : words) {
            String word = node.asString();
            if (!word.startsWith("<") && word.codePoints().anyMatch(Character::isLetter)) {
                return word;
            }
        }
        return words.get(0).asString();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(path, null);
    }

    /** A GET, or a POST of the JSON {@code body} when there is one; the answer's JSON, or a failure naming the URL. */
    private JsonNode send(String path, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (body == null) {
            request.GET();
        } else {
            request.POST(body).header("Content-Type", "application/json");
        }
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ProbeFailure((body == null ? "GET " : "POST ") + base + path + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static final class ProbeFailure extends RuntimeException {
        ProbeFailure(String message) {
            super(message);
        }
    }
}
