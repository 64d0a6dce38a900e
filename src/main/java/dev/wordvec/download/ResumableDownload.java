package dev.wordvec.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Fetches a large model file so that a broken connection costs little: the bytes so far are kept
 * in {@code FILE.part} and the transfer goes on from there (HTTP Range) on the next attempt, with
 * back-off between attempts; the file takes its final name only once its size and checksum (where
 * known) are right, so a partial file is never loaded.
 */
public final class ResumableDownload {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(2).toNanos();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final int attempts;
    private final Duration firstBackOff;

    /** Five attempts, waiting 2, 4, 8 and 16 s between them. */
    public ResumableDownload() {
        this(5, Duration.ofSeconds(2));
    }

    public ResumableDownload(int attempts, Duration firstBackOff) {
        this.attempts = attempts;
        this.firstBackOff = firstBackOff;
    }

    /**
     * Downloads {@code url} to {@code target}, resuming a {@code .part} file left by an earlier try.
     *
     * @param size the expected size in bytes, or null
     * @param md5 the expected MD5 in hex, or null
     * @throws ModelDownload.DownloadException when no attempt gave the complete, verified file
     */
    public void fetch(URI url, Path target, Long size, String md5, Consumer<ModelDownload.Progress> progress)
            throws IOException, InterruptedException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        Files.createDirectories(target.toAbsolutePath().getParent());
        IOException last = null;
        Duration wait = firstBackOff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                transfer(url, partial, size, progress);
                verify(url, partial, size, md5);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (ModelDownload.DownloadException e) {
                throw e; // an answer that another try would not change (404, a wrong checksum)
            } catch (IOException e) {
                last = e;
                if (attempt < attempts) {
                    progress.accept(new ModelDownload.Progress(Files.exists(partial) ? Files.size(partial) : 0,
                            size == null ? -1 : size, 0));
                    Thread.sleep(wait.toMillis());
                    wait = wait.multipliedBy(2);
                }
            }
        }
        String reason = last instanceof ConnectException || last instanceof HttpConnectTimeoutException
                || last.getCause() instanceof ConnectException ? "cannot connect" : String.valueOf(last);
        throw new ModelDownload.DownloadException(url, reason + " (" + attempts + " attempts)");
    }

    /** One attempt: from the end of {@code partial}, appending. */
    private void transfer(URI url, Path partial, Long size, Consumer<ModelDownload.Progress> progress)
            throws IOException, InterruptedException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        if (size != null && have == size) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            if (status == 416 && have > 0) {
                return; // the server has nothing after what is here: complete (checked next)
            }
            if (status / 100 != 2) {
                throw new ModelDownload.DownloadException(url, "answered HTTP " + status);
            }
            boolean append = status == 206;
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            long total = size != null ? size : length < 0 ? -1 : length + (append ? have : 0);
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                long written = append ? have : 0;
                long started = System.nanoTime();
                long lastReport = started;
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                    written += n;
                    long now = System.nanoTime();
                    if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                        lastReport = now;
                        progress.accept(new ModelDownload.Progress(written, total,
                                (written - (append ? have : 0)) / 1e6 / ((now - started) / 1e9)));
                    }
                }
                progress.accept(new ModelDownload.Progress(written, total,
                        (written - (append ? have : 0)) / 1e6 / Math.max(1e-9, (System.nanoTime() - started) / 1e9)));
                if (length >= 0 && written - (append ? have : 0) < length) {
                    // The connection broke before the body was whole: the next try goes on from here.
                    throw new IOException("broke off after " + written + " bytes");
                }
            }
        }
    }

    private static void verify(URI url, Path partial, Long size, String md5) throws IOException {
        long actualSize = Files.size(partial);
        if (size != null && actualSize != size) {
            Files.delete(partial);
            throw new ModelDownload.DownloadException(url, "gave " + actualSize + " bytes, not the catalogue's " + size);
        }
        if (md5 != null) {
            String actual = md5(partial);
            if (!actual.equalsIgnoreCase(md5)) {
                Files.delete(partial);
                throw new ModelDownload.DownloadException(url, "has MD5 " + actual + ", not the catalogue's " + md5
                        + ": the file is not the one published (or a mirror serves another)");
            }
        }
    }

    private static String md5(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has MD5", e);
        }
    }
}
