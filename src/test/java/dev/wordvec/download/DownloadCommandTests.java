package dev.wordvec.download;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download command against a real HTTP server on 127.0.0.1: whole files, errors, and no half files left. */
class DownloadCommandTests {

    private static final byte[] MODEL = new byte[3_000_000];

    static {
        new Random(7).nextBytes(MODEL);
    }

    @TempDir
    Path dir;

    HttpServer server;
    AtomicInteger requests = new AtomicInteger();
    java.util.List<String> ranges = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/model.vec", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, MODEL.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(MODEL);
            }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/model.vec");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/truncated", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            if (range == null) {
                // Promises the whole file, sends a third, then the connection drops.
                exchange.sendResponseHeaders(200, MODEL.length);
                exchange.getResponseBody().write(MODEL, 0, MODEL.length / 3);
                exchange.getResponseBody().flush();
                exchange.close();
                return;
            }
            // Asked for the rest ("bytes=N-"): sends it.
            int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (MODEL.length - 1) + "/" + MODEL.length);
            exchange.sendResponseHeaders(206, MODEL.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(MODEL, from, MODEL.length - from);
            }
        });
        server.createContext("/mirror/glove-wiki-gigaword-50/glove-wiki-gigaword-50.gz", exchange -> {
            exchange.sendResponseHeaders(200, MODEL.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(MODEL);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DownloadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String sha256Of(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * Exactly these files in the directory (a failed run keeps FILE.part for the next to go on from),
     * beside the hidden lock files that stay ({@link DownloadLock}).
     */
    private void assertOnly(String... names) throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.matches("\\..*\\.lock")))
                    .containsExactlyInAnyOrder(names);
        }
    }

    /**
     * A run while another process downloads the same file (an init container of another replica on
     * a shared volume) waits for it, saying so, and then finds its file: no request of its own, no
     * bytes appended to the other's FILE.part.
     */
    @Test
    void aRunWaitsForAnotherDownloadingTheSameFileAndFindsItsFile() throws Exception {
        Path target = dir.resolve("model.vec");
        Path elsewhere = Files.write(Files.createDirectory(dir.resolve("elsewhere")).resolve("model.vec"), MODEL);
        String sum = sha256Of(MODEL);
        try (LockHolder holder = LockHolder.start(target, elsewhere)) {
            java.util.concurrent.CompletableFuture<Run> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> run("download", base + "/model.vec", target.toString(), "--sha256", sum));
            Thread.sleep(500);
            assertThat(waiting).isNotDone();
            holder.finish();
            Run run = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.err()).contains("another download of model.vec into " + dir + " is under way");
            assertThat(run.out()).contains("model.vec is already there with the expected SHA-256");
        }
        assertThat(requests.get()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
    }

    @Test
    void downloadsTheWholeFileFollowingRedirectsAndChecksItsHash() throws Exception {
        Path target = dir.resolve("model.vec");
        Run run = run("download", base + "/moved", target.toString(), "--sha256", sha256Of(MODEL));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
        assertThat(run.err()).contains("Downloading").contains("3.0 MB of 3.0 MB (100.0%)");
        assertThat(run.out()).contains("SHA-256 checked");
        assertOnly("model.vec");

        // Already there with the right hash: not fetched again (an init container that restarts).
        int before = requests.get();
        assertThat(run("download", base + "/model.vec", target.toString(), "--sha256", sha256Of(MODEL)).code()).isZero();
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void aWrongHashLeavesNoFile() throws Exception {
        Path target = dir.resolve("model.vec");
        String wrong = sha256Of(new byte[] {1});
        Run run = run("download", base + "/model.vec", target.toString(), "--sha256", wrong);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("has SHA-256 " + sha256Of(MODEL)).contains("not the expected " + wrong);
        assertOnly();
    }

    /**
     * A transfer that breaks leaves no FILE, only FILE.part with the bytes so far, and the next
     * run (a restarted init container) asks for the rest instead of starting over.
     */
    @Test
    void aBrokenTransferLeavesNoFileAndTheNextRunGoesOnFromWhereItBroke() throws Exception {
        String target = dir.resolve("model.vec").toString();
        Run broken = run("download", base + "/truncated", target, "--attempts", "1");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).startsWith("Downloading").containsPattern("download failed: " + base
                + "/truncated: broke off after [0-9]+ bytes: .+ \\(1 attempt\\)")
                .contains("kept in " + target + ".part, and the next run goes on");
        long kept = Files.size(Path.of(target + ".part"));
        assertThat(kept).isPositive();
        assertOnly("model.vec.part");
        Run resumed = run("download", base + "/truncated", target, "--sha256", sha256Of(MODEL));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readAllBytes(Path.of(target))).isEqualTo(MODEL);
        assertThat(ranges).containsExactly("null", "bytes=" + kept + "-");
        assertOnly("model.vec");
    }

    @Test
    void httpErrorsAndBadArgumentsAreReported() throws Exception {
        Run missing = run("download", base + "/nothing-here", dir.resolve("m.vec").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("answered HTTP 404");
        assertOnly();

        assertThat(run("download", "ftp://example.org/x", "x").err()).contains("not an http or https URL");
        assertThat(run("download", base + "/model.vec", "x", "--sha256", "abc").code()).isEqualTo(2);
        assertThat(run("download", base + "/model.vec").code()).isEqualTo(2);
        Run refused = run("download", "http://127.0.0.1:1/model.vec", dir.resolve("m.vec").toString(), "--attempts", "1");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("download failed: http://127.0.0.1:1/model.vec: cannot connect (1 attempt)");
        assertThat(run("download", base + "/model.vec", "x", "--attempts", "0").err())
                .contains("--attempts is a whole number from 1 to 999, not '0'");
        assertThat(run("download", base + "/model.vec", "x", "--mirror", "y").err())
                .startsWith("--mirror is for a catalogue NAME, not a URL");
        assertThat(run("download", "glove-wiki-gigaword-50", "--sha256", "ab").err()).startsWith("--sha256 is for a URL");
        assertThat(run("download", "x", "--bogus", "y").err()).startsWith("unknown option '--bogus'");
        assertThat(run("download", base + "/model.vec", "x", "--sha256").err()).contains("--sha256 needs a value");
        // An output that cannot be a file is refused before anything is fetched.
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run underAFile = run("download", base + "/model.vec", file.resolve("m.vec").toString());
        assertThat(underAFile.code()).isEqualTo(2);
        assertThat(underAFile.err()).isEqualTo(file.resolve("m.vec") + " cannot be written: " + file
                + " is a file, not a directory\n");
        Run catalogueUnderAFile = run("download", "glove-wiki-gigaword-50", file.toString(), "--mirror", base + "/mirror");
        assertThat(catalogueUnderAFile.code()).isEqualTo(2);
        assertThat(catalogueUnderAFile.err()).isEqualTo(file.resolve("glove-wiki-gigaword-50.gz") + " cannot be written: "
                + file + " is a file, not a directory\n");
        Files.delete(file);
        assertOnly();
    }

    /** Options may come first: the first plain argument says which form it is. */
    @Test
    void optionsBeforeTheUrlAreTakenAsAfterIt() throws Exception {
        Path target = dir.resolve("model.vec");
        Run early = run("download", "--attempts", "2", base + "/model.vec", target.toString());
        assertThat(early.code()).as(early.err()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(MODEL);
    }

    /** A directory as FILE gets the file under the URL's last segment, as {@code cp} or {@code wget -P} would put it. */
    @Test
    void aDirectoryGetsTheFileUnderItsNameInTheUrl() throws Exception {
        Run into = run("download", base + "/model.vec", dir.toString());
        assertThat(into.code()).as(into.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("model.vec"))).isEqualTo(MODEL);
        assertOnly("model.vec");
    }

    @Test
    void aCatalogueNameIsFetchedFromAMirrorAndCheckedAgainstTheCatalogue() throws Exception {
        // The mirror serves other bytes than gensim-data's published file: the catalogue's size catches it.
        Run wrong = run("download", "glove-wiki-gigaword-50", dir.toString(), "--mirror", base + "/mirror");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("Downloading glove-wiki-gigaword-50 from " + base
                + "/mirror/glove-wiki-gigaword-50/glove-wiki-gigaword-50.gz")
                .contains("gave " + MODEL.length + " bytes, not the catalogue's 69182535");
        assertOnly();
        Run unknown = run("download", "glove-wiki-gigaword-1000");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("not in the catalogue").contains("glove-wiki-gigaword-100");
    }
}
