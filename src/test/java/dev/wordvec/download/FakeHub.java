package dev.wordvec.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wordvec.contextual.EncoderFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 that answers as the Hugging Face Hub does: the API's file list at a revision
 * ({@code /api/models/ID/revision/REV?blobs=true}), files under {@code /ID/resolve/COMMIT/PATH},
 * large ones redirected to another origin (as the Hub sends them to its CDN), a gated repository
 * ({@code acme/gated}) that needs the token {@code s3cret}. {@code acme/mini} holds the built-in
 * all-MiniLM-L6-v2's network and tokenizer, laid out as sentence-transformers saves a model with
 * {@code backend="onnx"}, and weights wordvec does not read (listed, never to be fetched).
 */
public final class FakeHub implements AutoCloseable {

    public static final String COMMIT = "c9745ed1d9f207416be6d2e6f8de32d1f16199bf";

    /** The repository's files by path; a null value is listed but must never be fetched. */
    public final Map<String, byte[]> files = new LinkedHashMap<>();
    /** The paths fetched, in order. */
    public final List<String> fetched = Collections.synchronizedList(new ArrayList<>());
    /** Each request's Authorization header ("null" for none), the API's and the files'. */
    public final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    public final HttpServer server;
    /** Another origin (another port), where large files are redirected to, as the Hub's CDN is another host. */
    public final HttpServer cdn;
    /** Each CDN request's Authorization header ("null" for none): a token must never reach it. */
    public final List<String> cdnAuthorizations = Collections.synchronizedList(new ArrayList<>());
    /** How many of the next file-list requests are answered 503, as a busy or rate-limiting Hub does. */
    public final AtomicInteger busyListings = new AtomicInteger();
    /** The commit the revisions resolve to; set another to publish a new one. */
    public volatile String commit = COMMIT;

    public FakeHub() throws IOException {
        cdn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cdn.createContext("/cdn/", exchange -> {
            cdnAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            sendFile(exchange, files.get(exchange.getRequestURI().getPath().substring("/cdn/".length())));
        });
        cdn.start();
        files.put(".gitattributes", "*.onnx filter=lfs\n".getBytes(StandardCharsets.UTF_8));
        files.put("README.md", "# mini\n".getBytes(StandardCharsets.UTF_8));
        files.put("LICENSE", "Apache License 2.0\n".getBytes(StandardCharsets.UTF_8));
        files.put("config.json", "{\"model_type\": \"bert\"}".getBytes(StandardCharsets.UTF_8));
        files.put("modules.json", ("[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\": "
                + "\"sentence_transformers.models.Transformer\"}, {\"idx\": 1, \"name\": \"1\", "
                + "\"path\": \"1_Pooling\", \"type\": \"sentence_transformers.models.Pooling\"}, {\"idx\": 2, "
                + "\"name\": \"2\", \"path\": \"2_Normalize\", \"type\": \"sentence_transformers.models.Normalize\"}]")
                .getBytes(StandardCharsets.UTF_8));
        files.put("sentence_bert_config.json", "{\"max_seq_length\": 128, \"do_lower_case\": false}"
                .getBytes(StandardCharsets.UTF_8));
        files.put("1_Pooling/config.json", "{\"word_embedding_dimension\": 384, \"pooling_mode_mean_tokens\": true}"
                .getBytes(StandardCharsets.UTF_8));
        files.put("tokenizer.json", resource(EncoderFiles.builtIn(false).tokenizer()));
        files.put("onnx/model.onnx", resource(EncoderFiles.builtIn(false).onnx()));
        files.put("vocab.txt", "[PAD]\n[UNK]\n".getBytes(StandardCharsets.UTF_8));
        // Weights wordvec does not read: listed, never to be fetched.
        files.put("model.safetensors", null);
        files.put("pytorch_model.bin", null);
        files.put("onnx/model_qint8_avx512_vnni.onnx", null);
        files.put("openvino/openvino_model.xml", null);

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/models/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            if (busyListings.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                send(exchange, 503, "{\"error\": \"Service Unavailable\"}");
            } else if (path.startsWith("/api/models/acme/gated/") && !"Bearer s3cret".equals(
                    exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\": \"Access to model acme/gated is restricted.\"}");
            } else if ((path.equals("/api/models/acme/mini/revision/main") || path.equals("/api/models/acme/gated/"
                    + "revision/main") || path.equals("/api/models/acme/mini/revision/refs%2Fpr%2F1")
                    || path.equals("/api/models/acme/mini/revision/refs/pr/1")) && query.equals("blobs=true")) {
                send(exchange, 200, listing(files).replace(COMMIT, commit));
            } else if (path.equals("/api/models/acme/escape/revision/main")) {
                send(exchange, 200, "{\"sha\": \"" + COMMIT + "\", \"siblings\": [{\"rfilename\": \"../../etc/x\", "
                        + "\"size\": 1}]}");
            } else if (path.equals("/api/models/acme/torch-only/revision/main")) {
                send(exchange, 200, "{\"sha\": \"" + COMMIT + "\", \"siblings\": [{\"rfilename\": \"tokenizer.json\", "
                        + "\"size\": 2}, {\"rfilename\": \"model.safetensors\", \"size\": 9}]}");
            } else {
                send(exchange, 401, "{\"error\": \"Repository Not Found\"}");
            }
        });
        for (String repository : List.of("acme/mini", "acme/gated")) {
            // Any commit: the path's commit is 40 hex digits, as the listing's are.
            server.createContext("/" + repository + "/resolve/", exchange -> {
                String file = exchange.getRequestURI().getPath().substring(repository.length() + 51);
                fetched.add(file);
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                if (file.endsWith(".onnx") && files.get(file) != null) {
                    // Large files move to the CDN, as the Hub's LFS files do.
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:"
                            + FakeHub.this.cdn.getAddress().getPort() + "/cdn/" + file);
                    exchange.sendResponseHeaders(302, -1);
                    exchange.close();
                } else {
                    sendFile(exchange, files.get(file));
                }
            });
        }
        server.start();
    }


    /** The Hub's base URL, as HF_ENDPOINT names one. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        cdn.stop(0);
    }

    private static byte[] resource(EncoderFiles.Opener source) throws IOException {
        try (InputStream in = source.open()) {
            return in.readAllBytes();
        }
    }

    /** The API's answer: the commit and each file, with its size, and the SHA-256 of the large ones. */
    public static String listing(Map<String, byte[]> files) {
        List<String> siblings = new ArrayList<>();
        files.forEach((path, bytes) -> {
            int size = bytes == null ? 1000 : bytes.length;
            String lfs = bytes != null && bytes.length > 1_000_000 ? ", \"lfs\": {\"sha256\": \"" + sha256(bytes)
                    + "\", \"size\": " + size + ", \"pointerSize\": 134}" : "";
            // The git blob id: of the file itself, or for a large one of its LFS pointer (a stand-in here).
            String blob = gitBlobId(bytes == null || !lfs.isEmpty() ? path.getBytes(StandardCharsets.UTF_8) : bytes);
            siblings.add("{\"rfilename\": \"" + path + "\", \"blobId\": \"" + blob + "\", \"size\": " + size + lfs
                    + "}");
        });
        return "{\"id\": \"acme/mini\", \"sha\": \"" + COMMIT + "\", \"siblings\": [" + String.join(", ", siblings)
                + "]}";
    }

    /** Git's id of a file's contents: the SHA-1 of {@code blob SIZE\0} and the bytes. */
    static String gitBlobId(byte[] bytes) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendFile(HttpExchange exchange, byte[] bytes) throws IOException {
        if (bytes == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
