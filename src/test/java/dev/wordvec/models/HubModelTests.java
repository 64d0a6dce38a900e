package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.contextual.EncoderFiles;
import dev.wordvec.contextual.SentenceTransformer;
import dev.wordvec.download.FakeHub;
import dev.wordvec.download.HubDownload;
import dev.wordvec.download.LockHolder;
import dev.wordvec.formats.ModelFileException;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.UnicodeErrors;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.TextEncoding;
import dev.wordvec.vectors.Dtype;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contextual model named by {@code source: hf:OWNER/NAME}: fetched from the Hub (here a local
 * server that answers as it does) into the cache directory at first start, then loaded from there
 * without asking the Hub again.
 */
class HubModelTests {

    @TempDir
    Path tmp;

    private static WordvecProperties.Model contextual(String source, String path) {
        return new WordvecProperties.Model(path, ModelFormat.AUTO, null, true, null, null, 0, Dtype.FLOAT32, null,
                false, source, ModelKind.CONTEXTUAL, false, null, null, null, WordvecProperties.IndexKind.NONE,
                WordvecProperties.Hnsw.DEFAULTS, Map.of(), null, UnicodeErrors.STRICT);
    }

    private WordvecProperties properties(WordvecProperties.Model model, String hub) {
        return new WordvecProperties(null, Map.of("st", model), new WordvecProperties.Limits(10, 10, 10, 10, 10),
                tmp.resolve("cache").toString(), true, 1, new WordvecProperties.Batching(1, 8, 0, null),
                new WordvecProperties.Admin(false, Duration.ofSeconds(30), Duration.ofSeconds(10)),
                new WordvecProperties.Catalogue(null, null, 2, Duration.ofMillis(50), hub), null);
    }

    private static float[] builtInVector(String text) throws Exception {
        try (SentenceTransformer builtIn = SentenceTransformer.load(EncoderFiles.builtIn(false),
                SentenceTransformer.Settings.defaults(1, false))) {
            return builtIn.pool(builtIn.tokenVectors(List.of(builtIn.tokenize(text)))[0]);
        }
    }

    /**
     * Another service sharing the cache is fetching the same model: this one waits for it, then
     * loads what it fetched without asking the Hub for a file itself.
     */
    @Test
    void anotherServiceFetchingTheSameModelIsWaitedFor() throws Exception {
        String text = "A man is playing a guitar.";
        Path folder = tmp.resolve("cache/downloads/hf/acme--mini");
        Files.createDirectories(folder.getParent());
        try (FakeHub hub = new FakeHub(); LockHolder other = LockHolder.start(folder, null);
                ModelRegistry registry = new ModelRegistry(properties(contextual("hf:acme/mini", null), hub.base()))) {
            registry.startLoading(1);
            Thread.sleep(1000);
            assertThat(registry.summaries().get(0).status()).isEqualTo("loading");
            assertThat(registry.summaries().get(0).progress().stage()).isEqualTo("waiting");
            assertThat(hub.fetched).isEmpty();
            // What the other service does meanwhile: the files, then the marker.
            new HubDownload(java.net.URI.create(hub.base()), null, 1, Duration.ofMillis(10))
                    .fetch("acme/mini", "main", null, folder, line -> { }, p -> { });
            Files.writeString(folder.resolve(HubSource.MARKER), "hf:acme/mini@main\n" + FakeHub.COMMIT + "\n");
            hub.fetched.clear();
            other.finish();
            registry.awaitLoaded();
            assertThat(registry.require("st").contextual().encode(List.of(text), TextEncoding.MEAN, OovPolicy.SKIP)
                    .texts().get(0).vector()).containsExactly(builtInVector(text));
            assertThat(hub.fetched).as("nothing fetched twice").isEmpty();
        }
    }

    @Test
    void aHubModelIsFetchedAtFirstStartThenLoadedFromTheCache() throws Exception {
        String text = "A man is playing a guitar.";
        float[] expected = builtInVector(text);
        Path folder = tmp.resolve("cache/downloads/hf/acme--mini");
        try (FakeHub hub = new FakeHub()) {
            for (int start = 1; start <= 2; start++) {
                WordvecProperties properties = properties(contextual("hf:acme/mini", null), hub.base());
                try (ModelRegistry registry = new ModelRegistry(properties)) {
                    registry.startLoading(1);
                    registry.awaitLoaded();
                    float[] vector = registry.require("st").contextual().encode(List.of(text), TextEncoding.MEAN,
                            OovPolicy.SKIP).texts().get(0).vector();
                    assertThat(vector).containsExactly(expected);
                    assertThat(registry.summaries().get(0).source()).isEqualTo(folder.toString());
                    assertThat(registry.summaries().get(0).encoder().hub())
                            .isEqualTo(new ModelSummary.Hub("acme/mini", "main", FakeHub.COMMIT));
                }
                if (start == 1) {
                    assertThat(hub.fetched).contains("onnx/model.onnx", "tokenizer.json", "1_Pooling/config.json")
                            .doesNotContain("model.safetensors");
                    hub.fetched.clear();
                }
            }
            assertThat(hub.fetched).as("the second start asks the Hub for nothing").isEmpty();
            assertThat(Files.readString(folder.resolve(".wordvec-hub"))).isEqualTo("hf:acme/mini@main\n"
                    + FakeHub.COMMIT + "\n");
        }
        // With the Hub gone, the folder still serves.
        try (ModelRegistry registry = new ModelRegistry(properties(contextual("hf:acme/mini", null),
                "http://127.0.0.1:1"))) {
            registry.startLoading(1);
            registry.awaitLoaded();
            assertThat(registry.require("st").contextual().encode(List.of(text), TextEncoding.MEAN, OovPolicy.SKIP)
                    .texts().get(0).vector()).containsExactly(expected);
            assertThat(registry.summaries().get(0).encoder().hub().commit()).isEqualTo(FakeHub.COMMIT);
        }
    }

    @Test
    void aFailedFetchSaysWhatToDoAndAnUnfinishedFolderIsNotLoaded() throws Exception {
        Path folder = tmp.resolve("cache/downloads/hf/acme--gated");
        try (FakeHub hub = new FakeHub()) {
            // acme/gated needs a token, which this process's environment does not hold.
            try (ModelRegistry registry = new ModelRegistry(properties(contextual("hf:acme/gated", null),
                    hub.base()))) {
                registry.startLoading(1);
                assertThatThrownBy(registry::awaitLoaded).isInstanceOf(ModelFileException.class)
                        .hasMessageContaining("hf:acme/gated@main")
                        .hasMessageContaining("answered HTTP 401: no model repository 'acme/gated'")
                        .hasMessageContaining("java -jar wordvec.jar download hf:acme/gated")
                        .hasMessageContaining("wordvec.models.st.path");
            }
        }
        assertThat(folder.resolve(".wordvec-hub")).doesNotExist();
    }

    @Test
    void aContextualSourceIsAHubModelAndComesWithoutAPath() {
        for (var bad : Map.of(contextual("glove-wiki-gigaword-100", null), "a contextual model's 'source' is a "
                + "sentence-transformers model on the Hugging Face Hub, hf:OWNER/NAME[@REVISION], and comes without "
                + "'path'", contextual("hf:acme/mini", "/models/mini"), "and comes without 'path'",
                contextual("hf:acme/../mini", null), "wordvec.models.st.source: 'hf:acme/../mini' is not a Hugging "
                + "Face model", contextual("hf:acme/mini@", null), "names no revision after '@'").entrySet()) {
            assertThatThrownBy(() -> new ModelRegistry(properties(bad.getKey(), null)))
                    .isInstanceOf(ModelConfigurationException.class).hasMessageContaining(bad.getValue());
        }
        assertThat(HubSource.of("hf:acme/mini@refs/pr/1", tmp, null).folder())
                .isEqualTo(tmp.resolve("hf/acme--mini@refs--pr--1"));
        assertThat(HubSource.of("hf:acme/mini@refs/pr/1", tmp, null).revision()).isEqualTo("refs/pr/1");
    }
}
