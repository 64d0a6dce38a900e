package dev.wordvec.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.contextual.DirectorySettings;
import dev.wordvec.contextual.EncoderFiles;
import dev.wordvec.contextual.SentenceTransformer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code download hf:OWNER/NAME} against a server that answers as the Hugging Face Hub does ({@link FakeHub}). */
class HubDownloadTests {

    @TempDir
    Path dir;

    FakeHub hub;
    String base;
    Map<String, byte[]> files;
    List<String> fetched;
    List<String> authorizations;

    @BeforeEach
    void serve() throws IOException {
        hub = new FakeHub();
        base = hub.base();
        files = hub.files;
        fetched = hub.fetched;
        authorizations = hub.authorizations;
    }

    @AfterEach
    void stop() {
        hub.close();
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

    /** The model's files in {@code folder}: not the hidden ones (the list of files placed, a lock). */
    private List<String> filesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void fetchesWhatAContextualModelReadsAndItLoadsAsTheBuiltInDoes() throws IOException {
        Run run = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(run.code()).as(run.err()).isZero();
        Path folder = dir.resolve("mini");
        assertThat(filesUnder(folder)).containsExactly("1_Pooling/config.json", "LICENSE", "README.md", "config.json",
                "modules.json", "onnx/model.onnx", "sentence_bert_config.json", "tokenizer.json", "vocab.txt");
        assertThat(fetched).doesNotContain("model.safetensors", "pytorch_model.bin",
                "onnx/model_qint8_avx512_vnni.onnx", ".gitattributes", "openvino/openvino_model.xml");
        for (String file : filesUnder(folder)) {
            assertThat(Files.readAllBytes(folder.resolve(file))).as(file).isEqualTo(files.get(file));
        }
        assertThat(run.out()).isEqualTo("Downloaded hf:acme/mini (commit " + FakeHub.COMMIT + ", 9 files, "
                + String.format(java.util.Locale.ROOT, "%.1f", files.entrySet().stream().filter(e -> !e.getKey()
                        .equals(".gitattributes") && e.getValue() != null)
                        .mapToLong(e -> e.getValue().length).sum() / 1e6) + " MB) to " + folder + " in "
                + run.out().replaceAll("(?s).* in ([0-9.]+) s;.*", "$1") + " s; use it with "
                + "wordvec.models.<name>.kind=contextual and path=" + folder + "\n");
        assertThat(run.err()).contains("hf:acme/mini at main (commit " + FakeHub.COMMIT + "): 9 of its 14 files")
                .contains("[8/9] onnx/model.onnx (90.4 MB)")
                // A settings file is one line: its size, no "0.0 MB of 0.0 MB" after it.
                .contains("[1/9] README.md (7 B)\n[2/9] LICENSE (19 B)\n[3/9] config.json (22 B)")
                .contains("[7/9] tokenizer.json (711.7 kB)\n[8/9]");
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
        assertThat(again.err()).contains("[8/9] onnx/model.onnx (90.4 MB): already there");

        // A small file that changed on the Hub (another revision), with the same size as before,
        // is told apart by its git blob id, as huggingface_hub tells them apart, and fetched again.
        files.put("sentence_bert_config.json", "{\"max_seq_length\": 256, \"do_lower_case\": false}"
                .getBytes(StandardCharsets.UTF_8));
        fetched.clear();
        Run changed = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(changed.code()).as(changed.err()).isZero();
        assertThat(fetched).containsExactly("sentence_bert_config.json");
        assertThat(DirectorySettings.read(folder).maxTokens()).isEqualTo(256);
    }

    @Test
    void anotherRevisionInTheSameFolderLeavesNoFileOfTheEarlierOne() throws IOException {
        // The earlier revision: the network at the top, as Optimum exports it, and a pooling module.
        files.put("model.onnx", files.remove("onnx/model.onnx"));
        files.put("config_sentence_transformers.json", "{\"prompts\": {}}".getBytes(StandardCharsets.UTF_8));
        assertThat(run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base).code()).isZero();
        Path folder = dir.resolve("mini");
        assertThat(filesUnder(folder)).contains("model.onnx", "1_Pooling/config.json", "modules.json");
        Files.writeString(folder.resolve("notes.txt"), "the user's own\n");

        // The next commit: the network moved to onnx/, the modules and the sentence-transformers settings gone.
        hub.commit = "0123456789abcdef0123456789abcdef01234567";
        files.put("onnx/model.onnx", files.remove("model.onnx"));
        files.keySet().removeAll(List.of("config_sentence_transformers.json", "1_Pooling/config.json",
                "modules.json"));
        Run next = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(next.code()).as(next.err()).isZero();
        // Left there, the old model.onnx would be the network loaded, beside the new tokenizer.
        assertThat(filesUnder(folder)).containsExactly("LICENSE", "README.md", "config.json", "notes.txt",
                "onnx/model.onnx", "sentence_bert_config.json", "tokenizer.json", "vocab.txt");
        assertThat(folder.resolve("1_Pooling")).doesNotExist();
        assertThat(next.err()).contains("removed what an earlier download of hf:acme/mini@" + FakeHub.COMMIT
                + " left here that hf:acme/mini at main does not have: 1_Pooling/config.json, "
                + "config_sentence_transformers.json, model.onnx, modules.json");
        assertThat(Files.readAllLines(folder.resolve(".wordvec-hub-files")).subList(1, 9)).containsExactly(
                "#source hf:acme/mini@0123456789abcdef0123456789abcdef01234567", "LICENSE", "README.md",
                "config.json", "onnx/model.onnx", "sentence_bert_config.json", "tokenizer.json", "vocab.txt");
        assertThat(EncoderFiles.directory(folder).onnxFile()).isEqualTo(folder.resolve("onnx/model.onnx"));
    }

    /** A quantised network and the float32 one, of one commit, served from one folder. */
    @Test
    void anotherNetworkOfTheSameCommitIsAddedBesideTheFirst() throws IOException {
        files.put("onnx/model_qint8_avx512_vnni.onnx", files.get("onnx/model.onnx"));
        assertThat(run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base).code()).isZero();
        Run quantised = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base, "--onnx",
                "onnx/model_qint8_avx512_vnni.onnx");
        assertThat(quantised.code()).as(quantised.err()).isZero();
        assertThat(quantised.err()).doesNotContain("removed");
        Path folder = dir.resolve("mini");
        assertThat(filesUnder(folder)).contains("onnx/model.onnx", "onnx/model_qint8_avx512_vnni.onnx");
        // Both stay listed: a later download of another commit removes both unless it takes them.
        assertThat(Files.readAllLines(folder.resolve(".wordvec-hub-files")))
                .contains("onnx/model.onnx", "onnx/model_qint8_avx512_vnni.onnx");
    }

    @Test
    void aFileWhereAFolderOfTheModelWouldBeIsNamed() throws IOException {
        Files.writeString(dir.resolve("mini"), "not a folder\n");
        Run run = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(dir.resolve("mini") + " is a file, and the model's files go into a folder of "
                + "that name: move the file, or give another DIR\n");
        assertThat(fetched).isEmpty();
        Files.delete(dir.resolve("mini"));
        Files.createDirectories(dir.resolve("mini"));
        Files.writeString(dir.resolve("mini/onnx"), "not a folder\n");
        Run inside = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(inside.code()).isEqualTo(1);
        assertThat(inside.err()).endsWith("\ndownload failed: " + dir.resolve("mini/onnx/model.onnx")
                + " cannot be written: " + dir.resolve("mini/onnx") + " is a file, not a directory\n");
        // Another file that cannot be made (as in a folder not the user's) is named, with the system's reason.
        Files.delete(dir.resolve("mini/onnx"));
        Files.createDirectories(dir.resolve("mini/.wordvec-hub-files.next"));
        Files.delete(dir.resolve("mini/.wordvec-hub-files"));
        Run manifest = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(manifest.code()).isEqualTo(1);
        assertThat(manifest.err()).endsWith("\ndownload failed: Cannot write " + dir.resolve(
                "mini/.wordvec-hub-files.next") + ": Is a directory\n");
    }

    @Test
    void theBytesOfAllTheFilesAreReportedAsOneProgress() throws Exception {
        List<DownloadProgress> overall = new java.util.ArrayList<>();
        HubDownload hub = new HubDownload(java.net.URI.create(base), null, 1, java.time.Duration.ofMillis(10));
        HubDownload.Result result = hub.fetch("acme/mini", "main", null, dir.resolve("mini"), line -> { },
                overall::add);
        long total = result.files().stream().mapToLong(HubDownload.HubFile::size).sum();
        assertThat(overall).isNotEmpty().allSatisfy(p -> assertThat(p.totalBytes()).isEqualTo(total));
        assertThat(overall.get(overall.size() - 1).bytes()).isEqualTo(total);
        assertThat(overall).extracting(DownloadProgress::bytes).isSorted();
    }

    @Test
    void aBusyHubIsAskedAgainForTheFileListAsForAFile() throws Exception {
        HubDownload patient = new HubDownload(java.net.URI.create(base), null, 3, java.time.Duration.ofMillis(10));
        hub.busyListings.set(2);
        List<String> lines = new java.util.ArrayList<>();
        HubDownload.Result result = patient.fetch("acme/mini", "main", null, dir.resolve("mini"), lines::add,
                p -> { });
        assertThat(result.commit()).isEqualTo(FakeHub.COMMIT);
        assertThat(lines).startsWith("  hf:acme/mini: answered HTTP 503; try 2 of 3 in 0.0 s",
                "  hf:acme/mini: answered HTTP 503; try 3 of 3 in 0.0 s");
        assertThat(dir.resolve("mini/onnx/model.onnx")).exists();

        hub.busyListings.set(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> patient.list("acme/mini", "main", why -> { }))
                .isInstanceOf(DownloadException.class).hasMessageContaining("/api/models/acme/mini/revision/main")
                .hasMessageContaining("answered HTTP 503 (3 attempts)");
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
        assertThat(authorizations).hasSize(10).containsOnly("Bearer s3cret");
        // The network came from the CDN, another origin, which the token never reached.
        assertThat(hub.cdnAuthorizations).isNotEmpty().containsOnly("null");
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
        String listed = FakeHub.listing(files);
        files.put("onnx/model.onnx", served);
        hub.server.removeContext("/api/models/");
        hub.server.createContext("/api/models/", exchange -> FakeHub.send(exchange, 200, listed));
        Run corrupt = run(Map.of(), "download", "hf:acme/mini", dir.toString(), "--mirror", base);
        assertThat(corrupt.code()).isEqualTo(1);
        assertThat(corrupt.err()).contains("has SHA-256 " + FakeHub.sha256(served) + ", not the expected");
        assertThat(dir.resolve("mini/onnx/model.onnx")).doesNotExist();

        for (String[] bad : List.of(new String[] {"download", "hf:acme/../x"}, new String[] {"download", "hf:"},
                new String[] {"download", "hf:a/b/c"})) {
            Run refused = run(Map.of(), bad);
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err()).contains("is not a Hugging Face model: hf:OWNER/NAME");
        }
        // A model's page pasted where a file's URL goes: no web page fetched, the hf: form named.
        for (String page : List.of("https://huggingface.co/acme/mini", "https://huggingface.co/acme/mini/tree/main",
                "https://huggingface.co/acme/mini/blob/main/onnx/model.onnx")) {
            Run refused = run(Map.of(), "download", page, dir.toString());
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.err()).startsWith("'" + page + "' is the page of a model on the Hugging Face Hub, not a "
                    + "file: fetch the model with `download hf:acme/mini DIR`");
        }
        assertThat(run(Map.of(), "download", "hf:acme/mini", "--onnx", "model.bin").err())
                .startsWith("--onnx names an .onnx file of the repository");
        assertThat(run(Map.of(), "download", "glove-wiki-gigaword-50", "--revision", "main").err())
                .startsWith("--revision and --onnx are for a Hugging Face model, hf:OWNER/NAME");
    }
}
