package dev.wordvec.download;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code java -jar wordvec.jar download URL FILE [--sha256 HEX]}: fetches a model file, reporting
 * progress, and leaves FILE only when it is complete. A FILE already there is kept when it matches
 * the given SHA-256 (or when none is given), so a restarted init container does not fetch again.
 */
public final class DownloadCommand {

    static final String USAGE = "usage: java -jar wordvec.jar download URL FILE [--sha256 HEX]\n"
            + "       java -jar wordvec.jar download NAME [DIR] [--mirror URL]   (a catalogue name: GET /catalogue)";

    private DownloadCommand() {
    }

    /** {@code download NAME [DIR] [--mirror URL]}: a catalogue model, resumable, size and checksum checked. */
    private static int byName(String[] args, PrintStream out, PrintStream err) {
        String mirror = null;
        java.util.List<String> plain = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--mirror") && i + 1 < args.length) {
                mirror = args[++i];
            } else if (args[i].startsWith("--")) {
                err.println("unknown option '" + args[i] + "'\n" + USAGE);
                return 2;
            } else {
                plain.add(args[i]);
            }
        }
        if (plain.isEmpty() || plain.size() > 2) {
            err.println(USAGE);
            return 2;
        }
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
        try {
            err.println("Downloading " + entry.name() + " from " + url + " to " + target);
            new ResumableDownload().fetch(url, target, entry.size(), entry.md5(), p -> err.println("  " + p));
            out.printf(Locale.ROOT, "Downloaded %s (%.1f MB)%s; use it with wordvec.models.<name>.path=%s%s%n", target,
                    Files.size(target) / 1e6, entry.md5() != null ? ", MD5 checked" : "", target,
                    entry.member() != null ? " and member=" + entry.member() : "");
            return 0;
        } catch (IOException e) {
            err.println(e.getMessage() + (mirror == null ? "; without access to it, give --mirror URL (a server that "
                    + "holds " + entry.path() + ")" : ""));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Runs the command; returns the exit code (0 done, 1 the download failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length >= 2 && !args[1].contains("://")) {
            return byName(args, out, err);
        }
        if (args.length != 3 && !(args.length == 5 && args[3].equals("--sha256"))) {
            err.println(USAGE);
            return 2;
        }
        URI url;
        try {
            url = URI.create(args[1]);
        } catch (IllegalArgumentException e) {
            err.println("'" + args[1] + "' is not a URL: " + e.getMessage());
            return 2;
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            err.println("'" + args[1] + "' is not an http or https URL\n" + USAGE);
            return 2;
        }
        String sha256 = args.length == 5 ? args[4] : null;
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            err.println("--sha256 takes 64 hex digits, not '" + sha256 + "'");
            return 2;
        }
        Path target = Path.of(args[2]);
        try {
            if (Files.isRegularFile(target)) {
                if (sha256 == null) {
                    out.println(target + " is already there; not downloading (give --sha256 to check it)");
                    return 0;
                }
                if (sha256.equalsIgnoreCase(ModelDownload.sha256(target))) {
                    out.println(target + " is already there with the expected SHA-256");
                    return 0;
                }
                err.println(target + " is there but its SHA-256 differs; downloading again");
            }
            long started = System.nanoTime();
            err.println("Downloading " + url + " to " + target);
            long bytes = new ModelDownload().download(url, target, sha256, p -> err.println("  " + p));
            out.printf(Locale.ROOT, "Downloaded %s (%.1f MB) in %.1f s%s%n", target, bytes / 1e6,
                    (System.nanoTime() - started) / 1e9, sha256 != null ? ", SHA-256 checked" : "");
            return 0;
        } catch (IOException e) {
            err.println("download failed: " + (e instanceof ModelDownload.DownloadException ? e.getMessage() : e.toString()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
