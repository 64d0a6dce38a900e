package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.formats.UnicodeErrors;
import dev.wordvec.formats.ModelFileException;
import dev.wordvec.formats.ModelFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ModelRegistryTests {

    @TempDir
    Path tmp;

    private static WordvecProperties properties(String defaultModel, Map<String, WordvecProperties.Model> models) {
        return new WordvecProperties(defaultModel, models, new WordvecProperties.Limits(10, 10, 10, 10, 10), null, false, 1,
                new WordvecProperties.Batching(1, 8, 0, null),
                new WordvecProperties.Admin(false, java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofSeconds(10)), new WordvecProperties.Catalogue(null, null, 3, Duration.ofMillis(50), null), null);
    }

    private static WordvecProperties.Model model(String path) {
        return WordvecProperties.Model.of(path, ModelFormat.AUTO);
    }

    /**
     * A byte-order mark stays part of the first word, as gensim keeps it
     * ({@code load_word2vec_format(no_header=True).index_to_key[0] == '\\ufeffthe'}), and the log says so.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aByteOrderMarkIsKeptAsGensimKeepsItAndSaid(CapturedOutput output) throws Exception {
        Path file = Files.writeString(tmp.resolve("bom.txt"), "\uFEFFthe 0.5 0.25\nof 0.125 1\n");
        WordvecProperties base = properties(null, Map.of());
        WordvecProperties bom = new WordvecProperties(null, Map.of("bom", model(file.toString())), base.limits(),
                tmp.resolve("cache").toString(), false, 1, base.batching(), base.admin(), base.catalogue(), null);
        try (ModelRegistry registry = new ModelRegistry(bom)) {
            registry.loadAll();
            assertThat(registry.require(null).words().vectors().vocabulary().word(0)).isEqualTo("\uFEFFthe");
        }
        assertThat(output.getAll()).contains("Model 'bom': the file starts with a byte-order mark (U+FEFF), kept as "
                + "part of its first word as gensim keeps it: that word answers as '\\uFEFFthe' (%EF%BB%BFthe in a URL), "
                + "not as 'the'");
    }

    @Test
    void noConfiguredModelMeansTheBuiltInOne() {
        try (ModelRegistry registry = new ModelRegistry(properties(null, Map.of()))) {
            assertThat(registry.defaultName()).isEqualTo("demo");
            assertThat(registry.handle(null).source().location()).isEqualTo(ModelRegistry.BUILT_IN_LOCATION);
        }
    }

    /** The container image reads the built-in model from a file in a layer of its own, not from the jar. */
    @Test
    void theBuiltInModelCanBeReadFromAFile() throws Exception {
        WordvecProperties base = properties(null, Map.of());
        WordvecProperties fromFile = new WordvecProperties(null, Map.of(), base.limits(), null, false, 1, base.batching(),
                base.admin(), base.catalogue(), "src/test/resources/fixtures/test_glove.txt");
        try (ModelRegistry registry = new ModelRegistry(fromFile)) {
            assertThat(registry.defaultName()).isEqualTo("demo");
            assertThat(registry.handle(null).source().location()).isEqualTo("src/test/resources/fixtures/test_glove.txt");
            registry.loadAll();
            assertThat(registry.require(null).words().vectors().vocabulary().size()).isEqualTo(76);
        }
        // Configured by its classpath location (as docker/README.md does), it is read from there too.
        WordvecProperties named = new WordvecProperties(null, Map.of("demo", model(ModelRegistry.BUILT_IN_LOCATION)),
                base.limits(), null, false, 1, base.batching(), base.admin(), base.catalogue(),
                "src/test/resources/fixtures/test_glove.txt");
        try (ModelRegistry registry = new ModelRegistry(named)) {
            assertThat(registry.handle("demo").source().location()).isEqualTo("src/test/resources/fixtures/test_glove.txt");
        }
    }

    @Test
    void modelsAreNotReadyUntilLoadedAndReadinessFollows() throws Exception {
        Map<String, WordvecProperties.Model> models = new LinkedHashMap<>();
        models.put("glove", model("src/test/resources/fixtures/test_glove.txt"));
        try (ModelRegistry registry = new ModelRegistry(properties(null, models))) {
            ModelsHealthIndicator health = new ModelsHealthIndicator(registry);
            assertThat(registry.summaries().stream().allMatch(ModelSummary::ready)).isFalse();
            assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThatThrownBy(() -> registry.require(null)).isInstanceOf(ModelNotReadyException.class)
                    .hasMessage("model 'glove' is not ready yet (pending)");
            registry.loadAll();
            assertThat(registry.summaries().stream().allMatch(ModelSummary::ready)).isTrue();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(registry.require("glove").words().vectors().vocabulary().size()).isEqualTo(76);
            assertThatThrownBy(() -> registry.require("other")).isInstanceOf(UnknownModelException.class)
                    .hasMessage("no model named 'other'; the models are [glove]");
        }
    }

    /** An operator can see which models answer unknown words from character n-grams, and with which. */
    @Test
    void theSummaryShowsAFastTextModelsNgrams() throws Exception {
        Map<String, WordvecProperties.Model> models = new LinkedHashMap<>();
        models.put("ru", model("src/test/resources/fixtures/crime-and-punishment.bin"));
        models.put("vec", model("src/test/resources/fixtures/crime-and-punishment.vec"));
        models.put("pruned", model("src/test/resources/fasttext/supervised-pruned.ftz"));
        try (ModelRegistry registry = new ModelRegistry(properties("ru", models))) {
            registry.loadAll();
            Map<String, ModelSummary> summaries = new LinkedHashMap<>();
            registry.summaries().forEach(s -> summaries.put(s.name(), s));
            assertThat(summaries.get("ru").lookup().subwords()).isEqualTo(new ModelSummary.Ngrams(3, 6, 100, null));
            // fasttext quantize -cutoff 500 kept 232 words and the n-grams of 268 of the 2,000 buckets.
            assertThat(summaries.get("pruned").lookup().subwords()).isEqualTo(new ModelSummary.Ngrams(2, 4, 2000, 268));
            assertThat(summaries.get("vec").lookup().subwords()).isNull();
        }
    }

    /** A FastText model saved by gensim answers unknown words from its n-grams, as a fastText .bin does. */
    @Test
    void aGensimFastTextModelAnswersUnknownWordsFromItsNgrams() throws Exception {
        JsonNode gensim;
        try (java.io.InputStream in = Files.newInputStream(
                Path.of("src/test/resources/gensim/native/expected.json"))) {
            gensim = JsonMapper.builder().build().readTree(in).get("models").get("ft.model");
        }
        try (ModelRegistry registry = new ModelRegistry(properties("ft",
                Map.of("ft", model("src/test/resources/gensim/native/ft.model"))))) {
            registry.loadAll();
            ModelSummary summary = registry.summaries().get(0);
            assertThat(summary.format()).isEqualTo("gensim");
            assertThat(summary.lookup().subwords()).isEqualTo(new ModelSummary.Ngrams(2, 4, 500, null));
            dev.wordvec.query.WordModel words = registry.require("ft").words();
            dev.wordvec.query.OovPolicy policy = words.oov(null, dev.wordvec.query.OovPolicy.ERROR);
            assertThat(policy.usesSubwords()).isTrue();
            float[] vector = words.vector(words.resolve(List.of("zzqx"), policy).get(0));
            JsonNode theirs = gensim.get("unknown").get("zzqx");
            for (int d = 0; d < vector.length; d++) {
                assertThat((double) vector[d]).isCloseTo(theirs.get(d).asDouble(), within(1e-6));
            }
        }
    }

    /**
     * {@code unicode-errors} as a user sets it (bound from properties, as Spring binds them): a file
     * with a word cut inside a character loads with {@code replace}, and is refused, named, without.
     */
    @Test
    void unicodeErrorsIsAModelSetting() throws Exception {
        Path file = Files.write(tmp.resolve("cut.txt"), new byte[] {'2', ' ', '1', '\n', 'k', ' ', '1', '\n',
                'c', 'a', 'f', (byte) 0xe9, ' ', '2', '\n'});
        Map<String, String> settings = Map.of("wordvec.models.cut.path", file.toString(),
                "wordvec.models.cut.unicode-errors", "replace", "wordvec.models.strict.path", file.toString());
        WordvecProperties bound = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(settings))
                .bind("wordvec", WordvecProperties.class).get();
        assertThat(bound.models().get("cut").unicodeErrors()).isEqualTo(UnicodeErrors.REPLACE);
        assertThat(bound.models().get("strict").unicodeErrors()).isEqualTo(UnicodeErrors.STRICT);
        WordvecProperties cut = properties("cut", Map.of("cut", bound.models().get("cut")));
        try (ModelRegistry registry = new ModelRegistry(cut)) {
            registry.loadAll();
            assertThat(registry.require("cut").words().vectors().vocabulary().rowOf("caf\ufffd")).isEqualTo(1);
        }
        WordvecProperties strict = properties("strict", Map.of("strict", bound.models().get("strict")));
        try (ModelRegistry registry = new ModelRegistry(strict)) {
            assertThatThrownBy(registry::loadAll).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("cut.txt, line 3: the word is not valid UTF-8")
                    .hasMessageContaining("unicode-errors");
        }
    }

    /**
     * {@code oov} as a user sets it: the four policies a request can name, and {@code subword} only
     * on a model with character n-grams, refused when it loads rather than on every request.
     */
    @Test
    void oovIsAModelSettingAndSubwordNeedsNgrams() throws Exception {
        Map<String, String> settings = Map.of("wordvec.models.glove.path", "src/test/resources/fixtures/test_glove.txt",
                "wordvec.models.glove.oov", "subword", "wordvec.models.ft.path", "src/test/resources/gensim/native/ft.model",
                "wordvec.models.ft.oov", "subword");
        WordvecProperties bound = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(settings))
                .bind("wordvec", WordvecProperties.class).get();
        assertThat(WordvecProperties.UnknownWords.values()).extracting(WordvecProperties.UnknownWords::policy)
                .containsExactly(dev.wordvec.query.OovPolicy.ERROR, dev.wordvec.query.OovPolicy.SKIP,
                        dev.wordvec.query.OovPolicy.ZERO, dev.wordvec.query.OovPolicy.SUBWORD);
        try (ModelRegistry registry = new ModelRegistry(properties("ft", Map.of("ft", bound.models().get("ft"))))) {
            registry.loadAll();
            assertThat(registry.require("ft").words().oov(null, dev.wordvec.query.OovPolicy.ERROR))
                    .isEqualTo(dev.wordvec.query.OovPolicy.SUBWORD);
        }
        try (ModelRegistry registry = new ModelRegistry(properties("glove", Map.of("glove", bound.models().get("glove"))))) {
            assertThatThrownBy(registry::loadAll).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("wordvec.models.glove.oov is 'subword', which answers unknown words from a fastText "
                            + "model's character n-grams; model 'glove' (glove) has none");
            assertThat(registry.handle("glove").status()).isEqualTo(ModelStatus.FAILED);
        }
    }

    @Test
    void aFailedModelIsReportedDownWithItsError() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "foo 1 2\nbar 3\n");
        try (ModelRegistry registry = new ModelRegistry(properties(null, Map.of("bad", model(bad.toString()))))) {
            assertThatThrownBy(registry::loadAll).isInstanceOf(ModelFileException.class);
            assertThat(registry.handle("bad").status()).isEqualTo(ModelStatus.FAILED);
            var health = new ModelsHealthIndicator(registry).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("models").toString()).contains("line 2: expected 2 values after the word, found 1");
        }
    }

    /** A setting of the other kind of model would be ignored without a word: it is refused, named. */
    @Test
    void settingsOfTheOtherKindOfModelAreRefused() {
        WordvecProperties.Model words = model("src/test/resources/fixtures/test_glove.txt");
        WordvecProperties.Model pooled = new WordvecProperties.Model(words.path(), words.format(), words.caseFallback(),
                words.phrases(), null, null, 0, words.dtype(), null, false, null, ModelKind.WORDS, false,
                dev.wordvec.contextual.SentenceTransformer.Pooling.CLS, null, 256, words.index(), words.hnsw(),
                Map.of("query", "query: "), "query", UnicodeErrors.STRICT);
        assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("glove", pooled))))
                .isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.glove: pooling, max-tokens, prompts, default-prompt-name do not apply to a "
                        + "word-vector model");
        // A name with a dot is written in brackets, as it must be to reach that model: with dots,
        // Spring Boot would read wordvec.models.glove.6B.kind as model 'glove', setting '6B.kind'.
        assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("glove.6B", pooled))))
                .isInstanceOf(ModelConfigurationException.class)
                .hasMessageStartingWith("wordvec.models[glove.6B]: pooling, max-tokens")
                .satisfies(e -> assertThat(((ModelConfigurationException) e).action()).isEqualTo(
                        "Remove wordvec.models[glove.6B].pooling, wordvec.models[glove.6B].max-tokens, "
                        + "wordvec.models[glove.6B].prompts, wordvec.models[glove.6B].default-prompt-name, or set "
                        + "wordvec.models[glove.6B].kind=contextual if it is a sentence encoder."));
        WordvecProperties.Model encoder = new WordvecProperties.Model(null, ModelFormat.AUTO, words.caseFallback(),
                words.phrases(), null, null, 0, dev.wordvec.vectors.Dtype.INT8, null, false, null, ModelKind.CONTEXTUAL,
                false, null, null, null, WordvecProperties.IndexKind.HNSW, words.hnsw(), Map.of(), null, UnicodeErrors.REPLACE);
        assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("minilm", encoder))))
                .isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.minilm: dtype, unicode-errors, index do not apply to a contextual model (a sentence encoder)");
    }

    /**
     * {@code quantized} picks the built-in encoder's int8 file; on a network of one's own it would
     * only call a float32 network int8 and run each text alone: refused, with what to do.
     */
    @Test
    void quantizedOnAContextualModelOfOnesOwnIsRefused() {
        WordvecProperties.Model words = model("src/test/resources/fixtures/test_glove.txt");
        for (String path : java.util.Arrays.asList("/models/my-encoder", null)) {
            WordvecProperties.Model encoder = new WordvecProperties.Model(path, ModelFormat.AUTO, words.caseFallback(),
                    words.phrases(), null, null, 0, words.dtype(), null, false,
                    path == null ? "hf:sentence-transformers/all-mpnet-base-v2" : null, ModelKind.CONTEXTUAL, true,
                    null, null, null,
                    WordvecProperties.IndexKind.NONE, words.hnsw(), Map.of(), null, words.unicodeErrors());
            assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("mine", encoder))))
                    .isInstanceOf(ModelConfigurationException.class)
                    .hasMessage("wordvec.models.mine.quantized takes the built-in all-MiniLM-L6-v2's int8 version, and "
                            + "this model names its own network ('" + (path == null ? "source" : "path") + "'); a "
                            + "network that quantises its activations as it runs is recognised from its file")
                    .extracting(e -> ((ModelConfigurationException) e).action()).asString()
                    .startsWith("Remove wordvec.models.mine.quantized, or ");
        }
    }

    /** HNSW settings on a model without the index would be ignored without a word: refused, named. */
    @Test
    void hnswSettingsWithoutTheIndexAreRefused() {
        WordvecProperties.Model words = model("src/test/resources/fixtures/test_glove.txt");
        WordvecProperties.Model tuned = new WordvecProperties.Model(words.path(), words.format(), null, true, null,
                null, 0, words.dtype(), null, false, null, ModelKind.WORDS, false, null, null, null,
                WordvecProperties.IndexKind.NONE, new WordvecProperties.Hnsw(32, 100, 400, 0), Map.of(), null,
                words.unicodeErrors());
        assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("glove", tuned))))
                .isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.glove.hnsw.m, wordvec.models.glove.hnsw.ef-search apply to an HNSW index, "
                        + "and the model has none (wordvec.models.glove.index is none)")
                .extracting(e -> ((ModelConfigurationException) e).action())
                .isEqualTo("Set wordvec.models.glove.index=hnsw, or remove wordvec.models.glove.hnsw.m, "
                        + "wordvec.models.glove.hnsw.ef-search.");
    }

    /** A watch on what cannot change (the built-in model inside the jar) would do nothing: refused. */
    @Test
    void aWatchOnAModelInsideTheJarIsRefused() {
        WordvecProperties.Model builtIn = model(ModelRegistry.BUILT_IN_LOCATION);
        WordvecProperties.Model watched = new WordvecProperties.Model(builtIn.path(), builtIn.format(), null, true,
                null, null, 0, builtIn.dtype(), null, true, null, ModelKind.WORDS, false, null, null, null,
                WordvecProperties.IndexKind.NONE, builtIn.hnsw(), Map.of(), null, builtIn.unicodeErrors());
        assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("demo", watched))))
                .isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.demo.watch is true, and the model has no file on disk to watch: "
                        + ModelRegistry.BUILT_IN_LOCATION + " is inside the jar")
                .extracting(e -> ((ModelConfigurationException) e).action())
                .isEqualTo("Remove wordvec.models.demo.watch, or point wordvec.models.demo.path at a file on disk.");
    }

    @Test
    void modelNamesAreChecked() {
        assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("a b", model("x")))))
                .hasMessageContaining("wordvec.models.a b: a model name is 1 to 64 letters a-z or A-Z, digits");
        assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("modèle", model("x")))))
                .hasMessageContaining("wordvec.models.modèle: a model name is 1 to 64 letters a-z or A-Z");
        // A model with neither a file nor a catalogue name is asked for one of them.
        assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("glove", model(" ")))))
                .hasMessage("wordvec.models.glove: set 'path' (a file) or 'source' (a catalogue name, see GET "
                        + "/catalogue), one of the two").extracting(e -> ((ModelConfigurationException) e).action())
                .isEqualTo("Set wordvec.models.glove.path or wordvec.models.glove.source.");
        // Spring Boot gives glove's settings to GloVe and GloVe's to glove: both served one file.
        assertThatThrownBy(() -> new ModelRegistry(properties(null, Map.of("glove", model("a.txt"), "GloVe",
                model("b.txt"))))).hasMessage("wordvec.models.GloVe and wordvec.models.glove differ only in case, "
                + "which the names of settings do not tell apart: both would be read from one model's settings");
    }
}
