package dev.wordvec.download;

import dev.wordvec.cli.CommandOptions;
import dev.wordvec.formats.PartialFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar wordvec.jar download URL FILE [--sha256 HEX]} or {@code download NAME [DIR]}:
 * fetches a model file, reporting progress, and leaves FILE only when it is complete and checked.
 * A transfer that breaks goes on from where it broke, within a run (up to {@code --attempts}
 * tries) and in the next run (the bytes so far stay in {@code FILE.part}), so a restarted init
 * container does not start a large file over. A FILE already there is kept when it matches the
 * given SHA-256 (or when none is given). Two runs for one FILE (init containers of replicas on a
 * shared volume, a service downloading into the same directory) take turns on a
 * {@link DownloadLock}: both appending to one {@code FILE.part} would make neither's file, and the
 * second finds the first's file there. {@code download hf:OWNER/NAME [DIR]} fetches the files of a
 * sentence-transformers model on the Hugging Face Hub that a contextual model reads ({@link HubDownload}).
 */
public final class DownloadCommand {

    public static final String USAGE = "usage: java -jar wordvec.jar download URL FILE|DIR [--sha256 HEX] [--attempts N]\n"
            + "       java -jar wordvec.jar download NAME [DIR] [--mirror URL] [--attempts N]   (a catalogue name: "
            + "GET /catalogue)\n"
            + "       java -jar wordvec.jar download hf:OWNER/NAME [DIR] [--revision REV] [--onnx PATH] [--mirror URL] "
            + "[--attempts N]\n"
            + "         (a sentence-transformers model on the Hugging Face Hub, for a contextual model; HF_TOKEN for a "
            + "private or gated one)";

    /** Tries per download unless --attempts says otherwise. */
    private static final int DEFAULT_ATTEMPTS = 5;

    /** The first wait between attempts; it doubles after each. */
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(2);

    private DownloadCommand() {
    }

    /** The command's arguments and its attempts; null (after saying why) when they do not parse. */
    private record Arguments(CommandOptions options, int attempts) {

        static Arguments parse(String[] args, Set<String> known, PrintStream err) {
            try {
                CommandOptions options = CommandOptions.parse(args, 1, known, Set.of());
                int attempts = options.choice("--attempts", n -> n.matches("[1-9][0-9]{0,2}") ? Integer.valueOf(n) : null,
                        "a whole number from 1 to 999", DEFAULT_ATTEMPTS);
                return new Arguments(options, attempts);
            } catch (CommandOptions.UsageException e) {
                err.println(e.getMessage() + "\n" + USAGE);
                return null;
            }
        }

        List<String> plain() {
            return options.plain();
        }

        ResumableDownload download() {
            return new ResumableDownload(attempts, FIRST_BACK_OFF);
        }
    }

    /** {@code download NAME [DIR] [--mirror URL]}: a catalogue model, size and checksum checked. */
    private static int byName(Arguments arguments, PrintStream out, PrintStream err) {
        List<String> plain = arguments.plain();
        if (plain.isEmpty() || plain.size() > 2) {
            err.println(USAGE);
            return 2;
        }
        String mirror = arguments.options().value("--mirror", null);
        Catalogue catalogue = Catalogue.builtIn();
        Catalogue.Entry entry;
        try {
            entry = catalogue.entry(plain.get(0));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path target = Path.of(plain.size() == 2 ? plain.get(1) : ".").resolve(entry.fileName());
        URI url = catalogue.url(entry, mirror);
        if (Files.isRegularFile(target)) {
            out.println(target + " is already there");
            return 0;
        }
        String notAFile = PartialFile.notAFile(target);
        if (notAFile != null) {
            err.println(notAFile);
            return 2;
        }
        try (DownloadLock lock = DownloadLock.acquire(target, err::println)) {
            if (Files.isRegularFile(target)) {
                out.println(target + " is there now: another process downloaded it meanwhile");
                return 0;
            }
            err.println("Downloading " + entry.name() + " from " + url + " to " + target);
            arguments.download().fetch(url, target, new ResumableDownload.Expected(entry.size(), entry.md5(), null),
                    p -> err.println("  " + p));
            out.printf(Locale.ROOT, "Downloaded %s (%.1f MB)%s; use it with wordvec.models.<name>.path=%s%s%n", target,
                    Files.size(target) / 1e6, entry.md5() != null ? ", MD5 checked" : "", target,
                    entry.member() != null ? " and member=" + entry.member() : "");
            return 0;
        } catch (IOException e) {
            err.println(e.getMessage() + kept(target) + (mirror == null ? "; without access to it, give --mirror URL "
                    + "(a server that holds " + entry.path() + ")" : ""));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Runs the command; returns the exit code (0 done, 1 the download failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with the environment given (HF_TOKEN, HF_ENDPOINT). */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        Arguments arguments = Arguments.parse(args, Set.of("--mirror", "--sha256", "--attempts", "--revision",
                "--onnx"), err);
        if (arguments == null) {
            return 2;
        }
        boolean hub = !arguments.plain().isEmpty() && arguments.plain().get(0).startsWith("hf:");
        if (!hub && (arguments.options().given("--revision") || arguments.options().given("--onnx"))) {
            err.println("--revision and --onnx are for a Hugging Face model, hf:OWNER/NAME\n" + USAGE);
            return 2;
        }
        if (hub) {
            return fromHub(arguments, out, err, environment);
        }
        // The first plain argument says which form this is, wherever the options stand.
        boolean byUrl = !arguments.plain().isEmpty() && arguments.plain().get(0).contains("://");
        if (byUrl && arguments.options().given("--mirror")) {
            err.println("--mirror is for a catalogue NAME, not a URL\n" + USAGE);
            return 2;
        }
        if (!byUrl && arguments.options().given("--sha256")) {
            err.println("--sha256 is for a URL; a catalogue NAME is checked against the catalogue's size and MD5\n"
                    + USAGE);
            return 2;
        }
        return byUrl ? byUrl(arguments, out, err) : byName(arguments, out, err);
    }

    /** {@code download URL FILE|DIR [--sha256 HEX]}: any file over HTTP(S), resumable, its hash checked when given. */
    private static int byUrl(Arguments arguments, PrintStream out, PrintStream err) {
        if (arguments.plain().size() != 2) {
            err.println(USAGE);
            return 2;
        }
        URI url;
        try {
            url = URI.create(arguments.plain().get(0));
        } catch (IllegalArgumentException e) {
            err.println("'" + arguments.plain().get(0) + "' is not a URL: " + e.getMessage());
            return 2;
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            err.println("'" + arguments.plain().get(0) + "' is not an http or https URL\n" + USAGE);
            return 2;
        }
        String page = modelPage(url);
        if (page != null) {
            err.println("'" + arguments.plain().get(0) + "' is the page of a model on the Hugging Face Hub, not a "
                    + "file: fetch the model with `download hf:" + page + " DIR` (or one file by its /resolve/ URL)");
            return 2;
        }
        String sha256 = arguments.options().value("--sha256", null);
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            err.println("--sha256 takes 64 hex digits, not '" + sha256 + "'");
            return 2;
        }
        Path target = intoDirectory(Path.of(arguments.plain().get(1)), url);
        String notAFile = PartialFile.notAFile(target);
        if (notAFile != null) {
            err.println(notAFile);
            return 2;
        }
        try (DownloadLock lock = DownloadLock.acquire(target, err::println)) {
            if (Files.isRegularFile(target)) {
                if (sha256 == null) {
                    out.println(target + " is already there; not downloading (give --sha256 to check it)");
                    return 0;
                }
                if (sha256.equalsIgnoreCase(ResumableDownload.digest(target, "SHA-256"))) {
                    out.println(target + " is already there with the expected SHA-256");
                    return 0;
                }
                err.println(target + " is there but its SHA-256 differs; downloading again");
            }
            long started = System.nanoTime();
            err.println("Downloading " + url + " to " + target);
            arguments.download().fetch(url, target, new ResumableDownload.Expected(null, null, sha256),
                    p -> err.println("  " + p));
            out.printf(Locale.ROOT, "Downloaded %s (%.1f MB) in %.1f s%s%n", target, Files.size(target) / 1e6,
                    (System.nanoTime() - started) / 1e9, sha256 != null ? ", SHA-256 checked" : "");
            return 0;
        } catch (IOException e) {
            err.println("download failed: " + e.getMessage() + kept(target));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** {@code download hf:OWNER/NAME [DIR]}: the files of a sentence-transformers model that a contextual one reads. */
    private static int fromHub(Arguments arguments, PrintStream out, PrintStream err, Map<String, String> environment) {
        List<String> plain = arguments.plain();
        if (plain.size() > 2 || arguments.options().given("--sha256")) {
            err.println((plain.size() > 2 ? "" : "--sha256 is for a URL; a Hugging Face model's large files are "
                    + "checked against the SHA-256 the Hub lists\n") + USAGE);
            return 2;
        }
        String repository;
        try {
            repository = HubDownload.repository(plain.get(0));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        String onnx = arguments.options().value("--onnx", null);
        if (onnx != null && !onnx.endsWith(".onnx")) {
            err.println("--onnx names an .onnx file of the repository (as onnx/model_qint8_avx512_vnni.onnx), not '"
                    + onnx + "'");
            return 2;
        }
        String revision = arguments.options().value("--revision", "main");
        Path folder = Path.of(plain.size() == 2 ? plain.get(1) : ".").resolve(repository.substring(
                repository.lastIndexOf('/') + 1));
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            err.println(folder + " is a file, and the model's files go into a folder of that name: move the file, or "
                    + "give another DIR");
            return 2;
        }
        HubDownload hub = HubDownload.fromEnvironment(environment, arguments.options().value("--mirror", null),
                arguments.attempts(), FIRST_BACK_OFF);
        try (DownloadLock lock = DownloadLock.acquire(folder, err::println)) {
            long started = System.nanoTime();
            err.println("Downloading hf:" + repository + " from " + hub.endpoint() + " to " + folder);
            HubDownload.Result result = hub.fetch(repository, revision, onnx, folder, err::println, p -> { });
            out.printf(Locale.ROOT, "Downloaded hf:%s (commit %s, %d files, %.1f MB) to %s in %.1f s; use it with "
                    + "wordvec.models.<name>.kind=contextual and path=%s%n", repository, result.commit(),
                    result.files().size(), result.bytes() / 1e6, folder, (System.nanoTime() - started) / 1e9,
                    result.modelPath());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        } catch (FileSystemException e) {
            // Not the Hub's answer: a file of the folder that cannot be made (permissions, a full disk).
            err.println("download failed: " + PartialFile.writeFailure(e.getFile() != null ? Path.of(e.getFile())
                    : folder, e));
            return 1;
        } catch (IOException e) {
            err.println("download failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** OWNER/NAME when {@code url} is a model's page on huggingface.co (not a file under /resolve/); else null. */
    private static String modelPage(URI url) {
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        if (!"huggingface.co".equalsIgnoreCase(url.getHost()) || path.contains("/resolve/")) {
            return null;
        }
        String[] parts = path.replaceFirst("^/", "").split("/");
        if (parts.length == 2 || parts.length > 2 && (parts[2].equals("tree") || parts[2].equals("blob"))) {
            String id = parts[0] + "/" + parts[1];
            try {
                return HubDownload.repository(id);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** FILE when it is a directory: the file there named as the URL's last segment names it, as cp and wget -P do. */
    private static Path intoDirectory(Path target, URI url) {
        String path = url.getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return Files.isDirectory(target) && !name.isEmpty() && !name.equals("..") && !name.equals(".")
                ? target.resolve(name) : target;
    }

    /** Where a failed run left the bytes it had, for the next run to go on from. */
    private static String kept(Path target) {
        Path partial = ResumableDownload.partial(target);
        try {
            return Files.isRegularFile(partial) && Files.size(partial) > 0 ? String.format(Locale.ROOT,
                    "; the %.1f MB so far are kept in %s, and the next run goes on from there",
                    Files.size(partial) / 1e6, partial) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
