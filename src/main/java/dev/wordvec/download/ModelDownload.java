package dev.wordvec.download;

import dev.wordvec.formats.PartialFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Fetches a model file over HTTP(S) into a directory, for the Helm chart's init container and for
 * anyone without curl. The file appears under its final name only once it is complete (and its
 * SHA-256 checked when one is given): a half-written file would otherwise be loaded as a
 * truncated model after a restart.
 */
public final class ModelDownload {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(2).toNanos();
    private static final int BUFFER_BYTES = 1 << 16;

    /** Progress of a download: bytes so far, the total when the server said it (else -1), and speed. */
    public record Progress(long bytes, long totalBytes, double megabytesPerSecond) {

        @Override
        public String toString() {
            String speed = String.format(Locale.ROOT, "%.1f MB/s", megabytesPerSecond);
            if (totalBytes <= 0) {
                return String.format(Locale.ROOT, "%.1f MB, %s", bytes / 1e6, speed);
            }
            String eta = megabytesPerSecond > 0 && bytes < totalBytes ? String.format(Locale.ROOT, ", %.0f s left",
                    (totalBytes - bytes) / 1e6 / megabytesPerSecond) : "";
            return String.format(Locale.ROOT, "%.1f MB of %.1f MB (%.1f%%), %s%s", bytes / 1e6, totalBytes / 1e6,
                    100.0 * bytes / totalBytes, speed, eta);
        }
    }

    /**
     * A download that did not give a complete, verified file. The message is the URL and the
     * reason; {@link #reason()} is the reason alone, for a message that names the URL already.
     */
    public static final class DownloadException extends IOException {
        private final String reason;

        public DownloadException(URI url, String reason) {
            super(url + ": " + reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * Downloads {@code url} to {@code target}.
     *
     * @param sha256 the expected SHA-256 in hex, or null to skip the check
     * @return the number of bytes written
     */
    public long download(URI url, Path target, String sha256, Consumer<Progress> progress)
            throws IOException, InterruptedException {
        Path partial = PartialFile.beside(target, ".part");
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest digest = sha256Digest();
            long written;
            try (InputStream body = new DigestInputStream(response.body(), digest)) {
                if (response.statusCode() / 100 != 2) {
                    throw new DownloadException(url, "answered HTTP " + response.statusCode());
                }
                written = copy(body, partial, total, progress);
            }
            if (total >= 0 && written != total) {
                throw new DownloadException(url, "ended after " + written + " of " + total + " bytes");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (sha256 != null && !sha256.equalsIgnoreCase(actual)) {
                throw new DownloadException(url, "has SHA-256 " + actual + ", not the expected " + sha256);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static long copy(InputStream in, Path file, long total, Consumer<Progress> progress) throws IOException {
        long started = System.nanoTime();
        long lastReport = started;
        long written = 0;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                written += n;
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    progress.accept(new Progress(written, total, written / 1e6 / ((now - started) / 1e9)));
                }
            }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        progress.accept(new Progress(written, total, written / 1e6 / seconds));
        return written;
    }

    /** The SHA-256 of a file in hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
