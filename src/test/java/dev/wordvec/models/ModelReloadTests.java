package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.contextual.EncoderFiles;
import dev.wordvec.formats.UnicodeErrors;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.index.HnswIndex;
import dev.wordvec.vectors.CaseForm;
import dev.wordvec.vectors.Dtype;
import dev.wordvec.vectors.ModelClosedException;
import dev.wordvec.vectors.Search;
import dev.wordvec.vectors.Term;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swapping a model under traffic: no request fails, the new file answers, the old memory is freed. */
class ModelReloadTests {

    @TempDir
    Path tmp;

    /** 2,000 words x 16; word w0's first value tells which version of the file this is. */
    private Path writeModel(Path target, float marker, long seed) throws Exception {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("2000 16\n");
        for (int w = 0; w < 2000; w++) {
            text.append('w').append(w);
            for (int d = 0; d < 16; d++) {
                text.append(' ').append(w == 0 && d == 0 ? marker : (float) random.nextGaussian());
            }
            text.append('\n');
        }
        Path written = Files.writeString(tmp.resolve("next.txt"), text);
        return Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static WordvecProperties properties(Path model, boolean watch) {
        return properties(model, watch, Duration.ofMillis(300));
    }

    private static WordvecProperties properties(Path model, boolean watch, Duration reloadGrace) {
        return properties(model, watch, reloadGrace, null);
    }

    /** With a {@code cacheDir}, the model's converted copy and HNSW index are kept there; without, neither. */
    private static WordvecProperties properties(Path model, boolean watch, Duration reloadGrace, Path cacheDir) {
        WordvecProperties.Model config = new WordvecProperties.Model(model.toString(), ModelFormat.AUTO,
                List.of(CaseForm.EXACT), false, null, null, 0, Dtype.FLOAT32, null, watch, null, ModelKind.WORDS, false,
                null, null, null,
                cacheDir == null ? WordvecProperties.IndexKind.NONE : WordvecProperties.IndexKind.HNSW,
                WordvecProperties.Hnsw.DEFAULTS, Map.of(), null, UnicodeErrors.STRICT);
        return new WordvecProperties(null, Map.of("m", config), new WordvecProperties.Limits(10, 10, 10, 10, 10),
                cacheDir == null ? null : cacheDir.toString(), cacheDir != null, 1,
                new WordvecProperties.Batching(2, 16, 100, null),
                new WordvecProperties.Admin(true, reloadGrace, Duration.ofMillis(100)),
                new WordvecProperties.Catalogue(null, null, 3, Duration.ofMillis(50), null), null);
    }

    private static float marker(ModelRegistry registry) {
        return registry.require("m").words().vectors().vector(0)[0];
    }

    /** Whether the model's memory is freed: a query on it fails with model-closed. */
    static boolean isClosed(dev.wordvec.query.WordModel model) {
        try {
            model.vectors().centrality(new int[] {0, 1});
            return false;
        } catch (ModelClosedException e) {
            return true;
        }
    }

    @Test
    void reloadsUnderTrafficAnswerEveryRequestAndFreeTheOldModels() throws Exception {
        Path model = writeModel(tmp.resolve("model.txt"), 1f, 1);
        // The grace must outlast the slowest request that took the old model just before a swap:
        // with 8 callers on 2 busy cores and a full collection after each free, CI saw one over 300 ms.
        Duration grace = Duration.ofSeconds(3);
        try (ModelRegistry registry = new ModelRegistry(properties(model, false, grace))) {
            registry.startLoading(1);
            registry.awaitLoaded();
            int arrays = registry.require("m").words().vectors().managedArrays();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                callers.add(pool.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        try {
                            var words = registry.require("m").words();
                            int row = (seed * 131 + i) % 2000;
                            words.searches().search(List.of(new Search(List.of(Term.word(row, 1)), 5, -1f)), 0);
                            words.vectors().centrality(new int[] {row, (row + 1) % 2000});
                            words.vectors().vector(row);
                            answered.incrementAndGet();
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }
                }));
            }
            List<dev.wordvec.query.WordModel> replaced = new ArrayList<>();
            for (int version = 2; version <= 4; version++) {
                Thread.sleep(150);
                replaced.add(registry.require("m").words());
                writeModel(model, version, version);
                assertThat(registry.reload("m")).isEqualTo(version);
                assertThat(marker(registry)).isEqualTo((float) version);
            }
            Thread.sleep(150);
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            for (Future<?> caller : callers) {
                caller.get();
            }
            assertThat(errors).as("requests that failed during the reloads").isEmpty();
            assertThat(answered.get()).isGreaterThan(100);
            assertThat(registry.handle("m").version()).isEqualTo(4);
            assertThat(registry.summaries().get(0).version()).isEqualTo(4);
            assertThat(registry.require("m").words().vectors().managedArrays()).isEqualTo(arrays);
            // After the grace period, each replaced model's native memory is freed.
            long deadline = System.nanoTime() + grace.plusSeconds(10).toNanos();
            for (var old : replaced) {
                while (!isClosed(old) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThatThrownBy(() -> old.vectors().centrality(new int[] {0, 1}))
                        .isInstanceOf(ModelClosedException.class);
            }
        }
    }

    @Test
    void aFailedReloadLeavesTheOldVersionAnsweringAndSaysWhy() throws Exception {
        Path model = writeModel(tmp.resolve("model.txt"), 7f, 1);
        try (ModelRegistry registry = new ModelRegistry(properties(model, false))) {
            registry.startLoading(1);
            registry.awaitLoaded();
            Files.writeString(model, "2000 16\nw0 1 2\n");
            assertThatThrownBy(() -> registry.reload("m")).isInstanceOf(ModelReloadException.class)
                    .hasMessageContaining("version 1 keeps answering").hasMessageContaining("model.txt, line 2");
            assertThat(marker(registry)).isEqualTo(7f);
            assertThat(registry.handle("m").version()).isEqualTo(1);
            assertThat(registry.handle("m").status()).isEqualTo(ModelStatus.READY);
            // Besides the log, /models and the metrics say so, until a reload succeeds.
            ModelSummary.ReloadFailure failure = registry.summaries().get(0).reloadFailure();
            assertThat(failure.detail()).contains("model.txt, line 2").contains("expected 16 values after the word");
            assertThat(java.time.Instant.parse(failure.at())).isBeforeOrEqualTo(java.time.Instant.now());
            assertThat(registry.handle("m").failedReloads()).isEqualTo(1);
            assertThat(registry.handle("m").reloads()).isZero();

            writeModel(model, 8f, 2);
            assertThat(registry.reload("m")).isEqualTo(2);
            assertThat(marker(registry)).isEqualTo(8f);
            assertThat(registry.summaries().get(0).reloadFailure()).isNull();
            assertThat(registry.handle("m").reloads()).isEqualTo(1);
            assertThat(registry.handle("m").failedReloads()).isEqualTo(1);
        }
    }

    /** A watched file that changes into something that cannot load: the old version answers, and /models says why. */
    @Test
    void aWatchedFileThatFailsToReloadShowsInTheSummary() throws Exception {
        Path model = writeModel(tmp.resolve("model.txt"), 1f, 1);
        try (ModelRegistry registry = new ModelRegistry(properties(model, true))) {
            registry.startLoading(1);
            registry.awaitLoaded();
            Thread.sleep(50);
            Files.writeString(tmp.resolve("broken.txt"), "2000 16\nw0 1 2\n");
            Files.move(tmp.resolve("broken.txt"), model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            awaitUntil(() -> registry.handle("m").failedReloads() >= 1);
            assertThat(registry.summaries().get(0).reloadFailure().detail()).contains("model.txt, line 2");
            assertThat(registry.handle("m").version()).isEqualTo(1);
            assertThat(marker(registry)).isEqualTo(1f);
        }
    }

    /** The log says the watch reloads the changed file, not that the next start will. */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aWatchedFileIsReloadedOnceItHasChangedAndSettled(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        afterTheFileChanges(true, registry -> {
            awaitUntil(() -> registry.handle("m").version() >= 2);
            assertThat(registry.handle("m").version()).isEqualTo(2);
            assertThat(marker(registry)).isEqualTo(2f);
        });
        assertThat(output.getAll()).contains("model.txt is changed since it was loaded; the watch reloads it once")
                .doesNotContain("the next start will");
    }

    /** An unwatched file that changes is served as loaded, and the log says when the change takes effect. */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void anUnwatchedFileThatChangesIsNoticedForTheNextStart(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        afterTheFileChanges(false, registry -> {
            assertThat(registry.handle("m").sourceState()).isEqualTo(SourceState.CHANGED);
            assertThat(registry.handle("m").version()).isEqualTo(1);
            assertThat(marker(registry)).isEqualTo(1f);
        });
        assertThat(output.getAll()).contains("model.txt is changed since it was loaded; still answering from what "
                + "was loaded, but the next start will load the new content").doesNotContain("the watch reloads");
    }

    /**
     * A file replaced by another of the same size and modification time, as a build that gives every
     * file one time (Jib, Nix, SOURCE_DATE_EPOCH) leaves a retrained model, is a changed file: the
     * watch reloads it, and the next start maps neither the old converted copy nor the old index.
     */
    @Test
    void aFileReplacedByOneOfTheSameSizeAndTimeIsAChangedFile() throws Exception {
        Path model = writeModel(tmp.resolve("model.txt"), 1f, 1);
        long size = Files.size(model);
        FileTime fixed = FileTime.fromMillis(1_000);
        Files.setLastModifiedTime(model, fixed);
        WordvecProperties properties = properties(model, true, Duration.ofMillis(300), tmp.resolve("cache"));
        try (ModelRegistry registry = new ModelRegistry(properties)) {
            registry.startLoading(1);
            registry.awaitLoaded();
            replaceKeepingSizeAndTime(model, 2f, size, fixed);
            awaitUntil(() -> registry.handle("m").version() >= 2);
            assertThat(marker(registry)).isEqualTo(2f);
        }
        replaceKeepingSizeAndTime(model, 3f, size, fixed);
        for (HnswIndex.Origin index : new HnswIndex.Origin[] {HnswIndex.Origin.BUILT, HnswIndex.Origin.MAPPED}) {
            try (ModelRegistry registry = new ModelRegistry(properties)) {
                registry.startLoading(1);
                registry.awaitLoaded();
                assertThat(marker(registry)).isEqualTo(3f);
                assertThat(registry.require("m").words().index().origin()).isEqualTo(index);
            }
        }
    }

    /**
     * A request that took the model before the swap may hold the old version for longer than the
     * grace (an evaluation, a bulk request): the old version waits for it, then is freed once it
     * ends. A request that had taken nothing by the swap (one still sending its body), or only
     * another model, holds nothing of the old version, nor does one that took the model after it.
     */
    @Test
    void aReplacedModelWaitsForTheRequestsThatTookItBeforeItsSwap() throws Exception {
        Path model = writeModel(tmp.resolve("model.txt"), 1f, 1);
        Path other = writeModel(tmp.resolve("other.txt"), 5f, 1);
        WordvecProperties one = properties(model, false, Duration.ofMillis(200));
        WordvecProperties two = new WordvecProperties("m", Map.of("m", one.models().get("m"), "n",
                properties(other, false).models().get("m")), one.limits(), null, false, 1, one.batching(),
                one.admin(), one.catalogue(), null);
        try (ModelRegistry registry = new ModelRegistry(two)) {
            registry.startLoading(1);
            registry.awaitLoaded();
            RequestScope scope = registry.requestScope();
            AtomicReference<dev.wordvec.query.WordModel> held = new AtomicReference<>();
            OpenRequest holder = new OpenRequest(scope, () -> held.set(registry.require("m").words()));
            OpenRequest stillSending = new OpenRequest(scope, () -> { });
            OpenRequest elsewhere = new OpenRequest(scope, () -> registry.require("n"));
            dev.wordvec.query.WordModel old = held.get();
            writeModel(model, 2f, 2);
            registry.reload("m");
            OpenRequest after = new OpenRequest(scope, () -> registry.require("m"));
            assertThat(marker(registry)).isEqualTo(2f);
            Thread.sleep(1_000); // five times the grace
            assertThat(isClosed(old)).isFalse();
            assertThat(old.vectors().vector(0)[0]).isEqualTo(1f);
            holder.end();
            awaitUntil(() -> isClosed(old));
            assertThat(isClosed(old)).as("freed while the other three requests run").isTrue();
            for (OpenRequest request : List.of(stillSending, elsewhere, after)) {
                request.end();
            }
        }
    }

    /** A request served on a thread of its own, open from when it has taken what it takes until {@link #end}. */
    private static final class OpenRequest {
        private final CountDownLatch ending = new CountDownLatch(1);
        private final Thread thread;

        OpenRequest(RequestScope scope, Runnable takes) throws InterruptedException {
            CountDownLatch taken = new CountDownLatch(1);
            thread = new Thread(() -> {
                assertThat(scope.open()).isTrue();
                try {
                    takes.run();
                    taken.countDown();
                    ending.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    scope.close();
                }
            });
            thread.start();
            assertThat(taken.await(10, TimeUnit.SECONDS)).as("the request took its model").isTrue();
        }

        void end() throws InterruptedException {
            ending.countDown();
            thread.join();
        }
    }

    /**
     * A contextual model whose path names one network of an export ({@code onnx/model.onnx}) reads
     * its tokenizer and settings from the export's directory, so the watch looks at all of it: a
     * settings file written there later reloads the model with the new setting.
     */
    @Test
    void aWatchedNetworkIsReloadedWhenItsExportsSettingsChange() throws Exception {
        Path export = Files.createDirectories(tmp.resolve("export/onnx")).getParent();
        EncoderFiles builtIn = EncoderFiles.builtIn(true);
        try (var network = builtIn.onnx().open(); var tokenizer = builtIn.tokenizer().open()) {
            Files.copy(network, export.resolve("onnx/model.onnx"));
            Files.copy(tokenizer, export.resolve("tokenizer.json"));
        }
        WordvecProperties.Model config = new WordvecProperties.Model(export.resolve("onnx/model.onnx").toString(),
                ModelFormat.AUTO, null, true, null, null, 0, Dtype.FLOAT32, null, true, null, ModelKind.CONTEXTUAL,
                false, null, null, null, WordvecProperties.IndexKind.NONE, WordvecProperties.Hnsw.DEFAULTS, Map.of(),
                null, UnicodeErrors.STRICT);
        try (ModelRegistry registry = new ModelRegistry(properties(config))) {
            registry.startLoading(1);
            registry.awaitLoaded();
            assertThat(registry.require("m").contextual().network().maxTokens()).isEqualTo(128);
            Files.writeString(export.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 64}");
            awaitUntil(() -> registry.handle("m").version() >= 2);
            assertThat(registry.require("m").contextual().network().maxTokens()).isEqualTo(64);
            assertThat(registry.handle("m").sourceState()).isEqualTo(SourceState.UNCHANGED);
        }
    }

    private static WordvecProperties properties(WordvecProperties.Model config) {
        return new WordvecProperties(null, Map.of("m", config), new WordvecProperties.Limits(10, 10, 10, 10, 10),
                null, false, 1, new WordvecProperties.Batching(2, 16, 100, null),
                new WordvecProperties.Admin(true, Duration.ofMillis(300), Duration.ofMillis(100)),
                new WordvecProperties.Catalogue(null, null, 3, Duration.ofMillis(50), null), null);
    }

    /** The same rows but w0's first value ("2.0" where "1.0" was), at the time the old file had. */
    private void replaceKeepingSizeAndTime(Path model, float marker, long size, FileTime time) throws Exception {
        writeModel(model, marker, 1);
        Files.setLastModifiedTime(model, time);
        assertThat(Files.size(model)).isEqualTo(size);
    }

    private interface RegistryCheck {
        void check(ModelRegistry registry) throws Exception;
    }

    /** Loads version 1 of model.txt, replaces the file with version 2, then runs {@code then}. */
    private void afterTheFileChanges(boolean watch, RegistryCheck then) throws Exception {
        Path model = writeModel(tmp.resolve("model.txt"), 1f, 1);
        try (ModelRegistry registry = new ModelRegistry(properties(model, watch))) {
            registry.startLoading(1);
            registry.awaitLoaded();
            Thread.sleep(50);
            writeModel(model, 2f, 2);
            then.check(registry);
        }
    }

    /**
     * A reload under way shows in the summary beside the version answering, with the new file's
     * progress. The new version comes through a named pipe, so the reload waits for the test to
     * write it (word2vec binary, which the reader takes a row at a time as it arrives).
     */
    @Test
    void aReloadUnderWayShowsBesideTheVersionAnsweringWithItsProgress() throws Exception {
        Path model = tmp.resolve("model.bin");
        Files.write(model, binaryModel(1f, 1));
        ExecutorService reloader = Executors.newSingleThreadExecutor();
        try (ModelRegistry registry = new ModelRegistry(properties(model, false))) {
            registry.startLoading(1);
            registry.awaitLoaded();
            assertThat(registry.summaries().get(0).reloading()).isNull();
            assertThat(registry.summaries().get(0).progress()).isNull();

            Files.delete(model);
            assertThat(new ProcessBuilder("mkfifo", model.toString()).start().waitFor()).isZero();
            Future<Integer> reload = reloader.submit(() -> registry.reload("m"));
            byte[] next = binaryModel(2f, 2);
            int header = "2000 16\n".length();
            int row = (next.length - header) / 2000;
            try (OutputStream out = Files.newOutputStream(model)) {
                out.write(next, 0, header + 1000 * row);
                out.flush();
                Thread.sleep(1100); // the reader reports its progress at most once a second
                out.write(next, header + 1000 * row, row);
                out.flush();
                // (An earlier report is possible on a slow machine; the one after the pause says 1,001 rows.)
                awaitUntil(() -> registry.summaries().get(0).progress() != null
                        && registry.summaries().get(0).progress().rows() == 1001);
                ModelSummary during = registry.summaries().get(0);
                assertThat(during.status()).isEqualTo("ready");
                assertThat(during.version()).isEqualTo(1);
                assertThat(during.reloading()).isTrue();
                assertThat(during.progress().stage()).isEqualTo("reading");
                assertThat(during.progress().rows()).isEqualTo(1001);
                assertThat(marker(registry)).isEqualTo(1f);
                out.write(next, header + 1001 * row, next.length - header - 1001 * row);
            }
            assertThat(reload.get(30, TimeUnit.SECONDS)).isEqualTo(2);
            ModelSummary after = registry.summaries().get(0);
            assertThat(after.reloading()).isNull();
            assertThat(after.progress()).isNull();
            assertThat(after.version()).isEqualTo(2);
            assertThat(marker(registry)).isEqualTo(2f);
        } finally {
            reloader.shutdownNow();
        }
    }

    /** {@link #writeModel}'s words and values in word2vec's binary format (each row: the word, a space, 16 floats). */
    private static byte[] binaryModel(float marker, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("2000 16\n".getBytes(StandardCharsets.UTF_8));
        ByteBuffer values = ByteBuffer.allocate(16 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int w = 0; w < 2000; w++) {
            // Words of one width, so that every row has the same length.
            bytes.writeBytes(String.format("w%04d ", w).getBytes(StandardCharsets.UTF_8));
            values.clear();
            for (int d = 0; d < 16; d++) {
                values.putFloat(w == 0 && d == 0 ? marker : (float) random.nextGaussian());
            }
            bytes.writeBytes(values.array());
        }
        return bytes.toByteArray();
    }

    /** Waits up to 10 s for the watch (every 100 ms here) to act; the assertions after it say what it did. */
    /** Waits until {@code done}, at most 10 s; the caller asserts what it waited for. */
    static void awaitUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
