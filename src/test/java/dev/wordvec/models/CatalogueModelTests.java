package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.wordvec.download.LockHolder;
import dev.wordvec.formats.UnicodeErrors;
import dev.wordvec.formats.ModelFileException;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.vectors.CaseForm;
import dev.wordvec.vectors.Dtype;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model named by {@code source}: downloaded from a mirror into the cache directory once, then loaded. */
class CatalogueModelTests {

    @TempDir
    Path tmp;

    private Path catalogue(byte[] model) throws Exception {
        String md5 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(model));
        return Files.writeString(tmp.resolve("catalogue.json"), """
                {"origins": {"here": "http://127.0.0.1:1/unused"},
                 "models": [{"name": "lee-small", "origin": "here", "path": "lee/lee_fasttext.vec", "size": %d,
                             "md5": "%s", "format": "fasttext-vec", "words": 1762, "dimension": 10, "license": "LGPL-2.1"}]}
                """.formatted(model.length, md5));
    }

    private WordvecProperties properties(Path catalogue, String mirror) {
        WordvecProperties.Model model = new WordvecProperties.Model(null, ModelFormat.AUTO, List.of(CaseForm.EXACT),
                false, null, null, 0, Dtype.FLOAT32, null, false, "lee-small", ModelKind.WORDS, false, null, null, null,
                WordvecProperties.IndexKind.NONE, WordvecProperties.Hnsw.DEFAULTS, Map.of(), null, UnicodeErrors.STRICT);
        return new WordvecProperties(null, Map.of("m", model), new WordvecProperties.Limits(10, 10, 10, 10, 10),
                tmp.resolve("cache").toString(), true, 1, new WordvecProperties.Batching(1, 8, 0, null),
                new WordvecProperties.Admin(false, Duration.ofSeconds(30), Duration.ofSeconds(10)),
                new WordvecProperties.Catalogue(mirror, catalogue.toString(), 3, Duration.ofMillis(50), null), null);
    }

    @Test
    void aNamedModelIsDownloadedOnceThenLoaded() throws Exception {
        byte[] model = Files.readAllBytes(Path.of("src/test/resources/fixtures/lee_fasttext.vec"));
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mirror/lee/lee_fasttext.vec", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, model.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(model);
            }
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror";
            for (int start = 1; start <= 2; start++) {
                try (ModelRegistry registry = new ModelRegistry(properties(catalogue(model), mirror))) {
                    registry.startLoading(1);
                    registry.awaitLoaded();
                    assertThat(registry.require("m").words().vectors().vocabulary().size()).isEqualTo(1762);
                    assertThat(registry.summaries().get(0).source()).endsWith("downloads/lee_fasttext.vec");
                }
            }
            assertThat(requests.get()).as("the second start finds the file downloaded").isEqualTo(1);
            assertThat(tmp.resolve("cache/downloads/lee_fasttext.vec")).hasBinaryContent(model);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aDownloadUnderWayShowsInModelsAsDownloading() throws Exception {
        byte[] model = Files.readAllBytes(Path.of("src/test/resources/fixtures/lee_fasttext.vec"));
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mirror/lee/lee_fasttext.vec", exchange -> {
            exchange.sendResponseHeaders(200, model.length);
            try (OutputStream out = exchange.getResponseBody()) {
                // Half, then a little more after the download's first report is due, then the rest when let go.
                out.write(model, 0, model.length / 2);
                out.flush();
                Thread.sleep(2200);
                out.write(model, model.length / 2, 10);
                out.flush();
                finish.await();
                out.write(model, model.length / 2 + 10, model.length - model.length / 2 - 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror";
        try (ModelRegistry registry = new ModelRegistry(properties(catalogue(model), mirror))) {
            registry.startLoading(1);
            ModelSummary.Progress progress = null;
            for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end
                    && (progress == null || progress.percent() == null); Thread.sleep(50)) {
                progress = registry.summaries().get(0).progress();
            }
            assertThat(progress).isNotNull();
            assertThat(progress.stage()).isEqualTo("downloading");
            assertThat(progress.rows()).isZero();
            assertThat(progress.percent()).isBetween(49.0, 51.0);
            @SuppressWarnings("unchecked")
            Map<String, Object> detail = ((Map<String, Map<String, Object>>) new ModelsHealthIndicator(registry)
                    .health().getDetails().get("models")).get("m");
            assertThat(detail).containsEntry("stage", "downloading").containsEntry("rows", 0L)
                    .containsKey("percent");
            finish.countDown();
            registry.awaitLoaded();
            assertThat(registry.summaries().get(0).progress()).isNull();
        } finally {
            finish.countDown();
            server.stop(0);
        }
    }

    /**
     * Two services sharing the cache directory start together: the second waits while the first
     * downloads (both writing one FILE.part made a file that was neither's, and a start that
     * failed), then loads the file the first put there, fetching nothing itself.
     */
    @Test
    void anotherServiceDownloadingTheSameModelIsWaitedFor() throws Exception {
        byte[] model = Files.readAllBytes(Path.of("src/test/resources/fixtures/lee_fasttext.vec"));
        Path file = tmp.resolve("cache/downloads/lee_fasttext.vec");
        Files.createDirectories(file.getParent());
        try (LockHolder other = LockHolder.start(file, Path.of("src/test/resources/fixtures/lee_fasttext.vec"));
                ModelRegistry registry = new ModelRegistry(properties(catalogue(model), "http://127.0.0.1:1/none"))) {
            registry.startLoading(1);
            Thread.sleep(1000);
            assertThat(registry.summaries().get(0).status()).isEqualTo("loading");
            // Not "downloading" at 0%, which would look like a stuck download.
            assertThat(registry.summaries().get(0).progress()).isEqualTo(new ModelSummary.Progress("waiting", 0, null,
                    null, null, null));
            var health = new ModelsHealthIndicator(registry).health();
            assertThat(health.getStatus().getCode()).isEqualTo("OUT_OF_SERVICE");
            assertThat(health.getDetails().get("models")).isEqualTo(Map.of("m", Map.of("status", "loading",
                    "stage", "waiting", "rows", 0L)));
            other.finish();
            registry.awaitLoaded();
            assertThat(registry.require("m").words().vectors().vocabulary().size()).isEqualTo(1762);
        }
    }

    @Test
    void withoutTheNetworkTheErrorSaysWhereAndWhatToDoInstead() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        byte[] model = Files.readAllBytes(Path.of("src/test/resources/fixtures/lee_fasttext.vec"));
        String mirror = "http://127.0.0.1:" + closed + "/mirror";
        try (ModelRegistry registry = new ModelRegistry(properties(catalogue(model), mirror))) {
            registry.startLoading(1);
            String url = mirror + "/lee/lee_fasttext.vec";
            assertThatThrownBy(registry::awaitLoaded).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining(url + ": cannot connect")
                    .satisfies(e -> assertThat(e.getMessage().split(java.util.regex.Pattern.quote(url), -1))
                            .as("the URL once").hasSize(2))
                    .hasMessageContaining("wordvec.catalogue.mirror")
                    .hasMessageContaining("wordvec.models.m.path");
        }
    }

    @Test
    void anUnknownNameOrBothPathAndSourceAreRefusedAtStart() throws Exception {
        byte[] model = Files.readAllBytes(Path.of("src/test/resources/fixtures/lee_fasttext.vec"));
        WordvecProperties good = properties(catalogue(model), null);
        WordvecProperties.Model unknown = new WordvecProperties.Model(null, ModelFormat.AUTO, List.of(CaseForm.EXACT),
                false, null, null, 0, Dtype.FLOAT32, null, false, "glove-wiki-gigaword-1000", ModelKind.WORDS, false,
                null, null, null,
                WordvecProperties.IndexKind.NONE, WordvecProperties.Hnsw.DEFAULTS, Map.of(), null, UnicodeErrors.STRICT);
        assertThatThrownBy(() -> new ModelRegistry(new WordvecProperties(null, Map.of("m", unknown), good.limits(),
                null, false, 1, good.batching(), good.admin(), new WordvecProperties.Catalogue(null, null, 3, Duration.ofMillis(50), null), null)))
                .hasMessageContaining("wordvec.models.m.source: 'glove-wiki-gigaword-1000' is not in the catalogue");
        WordvecProperties.Model both = new WordvecProperties.Model("x.vec", ModelFormat.AUTO, List.of(CaseForm.EXACT),
                false, null, null, 0, Dtype.FLOAT32, null, false, "glove-wiki-gigaword-100", ModelKind.WORDS, false,
                null, null, null,
                WordvecProperties.IndexKind.NONE, WordvecProperties.Hnsw.DEFAULTS, Map.of(), null, UnicodeErrors.STRICT);
        assertThatThrownBy(() -> new ModelRegistry(new WordvecProperties(null, Map.of("m", both), good.limits(), null,
                false, 1, good.batching(), good.admin(), new WordvecProperties.Catalogue(null, null, 3, Duration.ofMillis(50), null), null)))
                .hasMessageContaining("set 'path' (a file) or 'source'");
    }
}
