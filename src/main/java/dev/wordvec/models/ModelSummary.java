package dev.wordvec.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wordvec.index.HnswIndex;
import dev.wordvec.index.HnswSettings;
import dev.wordvec.query.WordModel;
import dev.wordvec.vectors.Subwords;
import java.util.List;
import java.util.Locale;

/**
 * One model as an operator sees it: its state, where it came from, and once ready its size. The
 * one description of a model that {@code /models}, {@code /actuator/info}, health and metrics
 * all read. Fields that do not apply yet (a model still loading has no vocabulary size) are null,
 * and left out of JSON.
 *
 * @param status {@code pending}, {@code loading}, {@code ready} or {@code failed}
 * @param kind {@code words} (word vectors: every route) or {@code contextual} (a sentence encoder)
 * @param sourceState whether the file still is what was loaded ({@code unchanged}, {@code changed},
 *     {@code missing}, or {@code unknown} for a resource in the jar); null until ready
 * @param progress the load under way: the first (null once ready), or a reload's beside the version
 *     answering (null when none is under way, or before its first report)
 * @param index the model's approximate index (null without one)
 * @param encoder how a contextual model makes sentence vectors (null for word vectors)
 * @param error why loading failed (null unless failed)
 * @param version how many times the model was loaded: 1 after start-up, one more per reload
 * @param loadedAt when the version answering was loaded (ISO-8601)
 * @param reloadFailure the last reload's failure (the version before it answers), while no reload
 *     has succeeded since; null otherwise
 * @param reloading true while a reload is under way (the version before it answers until it is
 *     done); null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSummary(String name, @JsonProperty("default") boolean isDefault, String status, String kind,
        String format,
        String source, String sourceState, Integer vocabularySize, Integer dimension, String dtype, Long matrixBytes,
        Long loadTimeMs, Lookup lookup, Progress progress, String error, Integer version, String loadedAt,
        ReloadFailure reloadFailure, Boolean reloading, Index index, Encoder encoder) {

    /** A reload that failed, while the version before it answers: when (ISO-8601), and why, naming the file and line. */
    public record ReloadFailure(String at, String detail) {
    }

    /**
     * Progress of a load: its stage ({@code waiting} for another service's download of the file
     * into the shared cache directory, {@code downloading} it (0 rows), {@code reading} the file,
     * then {@code indexing}, building the HNSW index), rows done, percent when the total is known,
     * the rate (megabytes a second while downloading or reading, rows a second while indexing), and
     * the seconds left at that rate.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Progress(String stage, long rows, Double percent, Double megabytesPerSecond, Double rowsPerSecond,
            Long secondsLeft) {
    }

    /**
     * A model's approximate index: its kind ({@code hnsw}), settings, size (graph, row norms and,
     * for float32 and float16 models, the rows' int8 codes that searches walk it by), what a
     * search walks the graph by ({@code codes}; {@code rows} for an int8 model, whose rows are
     * codes already, and for an index too large to keep codes in one mapping), whether it was
     * {@code built} at this load or {@code mapped} from the file a previous one wrote, how long
     * that took, and the file (null when kept in memory only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Index(String kind, int m, int beamWidth, int efSearch, long bytes, int levels, String walk,
            String origin, long tookMs, String file) {
    }

    /**
     * How a contextual model makes sentence vectors, as configured or as its directory's
     * sentence-transformers files say: pooling, unit length, the longest input in tokens, and
     * whether texts are lower-cased before the tokenizer; its prompts' names, and the default one;
     * the Dense layers applied after the pooling (sentence-transformers' Dense modules), in order;
     * the {@code truncate_dim} sentence vectors are cut to, or null; for a model fetched from the
     * Hugging Face Hub ({@code source: hf:...}), which one and the commit of its files (absent for others).
     */
    public record Encoder(String pooling, boolean normalize, int maxTokens, boolean lowerCase, List<String> prompts,
            String defaultPrompt, List<Dense> dense, Integer truncateDim,
            @JsonInclude(JsonInclude.Include.NON_NULL) Hub hub) {
    }

    /** A model on the Hugging Face Hub: its repository ({@code OWNER/NAME}), the revision asked for, and its commit. */
    public record Hub(String repository, String revision, String commit) {
    }

    /** A Dense layer: vectors of {@code in} values become {@code out}, through the activation ({@code tanh}, ...). */
    public record Dense(int in, int out, String activation) {
    }

    /**
     * How the model finds words: case forms in order, the longest phrase it holds (1: no phrases),
     * its default unknown-word policy (null: each route's), whether it has a SIF reference set, and
     * the character n-grams that answer unknown words (a fastText {@code .bin}; left out otherwise).
     */
    public record Lookup(List<String> caseFallback, int phraseWords, String oov, boolean sifReference,
            @JsonInclude(JsonInclude.Include.NON_NULL) Ngrams subwords) {
    }

    /**
     * A fastText model's character n-grams: lengths {@code minn} to {@code maxn}, hashed into
     * {@code buckets} rows, of which a pruned quantised model kept {@code keptBuckets} (null: all).
     * A model trained with {@code -maxn 0} has none, and so no entry.
     */
    public record Ngrams(int minn, int maxn, int buckets,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer keptBuckets) {
    }

    /** Whether the model answers. */
    public boolean ready() {
        return status.equals(lower(ModelStatus.READY));
    }

    static ModelSummary of(ModelHandle handle, boolean isDefault) {
        String status = lower(handle.status());
        String source = handle.source().location();
        return handle.loaded().map(m -> {
            String state = lower(handle.sourceState());
            // A reload reads the file (and builds its index) beside the version answering, which
            // stays until it is done: an operator sees it under way, and how far it has got.
            boolean reloading = handle.reloadUnderWay();
            Progress reload = reloading ? progress(handle) : null;
            if (!m.hasWords()) {
                String dtype = m.kind() == ModelKind.CONTEXTUAL && m.contextual().network().settings().quantized()
                        ? "int8" : "float32";
                return new ModelSummary(handle.name(), isDefault, status, lower(m.kind()), m.format().id(), source,
                        state, null, m.texts().dimension(), dtype, null, m.loadTime().toMillis(), null, reload, null,
                        handle.version(), String.valueOf(handle.loadedAt()), handle.reloadFailure().orElse(null),
                        reloading ? true : null, null, encoder(m, handle.hubOrigin().orElse(null)));
            }
            WordModel words = m.words();
            return new ModelSummary(handle.name(), isDefault, status, lower(m.kind()), m.format().id(), source, state,
                    words.vectors().vocabulary().size(), words.dimension(), lower(words.vectors().dtype()),
                    words.vectors().matrixBytes(), m.loadTime().toMillis(), lookup(words), reload, null,
                    handle.version(), String.valueOf(handle.loadedAt()), handle.reloadFailure().orElse(null),
                    reloading ? true : null, index(words), null);
        }).orElseGet(() -> new ModelSummary(handle.name(), isDefault, status, lower(handle.kind()),
                handle.configuredFormat().id(), source,
                null, null, null, null, null, null, null, progress(handle),
                handle.failure().orElse(null), null, null, null, null, null, null));
    }

    /**
     * The load under way: building the index once the rows are read, else reading them; null before
     * the first report.
     */
    private static Progress progress(ModelHandle handle) {
        String download = handle.downloadStage().orElse(null);
        if ("waiting".equals(download)) {
            return new Progress(download, 0, null, null, null, null);
        }
        String stage = download != null ? download : "reading";
        return handle.indexProgress().map(p -> new Progress("indexing", p.nodes(), Math.round(p.percent() * 10) / 10.0,
                        null, (double) Math.round(p.nodesPerSecond()), p.secondsLeft() < 0 ? null : p.secondsLeft()))
                .or(() -> handle.progress().map(p -> new Progress(stage, p.rows(), p.percent() < 0 ? null
                        : p.percent(), Math.round(p.megabytesPerSecond() * 10) / 10.0, null,
                        p.totalBytes() > 0 && p.megabytesPerSecond() > 0
                        ? Math.round((p.totalBytes() - p.bytesRead()) / 1e6 / p.megabytesPerSecond()) : null)))
                .orElse(null);
    }

    private static Encoder encoder(LoadedModel model, Hub hub) {
        if (model.contextual() == null) {
            return null;
        }
        var network = model.contextual().network();
        var settings = network.settings();
        return new Encoder(settings.pooling().id(), settings.normalize(),
                network.maxTokens(), settings.lowerCase(), List.copyOf(settings.prompts().byName().keySet()),
                settings.prompts().defaultName(), settings.dense().stream()
                        .map(d -> new Dense(d.in(), d.out(), d.activation())).toList(),
                settings.truncateDim() > 0 ? settings.truncateDim() : null, hub);
    }

    private static Index index(WordModel model) {
        HnswIndex index = model.index();
        if (index == null) {
            return null;
        }
        HnswSettings settings = index.settings();
        return new Index("hnsw", settings.m(), settings.beamWidth(), settings.efSearch(), index.bytes(),
                index.levels(), index.walksByCodes() ? "codes" : "rows", lower(index.origin()), index.took().toMillis(),
                index.file() == null ? null : index.file().toString());
    }

    private static Lookup lookup(WordModel model) {
        return new Lookup(model.lookup().forms().stream().map(ModelSummary::lower).toList(),
                model.lookup().phraseWords(), model.oov() == null ? null : lower(model.oov()),
                model.sifComponent() != null, ngrams(model.subwords()));
    }

    private static Ngrams ngrams(Subwords subwords) {
        return subwords == null || !subwords.hasNgrams() ? null
                : new Ngrams(subwords.minn(), subwords.maxn(), subwords.bucket(),
                        subwords.pruned() == null ? null : subwords.rowCount());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
