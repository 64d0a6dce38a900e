package dev.wordvec.models;

import dev.wordvec.formats.ConvertedModel;
import dev.wordvec.formats.LoadProgress;
import dev.wordvec.formats.ModelFileException;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelCache;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.query.TokenWeights;
import dev.wordvec.query.WordModel;
import dev.wordvec.vectors.SearchBatcher;
import dev.wordvec.vectors.WordLookup;
import dev.wordvec.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured model and its state. Loads once; readers see either the loaded model or the
 * state it is in (fields are volatile: written by the loading thread, read by request threads).
 */
public final class ModelHandle {

    private static final Logger log = LoggerFactory.getLogger(ModelHandle.class);
    /** SIF's smoothing constant: the value Arora et al. recommend, good across their corpora. */
    static final double SIF_A = 1e-3;

    private final String name;
    private final ModelSource source;
    private final ModelFormat configuredFormat;
    private final WordvecProperties.Model config;
    private final ModelCache cache;
    private final WordvecProperties.Batching batching;
    private volatile ModelStatus status = ModelStatus.PENDING;
    private volatile LoadProgress progress;
    private volatile LoadedModel loaded;
    private volatile String failure;
    /** The file's size and modification time when it was loaded; null for a classpath resource. */
    private volatile ConvertedModel.Stamp loadedStamp;
    private final AtomicReference<SourceState> lastReported = new AtomicReference<>(SourceState.UNCHANGED);

    ModelHandle(String name, WordvecProperties.Model config, ModelCache cache, WordvecProperties.Batching batching) {
        this.cache = cache;
        this.batching = batching;
        this.name = name;
        this.source = ModelSource.of(config.path()).withMember(config.member());
        this.configuredFormat = config.format();
        this.config = config;
    }

    public String name() {
        return name;
    }

    public ModelSource source() {
        return source;
    }

    public ModelFormat configuredFormat() {
        return configuredFormat;
    }

    public ModelStatus status() {
        return status;
    }

    /** Progress of the load under way or last finished, if any. */
    public Optional<LoadProgress> progress() {
        return Optional.ofNullable(progress);
    }

    /** The model, once ready. */
    public Optional<LoadedModel> loaded() {
        return Optional.ofNullable(loaded);
    }

    /** Why loading failed, once failed. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Whether the file still is what was loaded. Checked when asked (health, /models), and a
     * change is logged once, when first seen.
     */
    public SourceState sourceState() {
        Path path = source.path();
        ConvertedModel.Stamp loaded = loadedStamp;
        if (path == null || loaded == null || status != ModelStatus.READY) {
            return SourceState.UNKNOWN;
        }
        SourceState state;
        try {
            state = ConvertedModel.Stamp.of(path, configuredFormat).sameSource(loaded) ? SourceState.UNCHANGED
                    : SourceState.CHANGED;
        } catch (IOException e) {
            state = SourceState.MISSING;
        }
        if (lastReported.getAndSet(state) != state && state != SourceState.UNCHANGED) {
            log.warn("Model '{}': {} is {} since it was loaded; still answering from what was loaded, but the next "
                    + "start will {}", name, source.location(), state == SourceState.MISSING ? "gone" : "changed",
                    state == SourceState.MISSING ? "fail unless it comes back" : "load the new content");
        }
        return state;
    }

    /** Reads the file into the engine, logging progress; on failure the handle is FAILED and the error rethrown. */
    void load() throws ModelFileException {
        status = ModelStatus.LOADING;
        log.info("Loading model '{}' from {} (format {})", name, source.location(), configuredFormat.id());
        long started = System.nanoTime();
        try {
            recordSourceStamp();
            ParsedVectors parsed = cache.load(source, configuredFormat, config.limit(), this::onProgress);
            WordVectors vectors = new WordVectors(parsed.vocabulary(), parsed.matrix(), config.dtype());
            WordLookup lookup = new WordLookup(vectors.vocabulary(), config.caseFallback(), config.phrases());
            SentenceEncoder sentences = new SentenceEncoder(name, vectors, lookup, parsed.subwords());
            TokenWeights sif = TokenWeights.sif(vectors.vocabulary(), SIF_A);
            float[] component = null;
            if (config.sifReference() != null) {
                try {
                    component = SifReference.fit(Path.of(config.sifReference()), sentences, sif);
                } catch (ModelFileException | RuntimeException e) {
                    vectors.close();
                    throw e;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            SearchBatcher searches = new SearchBatcher(vectors, name, batching.workers(), batching.maxBatch(),
                    batching.maxWaitMicros());
            loaded = LoadedModel.of(new WordModel(name, vectors, searches, lookup, sentences, sif, config.oov(),
                    component, parsed.subwords()), parsed.format(), took);
            status = ModelStatus.READY;
            log.info("Loaded model '{}': {} words x {} dimensions ({}), {} MB of {}, in {} ms; lookup {}{}{}",
                    name, vectors.vocabulary().size(), vectors.dimension(), parsed.format().id(),
                    String.format("%.1f", vectors.matrixBytes() / 1e6), vectors.dtype().name().toLowerCase(),
                    took.toMillis(), lookup.forms(),
                    lookup.phraseWords() > 1 ? ", phrases of up to " + lookup.phraseWords() + " words" : "",
                    parsed.duplicates() > 0 ? "; " + parsed.duplicates() + " duplicated words skipped" : "");
        } catch (ModelFileException | RuntimeException e) {
            failure = e.getMessage();
            status = ModelStatus.FAILED;
            throw e;
        }
    }

    /** Taken before reading, so a change made while loading also shows as CHANGED. */
    private void recordSourceStamp() {
        if (source.path() != null) {
            try {
                loadedStamp = ConvertedModel.Stamp.of(source.path(), configuredFormat);
            } catch (IOException e) {
                loadedStamp = null; // the read that follows fails and says why
            }
        }
    }

    private void onProgress(LoadProgress p) {
        progress = p;
        if (p.totalBytes() > 0) {
            log.info("Loading model '{}': {} rows, {}% of {} MB, {} MB/s", name, p.rows(),
                    String.format("%.1f", p.percent()), String.format("%.1f", p.totalBytes() / 1e6),
                    String.format("%.1f", p.megabytesPerSecond()));
        } else {
            log.info("Loading model '{}': {} rows, {} MB read, {} rows/s", name, p.rows(),
                    String.format("%.1f", p.bytesRead() / 1e6), String.format("%.0f", p.rowsPerSecond()));
        }
    }

    /** Frees the engine's memory. */
    void close() {
        LoadedModel model = loaded;
        if (model != null) {
            loaded = null;
            status = ModelStatus.PENDING;
            model.words().close();
        }
    }
}
