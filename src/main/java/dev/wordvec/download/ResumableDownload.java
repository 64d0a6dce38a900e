package dev.wordvec.download;

import dev.wordvec.formats.PartialFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a large model file so that a broken connection costs little: the bytes so far are kept
 * in {@code FILE.part} and the transfer goes on from there (HTTP Range) on the next attempt, and on
 * the next run after the last one failed, with back-off between attempts; the file takes its final
 * name only once its size and checksums (where known) are right, so a partial file is never loaded.
 * The service's catalogue downloads and the {@code download} command both use it.
 */
public final class ResumableDownload {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(2).toNanos();
    /** Answers that another try may change: timeout, too early, too many requests, server errors of the moment. */
    private static final Set<Integer> TRANSIENT = Set.of(408, 425, 429, 500, 502, 503, 504);

    /** Redirects followed in a row at most (the JDK client's own limit). */
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /**
     * A connection that goes silent (a network that drops its packets rather than refusing them)
     * would hold a read for ever: no headers or no byte for this long ends the try, and the next
     * goes on from there. A working server or CDN pauses for seconds at most; a pod's start-up
     * gets its model a minute later instead of never.
     */
    static final Duration SILENCE = Duration.ofSeconds(60);
    private static final Pattern CONTENT_RANGE = Pattern.compile(
            "bytes\\s+(?:(\\d{1,18})-\\d{1,18}|\\*)/(?:(\\d{1,18})|\\*)", Pattern.CASE_INSENSITIVE);

    private final HttpClient client;
    /** The proxy the environment names; null: none. */
    private final EnvironmentProxy proxy;
    private final int attempts;
    private final Duration firstBackOff;
    private final String authorization;
    private final Duration silence;

    /**
     * @param attempts tries before giving up, each going on from where the last broke
     * @param firstBackOff the wait after the first failed try; it doubles after each
     */
    public ResumableDownload(int attempts, Duration firstBackOff) {
        this(attempts, firstBackOff, null);
    }

    /** @param authorization the Authorization header each request sends (a hub's bearer token); null for none */
    public ResumableDownload(int attempts, Duration firstBackOff, String authorization) {
        this(attempts, firstBackOff, authorization, SILENCE);
    }

    /** @param silence how long a server may send nothing (no headers, no byte) before the try is given up */
    ResumableDownload(int attempts, Duration firstBackOff, String authorization, Duration silence) {
        this(attempts, firstBackOff, authorization, silence, System.getenv());
    }

    /** @param environment where {@code https_proxy} and the other proxy variables are read */
    ResumableDownload(int attempts, Duration firstBackOff, String authorization, Duration silence,
            Map<String, String> environment) {
        // Redirects are followed here rather than by the client, so that the Authorization header goes
        // to the origin it was given for and never to another host (a CDN, a bucket), whatever the
        // JDK's version does with it.
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        EnvironmentProxy proxy = EnvironmentProxy.from(environment);
        if (proxy != null) {
            proxy.configure(builder);
        }
        this.client = builder.build();
        this.proxy = proxy;
        this.attempts = attempts;
        this.firstBackOff = firstBackOff;
        this.authorization = authorization;
        this.silence = silence;
    }

    /**
     * What the file must be, each part null when not known.
     *
     * @param size in bytes, as a catalogue publishes it
     * @param md5 in hex, as a catalogue publishes it
     * @param sha256 in hex, as a user gives it
     * @param whose where the size comes from, for the message when it differs ("the catalogue's")
     */
    public record Expected(Long size, String md5, String sha256, String whose) {

        /** Nothing known: any complete transfer is the file. */
        public static final Expected ANY = new Expected(null, null, null);

        /** Size and MD5 as a catalogue publishes them, or a SHA-256 as a user gives it. */
        public Expected(Long size, String md5, String sha256) {
            this(size, md5, sha256, "the catalogue's");
        }
    }

    /** The file's bytes kept from a download that stopped before the end, for the next one to go on from. */
    public static Path partial(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Which version of the file a partial file's bytes came from (the server's strong ETag, else
     * its Last-Modified), sent as If-Range when going on: a file that changed on the server since
     * comes whole instead of its new end being joined to the old beginning.
     */
    static Path version(Path partial) {
        return partial.resolveSibling(partial.getFileName() + ".version");
    }

    /**
     * Downloads {@code url} to {@code target}, resuming a {@code .part} file left by an earlier try.
     *
     * @throws DownloadException when no attempt gave the complete, verified file
     */
    public void fetch(URI url, Path target, Expected expected, Consumer<DownloadProgress> progress)
            throws IOException, InterruptedException {
        // A file in the way of its folder, or a folder where no file can be made: said in words, not
        // as the bare path a FileAlreadyExistsException or AccessDeniedException gives.
        String notAFile = PartialFile.notAFile(target);
        if (notAFile != null) {
            throw new IOException(notAFile);
        }
        Long size = expected.size();
        Path partial = partial(target);
        Files.createDirectories(target.toAbsolutePath().getParent());
        retrying(url, () -> {
            transfer(url, partial, size, progress);
            verify(url, partial, expected);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(version(partial));
            return null;
        }, why -> progress.accept(new DownloadProgress(Files.exists(partial) ? Files.size(partial) : 0,
                size == null ? -1 : size, 0, why)));
    }

    /** A small answer (an API's JSON): its status and text. */
    public record Answer(int status, String text) {
    }

    /**
     * GETs a small answer as a download's requests go (redirects, the Authorization header), asking
     * again as {@link #fetch} does while the server is busy or the connection fails; any other
     * status comes back for the caller to explain.
     *
     * @param retrying told why a try failed and when the next starts
     */
    public Answer read(URI url, Consumer<String> retrying) throws IOException, InterruptedException {
        return retrying(url, () -> {
            HttpResponse<InputStream> response = follow(url, 0, null);
            try (InputStream body = response.body(); SilenceGuard guard = new SilenceGuard(body, silence)) {
                if (TRANSIENT.contains(response.statusCode())) {
                    throw new ServerBusy(response.statusCode(),
                            response.headers().firstValue("Retry-After").orElse(null));
                }
                try {
                    // A small answer: all of it must come within the silence allowed.
                    return new Answer(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw guard.silent() ? guard.failure(0) : e;
                }
            }
        }, retrying::accept);
    }

    /** One try at the server, which another may complete when it fails with an IOException. */
    private interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    /** What is told between tries; it may read the file so far. */
    private interface Retrying {
        void accept(String why) throws IOException;
    }

    /**
     * Runs {@code attempt} until it succeeds, {@link #attempts} times at most, waiting between tries
     * (doubling, or longer when the server asks with Retry-After); a DownloadException is an answer
     * that another try would not change (a 404, a wrong checksum) and ends at once.
     */
    private <T> T retrying(URI url, Attempt<T> attempt, Retrying told) throws IOException, InterruptedException {
        IOException last = null;
        Duration wait = firstBackOff;
        for (int n = 1; n <= attempts; n++) {
            try {
                return attempt.run();
            } catch (DownloadException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                if (n < attempts) {
                    Duration asked = e instanceof ServerBusy busy ? busy.retryAfter : Duration.ZERO;
                    long pause = Math.max(wait.toMillis(), asked.toMillis());
                    told.accept(String.format(Locale.ROOT, "%s; try %d of %d in %.1f s", describe(url, e), n + 1,
                            attempts, pause / 1e3));
                    Thread.sleep(pause);
                    wait = wait.multipliedBy(2);
                }
            }
        }
        throw new DownloadException(url, describe(url, last) + " (" + attempts + (attempts == 1 ? " attempt)"
                : " attempts)"));
    }

    /** What went wrong, in words: the JDK's HTTP client throws some exceptions with no message. */
    private String describe(URI url, IOException e) {
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof ConnectException) {
            String through = proxy == null ? null : proxy.through(url);
            return through == null ? "cannot connect" : "cannot connect to the proxy " + through;
        }
        return describe(e);
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.UnknownHostException
                || e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** One attempt: from the end of {@code partial}, appending. */
    private void transfer(URI url, Path partial, Long size, Consumer<DownloadProgress> progress)
            throws IOException, InterruptedException {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        if (size != null && have == size) {
            return;
        }
        Path version = version(partial);
        String keptVersion = have > 0 && Files.exists(version)
                ? Files.readString(version, StandardCharsets.UTF_8).strip() : null;
        HttpResponse<InputStream> response = follow(url, have, keptVersion);
        int status = response.statusCode();
        String notItsBeginning = null;
        try (InputStream body = response.body()) {
            long start = status == 206 ? rangeStart(response) : -1;
            if (status == 416 && have > 0) {
                long total = rangeTotal(response);
                if (total < 0 || total == have) {
                    return; // the server has nothing after what is here: complete (checked next)
                }
                notItsBeginning = "the file is now " + total + " bytes, fewer than the " + have + " kept";
            } else if (status == 206 && start != have) {
                notItsBeginning = "the server sent bytes from " + start + ", not from " + have;
            } else {
                if (status == 200 && have > 0) {
                    startingAgain(have, size, progress, keptVersion == null ? "the server sent the whole file"
                            : "the file changed on the server since the bytes kept were fetched");
                }
                receive(url, response, body, partial, have, size, progress);
            }
        }
        if (notItsBeginning != null) {
            // The bytes kept are not the beginning of the file the server has now: fetch it whole.
            startingAgain(have, size, progress, notItsBeginning);
            discard(partial);
            transfer(url, partial, size, progress);
        }
    }

    private static void startingAgain(long have, Long size, Consumer<DownloadProgress> progress, String why) {
        progress.accept(new DownloadProgress(have, size == null ? -1 : size, 0,
                why + ": fetching it again from its beginning"));
    }

    /** The body of a 2xx answer into {@code partial}: appended to its {@code have} bytes for a 206. */
    private void receive(URI url, HttpResponse<InputStream> response, InputStream body, Path partial, long have,
            Long size, Consumer<DownloadProgress> progress) throws IOException {
        int status = response.statusCode();
        if (TRANSIENT.contains(status)) {
            throw new ServerBusy(status, response.headers().firstValue("Retry-After").orElse(null));
        }
        if (status / 100 == 3) {
            throw new DownloadException(url, "answered HTTP " + status + ", a redirect not followed (more than "
                    + "five in a row, or from https to http)" + response.headers().firstValue("Location")
                    .map(location -> ": to " + location).orElse(""));
        }
        if (status == 407) {
            throw new DownloadException(url, "answered HTTP 407: the proxy asks for a user and password; write them "
                    + "into the variable that names it (https_proxy=http://USER:PASSWORD@HOST:PORT)");
        }
        if (status / 100 != 2) {
            throw new DownloadException(url, "answered HTTP " + status);
        }
        boolean append = status == 206;
        long from = append ? have : 0;
        boolean html = !append && response.headers().firstValue("Content-Type").orElse("")
                .toLowerCase(Locale.ROOT).startsWith("text/html");
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
        long total = size != null ? size : length < 0 ? -1 : length + from;
        checkRoom(url, partial, total, from);
        if (!append) {
            keepVersion(partial, response);
        }
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                SilenceGuard guard = new SilenceGuard(body, silence)) {
            long written = from;
            long started = System.nanoTime();
            long lastReport = started;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = read(body, buffer, written, guard)) >= 0;) {
                if (html && written == 0 && isWebPage(buffer, n)) {
                    out.close();
                    discard(partial);
                    throw new DownloadException(url, "sent a web page (Content-Type: text/html), not a model file: "
                            + "the link may need a sign-in, or lead to a page about the file instead of the file");
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    // The disk, not the connection: another try would fail the same way.
                    throw new DownloadException(url, PartialFile.writeFailure(partial, e));
                }
                written += n;
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    progress.accept(new DownloadProgress(written, total,
                            (written - from) / 1e6 / ((now - started) / 1e9)));
                }
            }
            progress.accept(new DownloadProgress(written, total,
                    (written - from) / 1e6 / Math.max(1e-9, (System.nanoTime() - started) / 1e9)));
            if (length >= 0 && written - from < length) {
                // The connection broke before the body was whole: the next try goes on from here.
                throw new IOException("broke off after " + written + " bytes");
            }
        }
    }

    /**
     * Notes which version of the file a transfer from its beginning fetches: a strong ETag (a weak
     * one may not be sent as If-Range), else a Last-Modified at least a second before the answer's
     * Date (a strong date, as RFC 9110 asks of one sent as If-Range); with neither, a later try
     * goes on without If-Range, as before.
     */
    private static void keepVersion(Path partial, HttpResponse<?> response) throws IOException {
        String etag = response.headers().firstValue("ETag").map(String::strip).orElse("");
        String version = etag.startsWith("\"") ? etag : strongDate(response);
        if (version.isEmpty() || version.indexOf('\n') >= 0) {
            Files.deleteIfExists(version(partial));
        } else {
            Files.writeString(version(partial), version + "\n", StandardCharsets.UTF_8);
        }
    }

    /** The answer's Last-Modified when it is a second or more before its Date, else "". */
    private static String strongDate(HttpResponse<?> response) {
        String modified = response.headers().firstValue("Last-Modified").map(String::strip).orElse("");
        String date = response.headers().firstValue("Date").map(String::strip).orElse("");
        try {
            return ZonedDateTime.parse(modified, DateTimeFormatter.RFC_1123_DATE_TIME).plusSeconds(1)
                    .isAfter(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)) ? "" : modified;
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    /** Deletes a partial file and the note of its version: nothing is left for a later run to go on from. */
    private static void discard(Path partial) throws IOException {
        Files.deleteIfExists(partial);
        Files.deleteIfExists(version(partial));
    }

    /** The first byte of a 206's {@code Content-Range: bytes FIRST-LAST/TOTAL}, or -1 when it does not say. */
    private static long rangeStart(HttpResponse<?> response) {
        return contentRange(response, 1);
    }

    /** The TOTAL of {@code Content-Range: bytes .../TOTAL}, as a 416 and a 206 give it, or -1 when it does not say. */
    private static long rangeTotal(HttpResponse<?> response) {
        return contentRange(response, 2);
    }

    private static long contentRange(HttpResponse<?> response, int group) {
        Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse("").strip());
        return range.matches() && range.group(group) != null ? Long.parseLong(range.group(group)) : -1;
    }

    /**
     * Refuses a transfer whose remaining bytes (of {@code total}, when known, {@code kept} of them
     * already in {@code partial}) cannot fit in the free space of its file system, before any is
     * fetched: a full disk is not a connection that another try could mend.
     */
    private static void checkRoom(URI url, Path partial, long total, long kept) throws IOException {
        if (total < 0) {
            return;
        }
        // A transfer from the start replaces what the partial file holds, which frees its space.
        long freed = kept == 0 && Files.exists(partial) ? Files.size(partial) : 0;
        long free = PartialFile.usableSpace(partial) + freed;
        if (total - kept > free) {
            throw new DownloadException(url, String.format(Locale.ROOT, "is %.1f MB, and %s has %.1f MB free for the "
                    + "%.1f MB still to fetch", total / 1e6, partial.toAbsolutePath().getParent(), free / 1e6,
                    (total - kept) / 1e6));
        }
    }

    /**
     * GETs {@code url} from byte {@code have} on, following up to five redirects as the JDK's client
     * would (none from https to http: that answer comes back as it is), with the Authorization
     * header on the requests to {@code url}'s origin only.
     */
    private HttpResponse<InputStream> follow(URI url, long have, String ifRange)
            throws IOException, InterruptedException {
        String proxyProblem = proxy == null ? null : proxy.problem(url);
        if (proxyProblem != null) {
            throw new DownloadException(url, proxyProblem);
        }
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET().timeout(silence);
            if (authorization != null && sameOrigin(url, current)) {
                request.header("Authorization", authorization);
            }
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
                if (ifRange != null && !ifRange.isEmpty()) {
                    request.header("If-Range", ifRange);
                }
            }
            HttpResponse<InputStream> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String location = response.headers().firstValue("Location").orElse(null);
            if (!REDIRECTS.contains(response.statusCode()) || location == null || redirects == MAX_REDIRECTS) {
                return response;
            }
            URI next = current.resolve(location.strip());
            if ("https".equalsIgnoreCase(current.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
                return response;
            }
            response.body().close();
            current = next;
        }
    }

    /** The same scheme, host and port: where credentials given for one may go. */
    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Whether a body the server calls HTML starts as a page does. Both are asked: a GloVe file can
     * start with {@code <unk>}, and a server can call any file text/html.
     */
    private static boolean isWebPage(byte[] start, int length) {
        String text = new String(start, 0, Math.min(length, 512), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return text.startsWith("<!doctype html") || text.startsWith("<html") || text.startsWith("<head")
                || text.startsWith("<!--");
    }

    /** An answer that says to come back later (a busy, restarting or rate-limiting server): tried again. */
    private static final class ServerBusy extends IOException {

        final Duration retryAfter;

        ServerBusy(int status, String retryAfter) {
            super("answered HTTP " + status);
            this.retryAfter = seconds(retryAfter);
        }

        /** Retry-After in seconds (its date form is left to the back-off), at most a minute. */
        private static Duration seconds(String retryAfter) {
            if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
                return Duration.ofSeconds(Math.min(60, Long.parseLong(retryAfter.strip())));
            }
            return Duration.ZERO;
        }
    }

    /** A read of the body; a connection lost (or silent) in the middle says how far the file had come. */
    private static int read(InputStream body, byte[] buffer, long written, SilenceGuard guard) throws IOException {
        try {
            int n = body.read(buffer);
            guard.heard();
            return n;
        } catch (IOException e) {
            throw guard.silent() ? guard.failure(written) : new IOException("broke off after " + written + " bytes: "
                    + describe(e), e);
        }
    }

    /**
     * Closes a body from which nothing has come for the silence allowed, which ends the read
     * waiting on it: the JDK's client has a timeout for the headers but none between a body's bytes.
     */
    private static final class SilenceGuard implements AutoCloseable {

        private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wordvec-download-silence");
            thread.setDaemon(true);
            return thread;
        });

        private final InputStream body;
        private final Duration silence;
        private final ScheduledFuture<?> check;
        private volatile long lastHeard = System.nanoTime();
        private volatile boolean silent;

        SilenceGuard(InputStream body, Duration silence) {
            this.body = body;
            this.silence = silence;
            long every = Math.max(10, silence.toMillis() / 4);
            check = TIMER.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        }

        void heard() {
            lastHeard = System.nanoTime();
        }

        boolean silent() {
            return silent;
        }

        IOException failure(long written) {
            return new IOException(String.format(Locale.ROOT, "nothing came for %d s after %d bytes (the connection "
                    + "went silent)", silence.toSeconds(), written));
        }

        private void check() {
            if (!silent && System.nanoTime() - lastHeard > silence.toNanos()) {
                silent = true;
                try {
                    body.close();
                } catch (IOException e) {
                    // Closing is all that is asked: the read waiting on the body fails either way.
                }
            }
        }

        @Override
        public void close() {
            check.cancel(false);
        }
    }

    /** Checks the whole file; one that is not the expected file is deleted, so that no later run resumes it. */
    private static void verify(URI url, Path partial, Expected expected) throws IOException {
        long actualSize = Files.size(partial);
        if (expected.size() != null && actualSize != expected.size()) {
            discard(partial);
            throw new DownloadException(url, "gave " + actualSize + " bytes, not " + expected.whose() + " "
                    + expected.size());
        }
        checkDigest(url, partial, "MD5", expected.md5(), "the catalogue's",
                ": the file is not the one published (or a mirror serves another)");
        checkDigest(url, partial, "SHA-256", expected.sha256(), "the expected", "");
    }

    /** When {@code expected} is known, the file's {@code algorithm} digest must be it; else the file is deleted. */
    private static void checkDigest(URI url, Path partial, String algorithm, String expected, String whose,
            String hint) throws IOException {
        if (expected == null) {
            return;
        }
        String actual = digest(partial, algorithm);
        if (!actual.equalsIgnoreCase(expected)) {
            discard(partial);
            throw new DownloadException(url, "has " + algorithm + " " + actual + ", not " + whose + " " + expected + hint);
        }
    }

    /** A file's digest in hex ({@code MD5}, {@code SHA-1} or {@code SHA-256}, which every JRE has). */
    public static String digest(Path file, String algorithm) throws IOException {
        return digest(file, algorithm, new byte[0]);
    }

    /** The digest of {@code prefix} followed by a file's bytes (git's blob id digests a header first). */
    static String digest(Path file, String algorithm, byte[] prefix) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(prefix);
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has " + algorithm, e);
        }
    }
}
