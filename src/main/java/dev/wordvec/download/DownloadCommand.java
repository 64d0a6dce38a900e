package dev.wordvec.download;

import dev.wordvec.cli.CommandOptions;
import dev.wordvec.formats.PartialFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code java -jar wordvec.jar download URL FILE [--sha256 HEX]} or {@code download NAME [DIR]}:
 * fetches a model file, reporting progress, and leaves FILE only when it is complete and checked.
 * A transfer that breaks goes on from where it broke, within a run (up to {@code --attempts}
 * tries) and in the next run (the bytes so far stay in {@code FILE.part}), so a restarted init
 * container does not start a large file over. A FILE already there is kept when it matches the
 * given SHA-256 (or when none is given).
 */
public final class DownloadCommand {

    public static final String USAGE = "usage: java -jar wordvec.jar download URL FILE|DIR [--sha256 HEX] [--attempts N]\n"
            + "       java -jar wordvec.jar download NAME [DIR] [--mirror URL] [--attempts N]   (a catalogue name: "
            + "GET /catalogue)";

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
        try {
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
        Arguments arguments = Arguments.parse(args, Set.of("--mirror", "--sha256", "--attempts"), err);
        if (arguments == null) {
            return 2;
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
        try {
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
