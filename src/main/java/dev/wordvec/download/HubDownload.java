package dev.wordvec.download;

import dev.wordvec.contextual.EncoderFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sentence-transformers model from the Hugging Face Hub, fetched as a contextual model needs it
 * (what text-embeddings-inference's {@code --model-id} does): the repository's file list at a
 * revision, from the Hub's API, then only the files wordvec reads: the ONNX network, its external
 * data, the tokenizer, the settings at the top (and the model card and licence) and the
 * sentence-transformers modules' folders ({@code 1_Pooling}, {@code 2_Dense}, ...). The PyTorch,
 * TensorFlow and other ONNX weights are left.
 * Every file comes from the revision's commit, so a branch that moves during the download cannot
 * mix two versions; large (LFS) files are checked against the SHA-256 the list gives, the others
 * against their size. A file already there with that size (and hash) is kept, so a second run
 * fetches only what the first did not finish; one an earlier download of another source placed
 * that this one does not take is removed ({@link HubManifest}).
 *
 * @param endpoint the Hub ({@code https://huggingface.co}, or a mirror as {@code HF_ENDPOINT} names one)
 * @param token the access token for private and gated repositories ({@code HF_TOKEN}); null for none
 * @param attempts tries per file, as {@link ResumableDownload} makes them
 * @param firstBackOff the wait after a file's first failed try
 */
public record HubDownload(URI endpoint, String token, int attempts, Duration firstBackOff) {

    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    /** A repository id as the Hub writes it: a name, or an owner and a name. */
    private static final Pattern REPOSITORY =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?");
    /** A sentence-transformers module's folder: {@code 1_Pooling}, {@code 2_Dense}, {@code 3_Normalize}. */
    private static final Pattern MODULE_FOLDER = Pattern.compile("\\d+_[^/]+/.+");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One file of the repository: its path, size, the SHA-256 of a large (LFS) file, else null,
     * and the git blob id of a small one (the SHA-1 of {@code blob SIZE\0} and its bytes), else null.
     */
    public record HubFile(String path, long size, String sha256, String gitBlob) {
    }

    /** The repository at a revision: the commit it names, and its files. */
    public record Listing(String commit, List<HubFile> files) {
    }

    /** What a download left: the model's folder, the commit, the files and the path to configure. */
    public record Result(Path folder, String commit, List<HubFile> files, Path modelPath) {

        /** The files' bytes together. */
        public long bytes() {
            return HubDownload.bytes(files);
        }
    }

    /** The bytes of {@code files} together (a size the listing did not give counts as none). */
    static long bytes(List<HubFile> files) {
        return files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
    }

    /** The endpoint and token from the environment, as huggingface_hub reads them. */
    public static HubDownload fromEnvironment(Map<String, String> environment, String endpoint, int attempts,
            Duration firstBackOff) {
        String base = endpoint != null ? endpoint
                : environment.getOrDefault("HF_ENDPOINT", DEFAULT_ENDPOINT.toString());
        String token = environment.getOrDefault("HF_TOKEN", environment.get("HUGGING_FACE_HUB_TOKEN"));
        return new HubDownload(URI.create(base.replaceAll("/+$", "")), token == null || token.isBlank() ? null
                : token.strip(), attempts, firstBackOff);
    }

    /** The repository id in {@code hf:ID}, checked; an IllegalArgumentException says what is wrong. */
    public static String repository(String name) {
        String id = name.startsWith("hf:") ? name.substring(3) : name;
        if (!REPOSITORY.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a Hugging Face model: hf:OWNER/NAME, as "
                    + "hf:sentence-transformers/all-MiniLM-L6-v2");
        }
        return id;
    }

    /**
     * The files of {@code repository} at {@code revision} (a branch, tag or commit), asked again, as
     * a file is, while the Hub is busy or rate-limits.
     *
     * @param retrying told why a try failed and when the next starts
     */
    public Listing list(String repository, String revision, Consumer<String> retrying)
            throws IOException, InterruptedException {
        URI url = URI.create(endpoint + "/api/models/" + repository + "/revision/"
                + URLEncoder.encode(revision, StandardCharsets.UTF_8) + "?blobs=true");
        ResumableDownload.Answer answer = download().read(url, retrying);
        int status = answer.status();
        if (status == 401 || status == 403 || status == 404) {
            // The Hub answers 401 for a repository that does not exist as for a private one.
            throw new DownloadException(url, "answered HTTP " + status + ": no model repository '" + repository
                    + "' at revision '" + revision + "'" + (token == null
                            ? ", or a private or gated one, which needs an access token in HF_TOKEN"
                            : ", or the token in HF_TOKEN has no access to it (a gated model's terms accepted?)"));
        }
        if (status != 200) {
            throw new DownloadException(url, "answered HTTP " + status);
        }
        try {
            JsonNode body = JSON.readTree(answer.text());
            List<HubFile> files = new ArrayList<>();
            for (JsonNode sibling : body.path("siblings")) {
                String path = sibling.path("rfilename").asString("");
                JsonNode lfs = sibling.path("lfs");
                // A large file's blobId is its LFS pointer's, so only a small one's says what its bytes are.
                String blob = sibling.path("blobId").asString("");
                files.add(new HubFile(safe(url, path), lfs.isObject() ? lfs.path("size").asLong(sibling.path("size")
                        .asLong(-1)) : sibling.path("size").asLong(-1), lfs.isObject() ? lfs.path("sha256")
                        .asString(null) : null, lfs.isObject() || !blob.matches("[0-9a-f]{40}") ? null : blob));
            }
            String commit = body.path("sha").asString("");
            if (!commit.matches("[0-9a-f]{40}") || files.isEmpty()) {
                throw new DownloadException(url, "answered no commit and file list (is it a Hugging Face Hub?)");
            }
            return new Listing(commit, files);
        } catch (JacksonException e) {
            throw new DownloadException(url, "answered something other than JSON (is it a Hugging Face Hub?)");
        }
    }

    /** Requests as this Hub takes them: its token, on its own origin only. */
    private ResumableDownload download() {
        return new ResumableDownload(attempts, firstBackOff, token == null ? null : "Bearer " + token);
    }

    /** A file's path in the repository, refused when it could land outside the model's folder. */
    private static String safe(URI url, String path) throws DownloadException {
        if (!plain(path)) {
            throw new DownloadException(url, "lists a file '" + path + "' that is no plain path in the repository");
        }
        return path;
    }

    /** Whether {@code path} is relative, in the folder, and names no parent. */
    private static boolean plain(String path) {
        return !path.isEmpty() && !path.startsWith("/") && !path.contains("\\") && !path.contains("\0")
                && List.of(path.split("/", -1)).stream().noneMatch(p -> p.isEmpty() || p.equals(".")
                        || p.equals(".."));
    }

    /**
     * The files a contextual model reads, of {@code listing}: the network ({@code onnx}, else
     * {@code onnx/model.onnx}, else {@code model.onnx}) and its external data, the top folder's
     * settings and vocabularies, and the modules' folders. An IllegalArgumentException says what
     * the repository lacks.
     */
    public static List<HubFile> select(String repository, Listing listing, String onnx) {
        List<String> paths = listing.files().stream().map(HubFile::path).toList();
        List<String> networks = paths.stream().filter(p -> p.endsWith(".onnx")).toList();
        String network = network(paths, onnx);
        if (network == null || !paths.contains(network)) {
            String advice = EncoderFiles.exportAdvice(repository, paths::contains);
            throw new IllegalArgumentException("hf:" + repository + (onnx != null ? " has no " + onnx : " has no ONNX "
                    + "network (onnx/model.onnx or model.onnx)") + (!networks.isEmpty() ? "; its networks: "
                    + String.join(", ", networks) + " (choose one with --onnx)" : advice != null ? "; it " + advice
                    : ""));
        }
        if (!paths.contains("tokenizer.json")) {
            throw new IllegalArgumentException("hf:" + repository + " has no tokenizer.json, which wordvec's tokenizer "
                    + "(Hugging Face's tokenizers) reads");
        }
        List<HubFile> chosen = new ArrayList<>();
        for (HubFile file : listing.files()) {
            String path = file.path();
            boolean top = !path.contains("/");
            boolean externalData = path.startsWith(network) && !path.equals(network) && !path.endsWith(".onnx");
            // Settings and vocabularies, and the model card and licence that say where it comes from.
            boolean setting = top && (path.endsWith(".json") || path.endsWith(".txt") || path.endsWith(".model")
                    || path.equals("README.md") || path.matches("(?i)(LICEN[CS]E|NOTICE).*"));
            if (path.equals(network) || externalData || setting || MODULE_FOLDER.matcher(path).matches()) {
                chosen.add(file);
            }
        }
        return chosen;
    }

    /** The network a download takes: the one asked for, else the export's usual place; null when none is there. */
    private static String network(List<String> paths, String onnx) {
        return onnx != null ? onnx : paths.contains("onnx/model.onnx") ? "onnx/model.onnx"
                : paths.contains("model.onnx") ? "model.onnx" : null;
    }

    /**
     * Downloads the files of {@code repository} at {@code revision} that a contextual model reads
     * into {@code folder}, reporting each file and its progress in lines, and the bytes of all the
     * files so far to {@code overall}.
     */
    public Result fetch(String repository, String revision, String onnx, Path folder, Consumer<String> progress,
            Consumer<DownloadProgress> overall) throws IOException, InterruptedException {
        Listing listing = list(repository, revision, why -> progress.accept("  hf:" + repository + ": " + why));
        List<HubFile> files = select(repository, listing, onnx);
        long total = bytes(files);
        progress.accept(String.format(Locale.ROOT, "hf:%s at %s (commit %s): %d of its %d files, %.1f MB", repository,
                revision, listing.commit(), files.size(), listing.files().size(), total / 1e6));
        List<String> paths = files.stream().map(HubFile::path).toList();
        HubManifest earlier = HubManifest.read(folder, HubDownload::plain);
        earlier.before(paths).writeIfNot(folder, earlier);
        ResumableDownload download = download();
        int n = 0;
        long done = 0;
        for (HubFile file : files) {
            n++;
            long before = done;
            done += Math.max(0, file.size());
            Path target = folder.resolve(file.path());
            String line = String.format(Locale.ROOT, "[%d/%d] %s (%s)", n, files.size(), file.path(),
                    size(file.size()));
            if (alreadyThere(file, target)) {
                progress.accept(line + ": already there");
                overall.accept(new DownloadProgress(done, total, 0));
                continue;
            }
            progress.accept(line);
            URI url = URI.create(endpoint + "/" + repository + "/resolve/" + listing.commit() + "/"
                    + String.join("/", List.of(file.path().split("/")).stream()
                            .map(p -> URLEncoder.encode(p, StandardCharsets.UTF_8).replace("+", "%20")).toList()));
            download.fetch(url, target, new ResumableDownload.Expected(file.size() < 0 ? null : file.size(), null,
                    file.sha256(), "the Hub's listed"), p -> {
                        // A settings file comes in a moment: its "0.0 MB of 0.0 MB" would only be noise.
                        if (p.retrying() != null || file.size() < 0 || file.size() >= 1_000_000) {
                            progress.accept("  " + p);
                        }
                        overall.accept(new DownloadProgress(before + p.bytes(), total, p.megabytesPerSecond()));
                    });
        }
        List<String> removed = earlier.after(folder, "hf:" + repository + "@" + listing.commit(), paths);
        if (!removed.isEmpty()) {
            progress.accept("removed what an earlier download" + (earlier.source() != null ? " of "
                    + earlier.source() : "") + " left here that hf:" + repository + " at " + revision
                    + " does not have: " + String.join(", ", removed));
        }
        String network = network(listing.files().stream().map(HubFile::path).toList(), onnx);
        Path modelPath = network.equals("onnx/model.onnx") || network.equals("model.onnx") ? folder
                : folder.resolve(network);
        return new Result(folder, listing.commit(), files, modelPath);
    }

    /** A file's size as a person reads it: bytes under a kilobyte, kB under a megabyte, else MB. */
    private static String size(long bytes) {
        return bytes < 0 ? "size not listed" : bytes < 1_000 ? bytes + " B"
                : bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /**
     * Whether {@code target} holds the listed file: its size, and its SHA-256 (a large file) or git
     * blob id (a small one) where the listing gives them. A settings file of another revision can
     * have the same size ({@code "max_seq_length": 256} for 128), so the size alone would keep it.
     */
    private static boolean alreadyThere(HubFile file, Path target) throws IOException {
        return Files.isRegularFile(target) && (file.size() < 0 || Files.size(target) == file.size())
                && (file.sha256() == null
                        || file.sha256().equalsIgnoreCase(ResumableDownload.digest(target, "SHA-256")))
                && (file.gitBlob() == null || file.gitBlob().equals(gitBlobId(target)));
    }

    /** Git's id of a file's contents: the SHA-1 of {@code blob SIZE\0} and the bytes. */
    static String gitBlobId(Path file) throws IOException {
        byte[] header = ("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII);
        return ResumableDownload.digest(file, "SHA-1", header);
    }
}
