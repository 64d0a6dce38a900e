package dev.wordvec.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wordvec.contextual.DirectorySettings;
import dev.wordvec.contextual.EncoderFiles;
import dev.wordvec.contextual.SentenceTransformer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code download hf:OWNER/NAME} against a server on 127.0.0.1 that answers as the Hugging Face Hub
 * does: the API's file list at a revision ({@code /api/models/ID/revision/REV?blobs=true}), files
 * under {@code /ID/resolve/COMMIT/PATH}, large ones redirected elsewhere (the Hub's CDN), a gated
 * repository that needs a token. The repository holds the built-in all-MiniLM-L6-v2's network and
 * tokenizer, laid out as sentence-transformers saves a model with {@code backend="onnx"}.
 */
class HubDownloadTests {

    private static final String COMMIT = "c9745ed1d9f207416be6d2e6f8de32d1f16199bf";

    @TempDir
    Path dir;

    HttpServer server;
    String base;
    /** The repository's files by path; a null value is listed but must never be fetched. */
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final List<String> fetched = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void serve() throws IOException {
        files.put(".gitattributes", "*.onnx filter=lfs\n".getBytes(StandardCharsets.UTF_8));
        files.put("README.md", "# mini\n".getBytes(StandardCharsets.UTF_8));
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
            if (path.startsWith("/api/models/acme/gated/") && !"Bearer s3cret".equals(
                    exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\": \"Access to model acme/gated is restricted.\"}");
            } else if ((path.equals("/api/models/acme/mini/revision/main") || path.equals("/api/models/acme/gated/"
                    + "revision/main") || path.equals("/api/models/acme/mini/revision/refs%2Fpr%2F1")
                    || path.equals("/api/models/acme/mini/revision/refs/pr/1")) && query.equals("blobs=true")) {
                send(exchange, 200, listing(files));
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
            server.createContext("/" + repository + "/resolve/" + COMMIT + "/", exchange -> {
                String file = exchange.getRequestURI().getPath().substring(repository.length() + 51);
                fetched.add(file);
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                if (file.endsWith(".onnx") && files.get(file) != null) {
                    // Large files move to the CDN, as the Hub's LFS files do.
                    exchange.getResponseHeaders().add("Location", "/cdn/" + file);
                    exchange.sendResponseHeaders(302, -1);
                    exchange.close();
                } else {
                    sendFile(exchange, files.get(file));
                }
            });
        }
        server.createContext("/cdn/", exchange -> sendFile(exchange, files.get(exchange.getRequestURI().getPath()
                .substring("/cdn/".length()))));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static byte[] resource(EncoderFiles.Opener source) throws IOException {
        try (InputStream in = source.open()) {
            return in.readAllBytes();
        }
    }

    /** The API's answer: the commit and each file, with its size, and the SHA-256 of the large ones. */
    private static String listing(Map<String, byte[]> files) {
        List<String> siblings = new ArrayList<>();
        files.forEach((path, bytes) -> {
            int size = bytes == null ? 1000 : bytes.length;
            String lfs = bytes != null && bytes.length > 1_000_000 ? ", \"lfs\": {\"sha256\": \"" + sha256(bytes)
                    + "\", \"size\": " + size + ", \"pointerSize\": 134}" : "";
            siblings.add("{\"rfilename\": \"" + path + "\", \"blobId\": \"0\", \"size\": " + size + lfs + "}");
        });
        return "{\"id\": \"acme/mini\", \"sha\": \"" + COMMIT + "\", \"siblings\": [" + String.join(", ", siblings)
                + "]}";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
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

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DownloadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<String> filesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void fetchesWhatAContextualModelReadsAndItLoadsAsTheBuiltInDoes() throws IOException {
        Run run = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(run.code()).as(run.err()).isZero();
        Path folder = dir.resolve("mini");
        assertThat(filesUnder(folder)).containsExactly("1_Pooling/config.json", "config.json", "modules.json",
                "onnx/model.onnx", "sentence_bert_config.json", "tokenizer.json", "vocab.txt");
        assertThat(fetched).doesNotContain("model.safetensors", "pytorch_model.bin",
                "onnx/model_qint8_avx512_vnni.onnx", "README.md");
        for (String file : filesUnder(folder)) {
            assertThat(Files.readAllBytes(folder.resolve(file))).as(file).isEqualTo(files.get(file));
        }
        assertThat(run.out()).isEqualTo("Downloaded hf:acme/mini (commit " + COMMIT + ", 7 files, "
                + String.format(java.util.Locale.ROOT, "%.1f", files.entrySet().stream().filter(e -> !e.getKey()
                        .equals(".gitattributes") && !e.getKey().equals("README.md") && e.getValue() != null)
                        .mapToLong(e -> e.getValue().length).sum() / 1e6) + " MB) to " + folder + " in "
                + run.out().replaceAll("(?s).* in ([0-9.]+) s;.*", "$1") + " s; use it with "
                + "wordvec.models.<name>.kind=contextual and path=" + folder + "\n");
        assertThat(run.err()).contains("hf:acme/mini at main (commit " + COMMIT + "): 7 of its 13 files")
                .contains("[6/7] onnx/model.onnx (90.4 MB)");
        assertThat(authorizations).containsOnly("null");

        // The folder is a sentence-transformers export: its settings read, its vectors the built-in's.
        DirectorySettings settings = DirectorySettings.read(folder);
        assertThat(settings.pooling()).isEqualTo(SentenceTransformer.Pooling.MEAN);
        assertThat(settings.normalize()).isTrue();
        assertThat(settings.maxTokens()).isEqualTo(128);
        String text = "A man is playing a guitar.";
        try (SentenceTransformer downloaded = SentenceTransformer.load(EncoderFiles.directory(folder),
                SentenceTransformer.Settings.defaults(1, false));
                SentenceTransformer builtIn = SentenceTransformer.load(EncoderFiles.builtIn(false),
                        SentenceTransformer.Settings.defaults(1, false))) {
            assertThat(downloaded.pool(downloaded.tokenVectors(List.of(downloaded.tokenize(text)))[0]))
                    .containsExactly(builtIn.pool(builtIn.tokenVectors(List.of(builtIn.tokenize(text)))[0]));
        }

        // A second run keeps what is there (its size and hash checked) and fetches nothing.
        fetched.clear();
        Run again = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(fetched).isEmpty();
        assertThat(again.err()).contains("[6/7] onnx/model.onnx (90.4 MB): already there");
    }

    @Test
    void oneNetworkOfSeveralIsChosenWithOnnxAndThePathNamesIt() throws IOException {
        byte[] quantised = "int8 network".getBytes(StandardCharsets.UTF_8);
        files.put("onnx/model_qint8_avx512_vnni.onnx", quantised);
        Run run = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base, "--onnx",
                "onnx/model_qint8_avx512_vnni.onnx", "--revision", "refs/pr/1");
        assertThat(run.code()).as(run.err()).isZero();
        Path folder = dir.resolve("mini");
        assertThat(filesUnder(folder)).contains("onnx/model_qint8_avx512_vnni.onnx").doesNotContain("onnx/model.onnx");
        assertThat(run.out()).endsWith("path=" + folder.resolve("onnx/model_qint8_avx512_vnni.onnx") + "\n");
        assertThat(EncoderFiles.directory(folder.resolve("onnx/model_qint8_avx512_vnni.onnx")).export())
                .isEqualTo(folder);
    }

    @Test
    void aGatedRepositoryNeedsTheTokenAndGetsItOnEveryRequest() throws IOException {
        Run refused = run(Map.of(), "download", "hf:acme/gated", dir.toString(), "--mirror", base);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("answered HTTP 401: no model repository 'acme/gated' at revision 'main', "
                + "or a private or gated one, which needs an access token in HF_TOKEN");
        assertThat(dir.resolve("gated")).doesNotExist();

        Run wrong = run(Map.of("HF_TOKEN", "other"), "download", "hf:acme/gated", dir.toString(), "--mirror", base);
        assertThat(wrong.err()).contains("or the token in HF_TOKEN has no access to it");

        authorizations.clear();
        // HF_ENDPOINT names the Hub as huggingface_hub reads it.
        Run allowed = run(Map.of("HF_TOKEN", "s3cret", "HF_ENDPOINT", base + "/"), "download", "hf:acme/gated",
                dir.toString());
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(authorizations).hasSize(8).containsOnly("Bearer s3cret");
        assertThat(Files.readAllBytes(dir.resolve("gated/onnx/model.onnx"))).isEqualTo(files.get("onnx/model.onnx"));
    }

    @Test
    void whatCannotBeAModelIsRefusedWithTheReason() throws IOException {
        Run missing = run(Map.of(), "download", "hf:acme/none", dir.toString(), "--mirror", base);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no model repository 'acme/none'");

        Run escape = run(Map.of(), "download", "hf:acme/escape", dir.toString(), "--mirror", base);
        assertThat(escape.code()).isEqualTo(1);
        assertThat(escape.err()).contains("lists a file '../../etc/x' that is no plain path in the repository");

        Run torch = run(Map.of(), "download", "hf:acme/torch-only", dir.toString(), "--mirror", base);
        assertThat(torch.code()).isEqualTo(1);
        assertThat(torch.err()).contains("hf:acme/torch-only has no ONNX network (onnx/model.onnx or model.onnx); it "
                + "holds model.safetensors, PyTorch weights, which wordvec does not run: export them to ONNX with "
                + "`optimum-cli export onnx --model acme/torch-only --task feature-extraction OUT`");

        Run other = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base, "--onnx",
                "onnx/x.onnx");
        assertThat(other.err()).contains("hf:acme/mini has no onnx/x.onnx; its networks: onnx/model.onnx, "
                + "onnx/model_qint8_avx512_vnni.onnx (choose one with --onnx)");
        assertThat(dir.resolve("mini")).doesNotExist();

        // Wrong bytes behind a listed SHA-256: no file under the model's name.
        files.put("onnx/model.onnx", "a network of other bytes, padded past the size of the small files".repeat(20000)
                .getBytes(StandardCharsets.UTF_8));
        byte[] served = files.get("onnx/model.onnx").clone();
        served[0] = 'A';
        String listed = listing(files);
        files.put("onnx/model.onnx", served);
        server.removeContext("/api/models/");
        server.createContext("/api/models/", exchange -> send(exchange, 200, listed));
        Run corrupt = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(corrupt.code()).isEqualTo(1);
        assertThat(corrupt.err()).contains("has SHA-256 " + sha256(served) + ", not the expected");
        assertThat(dir.resolve("mini/onnx/model.onnx")).doesNotExist();

        for (String[] bad : List.of(new String[] {"download", "hf:acme/../x"}, new String[] {"download", "hf:"},
                new String[] {"download", "hf:a/b/c"})) {
            Run refused = run(Map.of(), bad);
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err()).contains("is not a Hugging Face model: hf:OWNER/NAME");
        }
        assertThat(run(Map.of(), "download", "hf:acme/mini", "--onnx", "model.bin").err())
                .startsWith("--onnx names an .onnx file of the repository");
        assertThat(run(Map.of(), "download", "glove-wiki-gigaword-50", "--revision", "main").err())
                .startsWith("--revision and --onnx are for a Hugging Face model, hf:OWNER/NAME");
    }
}
