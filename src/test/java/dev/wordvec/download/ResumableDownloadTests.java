package dev.wordvec.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalogue downloads against a local server: whole, resumed after a break, refused, unreachable. */
class ResumableDownloadTests {

    private static final byte[] MODEL = new byte[3 << 20];

    static {
        new Random(5).nextBytes(MODEL);
    }

    @TempDir
    Path dir;

    HttpServer server;
    String base;
    /** The Range header of each request, or "-" when none. */
    final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    /** The request target of each request for /models/model.vec: absolute when it came through a proxy. */
    final List<String> targets = Collections.synchronizedList(new ArrayList<>());
    volatile boolean breakFirst;
    final AtomicInteger busy = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/models/model.vec", exchange -> {
            targets.add(exchange.getRequestURI().toString());
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "-" : range);
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            if (from >= MODEL.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + MODEL.length);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            if (from > 0) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (MODEL.length - 1) + "/"
                        + MODEL.length);
            }
            exchange.sendResponseHeaders(from > 0 ? 206 : 200, MODEL.length - from);
            OutputStream out = exchange.getResponseBody();
            if (breakFirst && ranges.size() == 1) {
                // Promises the whole file, sends a third, then the connection drops.
                out.write(MODEL, 0, MODEL.length / 3);
                out.flush();
                exchange.getHttpContext().getServer();
                exchange.close();
                return;
            }
            out.write(MODEL, from, MODEL.length - from);
            out.close();
        });
        server.createContext("/busy/model.vec", exchange -> {
            // Busy twice (a rate limit that asks for no wait, then a gateway error), then the file.
            int asked = busy.incrementAndGet();
            if (asked <= 2) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(asked == 1 ? 429 : 503, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, MODEL.length);
            exchange.getResponseBody().write(MODEL);
            exchange.close();
        });
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        serveHtml("/sign-in", "\n<!DOCTYPE html><html><body>Sign in to download</body></html>");
        // A GloVe file whose first word is <unk>, from a server that calls every file HTML.
        serveHtml("/unk.txt", "<unk> 0.5 0.25\nthe 1 2\n");
        server.createContext("/silent/model.vec", exchange -> {
            // The first time: no headers for 3 s; the second: a third of the file, then nothing
            // (the connection open) for 3 s; then the rest, as asked.
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "-" : range);
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            if (ranges.size() == 1) {
                sleep(3_000);
            }
            if (from > 0) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (MODEL.length - 1) + "/"
                        + MODEL.length);
            }
            exchange.sendResponseHeaders(from > 0 ? 206 : 200, MODEL.length - from);
            OutputStream out = exchange.getResponseBody();
            if (ranges.size() == 2) {
                out.write(MODEL, 0, MODEL.length / 3);
                out.flush();
                sleep(3_000);
            } else {
                out.write(MODEL, from, MODEL.length - from);
            }
            exchange.close();
        });
        server.createContext("/slow/model.vec", exchange -> {
            // Steady but slow: a tenth of the file every 300 ms, 3 s in all, longer than the silence allowed.
            exchange.sendResponseHeaders(200, MODEL.length);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 10; i++) {
                out.write(MODEL, i * MODEL.length / 10, (i + 1) * MODEL.length / 10 - i * MODEL.length / 10);
                out.flush();
                sleep(300);
            }
            exchange.close();
        });
        server.createContext("/guarded/model.vec", exchange -> {
            // A proxy that asks for a user and password (here user and s@cret).
            String credentials = java.util.Base64.getEncoder().encodeToString("user:s@cret".getBytes(
                    StandardCharsets.UTF_8));
            if (!("Basic " + credentials).equals(exchange.getRequestHeaders().getFirst("Proxy-Authorization"))) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
                exchange.sendResponseHeaders(407, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, MODEL.length);
            exchange.getResponseBody().write(MODEL);
            exchange.close();
        });
        // Handlers that wait must not hold up the others.
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serveHtml(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    }

    private final ResumableDownload download = new ResumableDownload(3, Duration.ofMillis(50));

    @Test
    void aWholeDownloadIsCheckedThenNamed() throws Exception {
        Path target = dir.resolve("model.vec");
        List<DownloadProgress> progress = new ArrayList<>();
        download.fetch(URI.create(base + "/models/model.vec"), target, catalogue(md5(MODEL)), progress::add);
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
        assertThat(progress.get(progress.size() - 1).bytes()).isEqualTo(MODEL.length);
        assertThat(dir.toFile().list()).containsExactly("model.vec");
    }

    @Test
    void anInterruptedTransferResumesWhereItBroke() throws Exception {
        breakFirst = true;
        Path target = dir.resolve("model.vec");
        download.fetch(URI.create(base + "/models/model.vec"), target, catalogue(md5(MODEL)), p -> { });
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0)).isEqualTo("-");
        assertThat(ranges.get(1)).startsWith("bytes=").isNotEqualTo("bytes=0-");
        assertThat(dir.toFile().list()).containsExactly("model.vec");
    }

    /**
     * A file that changed on the server between a break and the next try (a model republished at
     * the same URL) comes whole: the kept bytes' version goes as If-Range, which such a server
     * answers with the new file instead of joining its end to the old beginning. Tried with an
     * ETag and, from a server that gives none, with Last-Modified; no checksum is known.
     */
    @Test
    void aFileThatChangedSinceTheBreakIsFetchedWhole() throws Exception {
        byte[] next = new byte[MODEL.length];
        new Random(6).nextBytes(next);
        for (String validator : List.of("ETag", "Last-Modified")) {
            List<String> ifRanges = Collections.synchronizedList(new ArrayList<>());
            String path = "/changing-" + validator + "/model.vec";
            server.createContext(path, exchange -> {
                boolean first = ifRanges.isEmpty();
                String version = validator.equals("ETag") ? (first ? "\"v1\"" : "\"v2\"")
                        : (first ? "Tue, 01 Dec 2026 10:00:00 GMT" : "Sat, 05 Dec 2026 10:00:00 GMT");
                String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
                ifRanges.add(ifRange == null ? "-" : ifRange);
                exchange.getResponseHeaders().add(validator, version);
                byte[] body = first ? MODEL : next;
                String range = exchange.getRequestHeaders().getFirst("Range");
                int from = range == null || (ifRange != null && !ifRange.equals(version)) ? 0
                        : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
                if (from > 0) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/"
                            + body.length);
                }
                exchange.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
                exchange.getResponseBody().write(body, from, first ? body.length / 3 : body.length - from);
                exchange.close();
            });
            Path target = dir.resolve(validator + ".vec");
            List<DownloadProgress> progress = new ArrayList<>();
            download.fetch(URI.create(base + path), target, ResumableDownload.Expected.ANY, progress::add);
            assertThat(Files.readAllBytes(target)).isEqualTo(next);
            assertThat(ifRanges).containsExactly("-", validator.equals("ETag") ? "\"v1\""
                    : "Tue, 01 Dec 2026 10:00:00 GMT");
            assertThat(progress).map(DownloadProgress::retrying).contains("the file changed on the server since the "
                    + "bytes kept were fetched: fetching it again from its beginning");
            assertThat(dir.resolve(validator + ".vec.part.version")).doesNotExist();
        }
    }

    /**
     * Bytes kept from an earlier run that are more than the server's file holds (it was replaced
     * by a smaller one) are not taken for the whole file: the server's 416 says how long the file
     * is, and it is fetched again.
     */
    @Test
    void keptBytesLongerThanTheFileAreNotTakenForIt() throws Exception {
        Path target = dir.resolve("model.vec");
        byte[] older = new byte[MODEL.length + 1000];
        new Random(7).nextBytes(older);
        Files.write(ResumableDownload.partial(target), older);
        List<DownloadProgress> progress = new ArrayList<>();
        download.fetch(URI.create(base + "/models/model.vec"), target, ResumableDownload.Expected.ANY, progress::add);
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
        assertThat(ranges).containsExactly("bytes=" + older.length + "-", "-");
        assertThat(progress).map(DownloadProgress::retrying).contains("the file is now " + MODEL.length
                + " bytes, fewer than the " + older.length + " kept: fetching it again from its beginning");
        assertThat(dir.toFile().list()).containsExactly("model.vec");
    }

    /**
     * A server that goes silent (no headers, or no byte in the middle of the body, the connection
     * left open) would hold the download for ever: after the silence allowed the try ends and the
     * next goes on from the bytes kept. A slow server that keeps sending is not cut off.
     */
    @Test
    void aSilentConnectionIsGivenUpAndTheNextTryGoesOn() throws Exception {
        ResumableDownload patient = new ResumableDownload(4, Duration.ofMillis(50), null, Duration.ofSeconds(1));
        Path target = dir.resolve("model.vec");
        List<DownloadProgress> progress = new ArrayList<>();
        patient.fetch(URI.create(base + "/silent/model.vec"), target, catalogue(md5(MODEL)), progress::add);
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
        assertThat(ranges).containsExactly("-", "-", "bytes=" + MODEL.length / 3 + "-");
        assertThat(progress).map(DownloadProgress::retrying).filteredOn(why -> why != null)
                .containsExactly("request timed out; try 2 of 4 in 0.1 s", "nothing came for 1 s after "
                        + MODEL.length / 3 + " bytes (the connection went silent); try 3 of 4 in 0.1 s");

        progress.clear();
        patient.fetch(URI.create(base + "/slow/model.vec"), dir.resolve("slow.vec"), catalogue(md5(MODEL)),
                progress::add);
        assertThat(Files.readAllBytes(dir.resolve("slow.vec"))).isEqualTo(MODEL);
        assertThat(progress).allMatch(p -> p.retrying() == null);
    }

    /**
     * A cluster that reaches the internet through a proxy names it in http_proxy / https_proxy,
     * which the JDK's client does not read: the download goes through it (here this server, taking
     * the proxy's part for a host that does not resolve), and a host no_proxy names goes direct.
     */
    @Test
    void theProxyTheEnvironmentNamesIsUsedAndNoProxyIsNot() throws Exception {
        ResumableDownload proxied = new ResumableDownload(1, Duration.ofMillis(50), null, ResumableDownload.SILENCE,
                Map.of("http_proxy", base, "no_proxy", "localhost, .internal"));
        Path target = dir.resolve("model.vec");
        proxied.fetch(URI.create("http://models.example.invalid/models/model.vec"), target, catalogue(md5(MODEL)),
                p -> { });
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
        assertThat(targets).containsExactly("http://models.example.invalid/models/model.vec");
        assertThatThrownBy(() -> proxied.fetch(URI.create("http://mirror.internal/models/model.vec"),
                dir.resolve("direct.vec"), ResumableDownload.Expected.ANY, p -> { }))
                .isInstanceOf(DownloadException.class).hasMessageContaining("cannot connect");
        assertThat(targets).hasSize(1);

        // A proxy that asks for credentials gets those written into the variable, decoded.
        String proxy = base.replace("http://", "http://user:s%40cret@");
        new ResumableDownload(1, Duration.ofMillis(50), null, ResumableDownload.SILENCE, Map.of("http_proxy", proxy))
                .fetch(URI.create("http://models.example.invalid/guarded/model.vec"), dir.resolve("guarded.vec"),
                        catalogue(md5(MODEL)), p -> { });
        assertThat(Files.readAllBytes(dir.resolve("guarded.vec"))).isEqualTo(MODEL);
        assertThatThrownBy(() -> proxied.fetch(URI.create("http://models.example.invalid/guarded/model.vec"),
                dir.resolve("refused.vec"), ResumableDownload.Expected.ANY, p -> { }))
                .hasMessageContaining("answered HTTP 407: the proxy asks for a user and password");

        // A proxy that does not answer is named; one Java's client cannot speak to is refused at once.
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ResumableDownload away = new ResumableDownload(1, Duration.ofMillis(50), null, ResumableDownload.SILENCE,
                Map.of("https_proxy", "127.0.0.1:" + closed));
        assertThatThrownBy(() -> away.fetch(URI.create("https://models.example.invalid/m.vec"), dir.resolve("a.vec"),
                ResumableDownload.Expected.ANY, p -> { })).hasMessageEndingWith("cannot connect to the proxy "
                        + "127.0.0.1:" + closed + " (from https_proxy or all_proxy) (1 attempt)");
        ResumableDownload socks = new ResumableDownload(3, Duration.ofMillis(50), null, ResumableDownload.SILENCE,
                Map.of("ALL_PROXY", "socks5://127.0.0.1:1080"));
        assertThatThrownBy(() -> socks.fetch(URI.create("https://models.example.invalid/m.vec"), dir.resolve("s.vec"),
                ResumableDownload.Expected.ANY, p -> { })).isInstanceOf(DownloadException.class)
                .hasMessageContaining("ALL_PROXY is 'socks5://127.0.0.1:1080': wordvec's downloads go through an "
                        + "http:// proxy (host and port) only");
    }

    @Test
    void aChecksumMismatchLeavesNoFile() throws Exception {
        Path target = dir.resolve("model.vec");
        String wrong = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> download.fetch(URI.create(base + "/models/model.vec"), target, catalogue(wrong),
                p -> { })).isInstanceOf(DownloadException.class)
                .hasMessageContaining("has MD5 " + md5(MODEL)).hasMessageContaining("not the catalogue's " + wrong);
        assertThat(dir.toFile().list()).isEmpty();
    }

    /** A file given with a SHA-256 (the download command's --sha256) is checked against it too. */
    @Test
    void aSha256IsCheckedAndAWrongOneLeavesNoFile() throws Exception {
        Path target = dir.resolve("model.vec");
        String right = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(MODEL));
        download.fetch(URI.create(base + "/models/model.vec"), target, new ResumableDownload.Expected(null, null, right),
                p -> { });
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
        Files.delete(target);
        String wrong = "ab".repeat(32);
        assertThatThrownBy(() -> download.fetch(URI.create(base + "/models/model.vec"), target,
                new ResumableDownload.Expected(null, null, wrong), p -> { })).isInstanceOf(DownloadException.class)
                .hasMessageContaining("has SHA-256 " + right + ", not the expected " + wrong);
        assertThat(dir.toFile().list()).isEmpty();
    }

    private static ResumableDownload.Expected catalogue(String md5) {
        return new ResumableDownload.Expected((long) MODEL.length, md5, null);
    }

    @Test
    void aMissingFileIsNotTriedAgain() throws Exception {
        Path target = dir.resolve("model.vec");
        assertThatThrownBy(() -> download.fetch(URI.create(base + "/models/none.vec"), target, ResumableDownload.Expected.ANY, p -> { }))
                .isInstanceOf(DownloadException.class).hasMessageContaining("answered HTTP 404")
                .hasMessageContaining(base + "/models/none.vec")
                // The reason alone, for a message that names the URL already (a model's load failure).
                .satisfies(e -> assertThat(((DownloadException) e).reason()).isEqualTo("answered HTTP 404"));
        assertThat(Files.exists(target)).isFalse();
    }

    /** 429 and 5xx answers are the server's state of the moment: tried again after the back-off. */
    @Test
    void aBusyServerIsAskedAgain() throws Exception {
        Path target = dir.resolve("model.vec");
        List<DownloadProgress> progress = new ArrayList<>();
        download.fetch(URI.create(base + "/busy/model.vec"), target, catalogue(md5(MODEL)), progress::add);
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
        assertThat(busy.get()).isEqualTo(3);
        // The wait between tries says why, and when the next one starts.
        assertThat(progress).map(DownloadProgress::toString).contains(
                "0.0 MB of 3.1 MB (0.0%), 0.0 MB/s; answered HTTP 429; try 2 of 3 in 0.1 s",
                "0.0 MB of 3.1 MB (0.0%), 0.0 MB/s; answered HTTP 503; try 3 of 3 in 0.1 s");
        busy.set(-10);
        assertThatThrownBy(() -> download.fetch(URI.create(base + "/busy/model.vec"), dir.resolve("other.vec"),
                ResumableDownload.Expected.ANY, p -> { })).isInstanceOf(DownloadException.class)
                .hasMessageContaining("answered HTTP 503 (3 attempts)");
    }

    @Test
    void aRedirectLoopAndASignInPageAreNamedAndLeaveNoFile() throws Exception {
        assertThatThrownBy(() -> download.fetch(URI.create(base + "/loop"), dir.resolve("loop.vec"),
                ResumableDownload.Expected.ANY, p -> { })).isInstanceOf(DownloadException.class)
                .hasMessageContaining("answered HTTP 302, a redirect not followed").hasMessageContaining(": to /loop");
        assertThatThrownBy(() -> download.fetch(URI.create(base + "/sign-in"), dir.resolve("page.vec"),
                ResumableDownload.Expected.ANY, p -> { })).isInstanceOf(DownloadException.class)
                .hasMessageContaining("sent a web page (Content-Type: text/html), not a model file");
        assertThat(dir.toFile().list()).isEmpty();
        // What a server calls HTML but is not a page is the file.
        download.fetch(URI.create(base + "/unk.txt"), dir.resolve("unk.txt"), ResumableDownload.Expected.ANY, p -> { });
        assertThat(Files.readString(dir.resolve("unk.txt"))).startsWith("<unk> 0.5");
    }

    /**
     * A full disk is not a connection another try could mend: a file larger than the free space
     * is refused before it is fetched, and a write that fails ends the download at once, naming
     * the file and the reason.
     */
    @Test
    void aFullDiskIsSaidAtOnceAndNotTriedAgain() throws Exception {
        assertThatThrownBy(() -> download.fetch(URI.create(base + "/models/model.vec"), dir.resolve("model.vec"),
                new ResumableDownload.Expected(1L << 50, null, null), p -> { }))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("is 1125899906.8 MB, and " + dir + " has ")
                .hasMessageContaining("MB free for the 1125899906.8 MB still to fetch");
        assertThat(ranges).containsExactly("-");
        assertThat(dir.toFile().list()).isEmpty();

        // /dev/full takes no byte (ENOSPC), as a full disk.
        Path partial = ResumableDownload.partial(dir.resolve("full.vec"));
        Files.createSymbolicLink(partial, Path.of("/dev/full"));
        ranges.clear();
        List<DownloadProgress> progress = new ArrayList<>();
        assertThatThrownBy(() -> download.fetch(URI.create(base + "/models/model.vec"), dir.resolve("full.vec"),
                ResumableDownload.Expected.ANY, progress::add))
                .isInstanceOf(DownloadException.class)
                .hasMessageEndingWith(": Cannot write " + partial + ": No space left on device");
        assertThat(ranges).containsExactly("-");
        assertThat(progress).noneMatch(p -> p.retrying() != null);
    }

    @Test
    void noNetworkFailsNamingTheUrlAfterItsAttempts() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closed + "/models/model.vec");
        assertThatThrownBy(() -> download.fetch(url, dir.resolve("model.vec"), ResumableDownload.Expected.ANY, p -> { }))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining(url.toString()).hasMessageContaining("cannot connect (3 attempts)");
    }

    @Test
    void theCatalogueNamesItsModelsAndAMirrorReplacesTheirOrigin() {
        Catalogue catalogue = Catalogue.builtIn();
        Catalogue.Entry glove = catalogue.entry("glove-wiki-gigaword-100");
        assertThat(glove.size()).isEqualTo(134_300_434L);
        assertThat(glove.md5()).isEqualTo("40ec481866001177b8cd4cb0df92924f");
        assertThat(catalogue.url(glove, null).toString()).isEqualTo(
                "https://github.com/RaRe-Technologies/gensim-data/releases/download/glove-wiki-gigaword-100/"
                        + "glove-wiki-gigaword-100.gz");
        assertThat(catalogue.url(glove, "http://mirror.local/models/").toString())
                .isEqualTo("http://mirror.local/models/glove-wiki-gigaword-100/glove-wiki-gigaword-100.gz");
        assertThat(catalogue.entry("glove.6B.300d").member()).isEqualTo("glove.6B.300d.txt");
        assertThat(catalogue.entry("cc.en.300.bin").format()).isEqualTo("fasttext-bin");
        assertThatThrownBy(() -> catalogue.entry("glove-wiki-gigaword-1000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the catalogue").hasMessageContaining("glove-twitter-25");
    }
}
