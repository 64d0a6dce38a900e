package dev.wordvec.models;

import dev.wordvec.contextual.QueueBudget;
import dev.wordvec.download.Catalogue;
import dev.wordvec.download.HubDownload;
import dev.wordvec.formats.ModelFileException;
import dev.wordvec.formats.ModelCache;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.query.ModelSetting;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.RowBlocks;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The configured models by name, and which one answers when a request names none. Built from
 * configuration at start-up (failing on a configuration that cannot work), loaded by
 * {@link ModelLoader}.
 */
public final class ModelRegistry implements AutoCloseable {

    /** The English demo model shipped inside the jar, served when no model is configured (see {@code wordvec.built-in-model}). */
    public static final String BUILT_IN_NAME = "demo";
    public static final String BUILT_IN_LOCATION = "classpath:models/demo-57k-100d.vec.gz";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, ModelHandle> handles;
    private final String defaultName;
    private CompletableFuture<Void> loading;
    private volatile boolean closed;
    private final WordvecProperties.Admin admin;
    private final Catalogue catalogue;
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ModelRegistry.class);
    private static final double MIB = 1 << 20;

    /** Frees replaced models after the grace period, and checks watched files. */
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "wordvec-model-reloads");
        thread.setDaemon(true);
        return thread;
    });
    /** Replaced models whose memory is not freed yet. */
    private final Set<LoadedModel> retiring = ConcurrentHashMap.newKeySet();
    /** The requests being served, each counted by the models it takes; the adapter that runs them opens each. */
    private final RequestScope requests = new RequestScope();
    /** How long past its grace a replaced model waits for the requests that took it before its swap. */
    static final java.time.Duration LONGEST_HOLD = java.time.Duration.ofMinutes(10);
    private static final long RECHECK_MILLIS = 100;
    /** Converted copies of the models, some written after their model is ready. */
    private final ModelCache cache;
    /** The heap that contextual requests waiting for their runs may hold, all contextual models together. */
    private final QueueBudget queueBudget;

    public ModelRegistry(WordvecProperties properties) {
        this.cache = new ModelCache(!properties.cache() ? null : properties.cacheDir() == null
                ? ModelCache.defaultDirectory() : Path.of(properties.cacheDir()), RowBlocks.DEFAULT_BLOCK_BYTES);
        // Sorted by name: configuration from environment variables has no order of its own.
        Map<String, ModelHandle> byName = new LinkedHashMap<>();
        Map<String, WordvecProperties.Model> models = new TreeMap<>(properties.models());
        this.queueBudget = properties.batching().queueBudget();
        if (models.isEmpty()) {
            byName.put(BUILT_IN_NAME, new ModelHandle(BUILT_IN_NAME, WordvecProperties.Model.of(properties.builtInModel(), ModelFormat.AUTO), cache,
                    properties.batching(), queueBudget, null, null, properties.intraOpThreads(), requests));
        }
        Path downloads = (properties.cacheDir() == null ? ModelCache.defaultDirectory() : Path.of(properties.cacheDir()))
                .resolve("downloads");
        Catalogue catalogue = properties.catalogue().file() == null ? Catalogue.builtIn()
                : Catalogue.read(ModelSource.filePath(properties.catalogue().file()));
        this.catalogue = catalogue;
        refuseNamesDifferingOnlyInCase(models.keySet());
        models.forEach((name, model) -> {
            if (!NAME.matcher(name).matches()) {
                throw new ModelConfigurationException(ModelSetting.of(name) + ": a model name is 1 to 64 letters "
                        + "a-z or A-Z, digits, '.', '_' or '-'",
                        "Rename the model: its name appears in URLs and metrics.");
            }
            boolean path = model.path() != null && !model.path().isBlank();
            boolean named = model.source() != null && !model.source().isBlank();
            if (model.kind() == ModelKind.CONTEXTUAL && named && (path || !model.source().startsWith("hf:"))) {
                throw new ModelConfigurationException(ModelSetting.of(name) + ": a contextual model's 'source' is a "
                        + "sentence-transformers model on the Hugging Face Hub, hf:OWNER/NAME[@REVISION], and comes "
                        + "without 'path'; leave both unset for the built-in all-MiniLM-L6-v2, or set 'path' to a "
                        + "directory with model.onnx and tokenizer.json", path ? "Set " + ModelSetting.of(name, "path")
                        + " or " + ModelSetting.of(name, "source") + ", not both."
                        : "Set " + ModelSetting.of(name, "source") + " to hf:OWNER/NAME, or remove it.");
            }
            if (model.kind() == ModelKind.CONTEXTUAL && model.quantized() && (path || named)) {
                // It chose the built-in network's int8 file; on a network of one's own it would only have
                // run each text alone and called a float32 network int8 in /models.
                throw new ModelConfigurationException(ModelSetting.of(name, "quantized") + " takes the built-in "
                        + "all-MiniLM-L6-v2's int8 version, and this model names its own network ('" + (path ? "path"
                        : "source") + "'); a network that quantises its activations as it runs is recognised from "
                        + "its file", "Remove " + ModelSetting.of(name, "quantized") + (path ? ", or point "
                        + ModelSetting.of(name, "path") + " at the export's quantised network, such as "
                        + "onnx/model_qint8_avx512_vnni.onnx." : ", or download the model (the download command, "
                        + "with --onnx naming the quantised network) and point path at it."));
            }
            List<String> misplaced = settingsOfTheOtherKind(model);
            if (!misplaced.isEmpty()) {
                String kind = model.kind() == ModelKind.CONTEXTUAL ? "a contextual model (a sentence encoder)"
                        : "a word-vector model";
                throw new ModelConfigurationException(ModelSetting.of(name) + ": " + String.join(", ", misplaced)
                        + (misplaced.size() == 1 ? " does" : " do") + " not apply to " + kind,
                        "Remove " + misplaced.stream().map(key -> ModelSetting.of(name, key))
                        .collect(java.util.stream.Collectors.joining(", ")) + (model.kind() == ModelKind.CONTEXTUAL
                        ? "." : ", or set " + ModelSetting.of(name, "kind")
                        + "=contextual if it is a sentence encoder."));
            }
            List<String> hnsw = hnswSettingsGiven(model.hnsw());
            if (model.index() != WordvecProperties.IndexKind.HNSW && !hnsw.isEmpty()) {
                String keys = hnsw.stream().map(key -> ModelSetting.of(name, "hnsw." + key))
                        .collect(java.util.stream.Collectors.joining(", "));
                throw new ModelConfigurationException(keys + (hnsw.size() == 1 ? " applies" : " apply")
                        + " to an HNSW index, and the model has none (" + ModelSetting.of(name, "index") + " is none)",
                        model.kind() == ModelKind.CONTEXTUAL ? "Remove " + keys + ": a contextual model has no index."
                        : "Set " + ModelSetting.of(name, "index") + "=hnsw, or remove " + keys + ".");
            }
            // A contextual model without a path is the built-in one; any other model names one file.
            if (model.kind() != ModelKind.CONTEXTUAL && path == named) {
                throw new ModelConfigurationException(ModelSetting.of(name) + ": set 'path' (a file) or 'source' (a "
                        + "catalogue name, see GET /catalogue), one of the two",
                        "Set " + ModelSetting.of(name, "path") + " or " + ModelSetting.of(name, "source")
                                + (path ? ", not both." : "."));
            }
            CatalogueDownload download = null;
            HubSource hub = null;
            if (named && model.kind() == ModelKind.CONTEXTUAL) {
                try {
                    hub = HubSource.of(model.source(), downloads, HubDownload.fromEnvironment(System.getenv(),
                            properties.catalogue().hub(), properties.catalogue().attempts(),
                            properties.catalogue().backOff()));
                } catch (IllegalArgumentException e) {
                    throw new ModelConfigurationException(ModelSetting.of(name, "source") + ": " + e.getMessage(),
                            "Name a model as hf:sentence-transformers/all-MiniLM-L6-v2 names one.");
                }
            } else if (named) {
                Catalogue.Entry entry;
                try {
                    entry = catalogue.entry(model.source());
                } catch (IllegalArgumentException e) {
                    throw new ModelConfigurationException(ModelSetting.of(name, "source") + ": " + e.getMessage(),
                            "Name one of the catalogue's models, listed above, or set " + ModelSetting.of(name, "path")
                            + " to a file instead.");
                }
                download = new CatalogueDownload(entry, catalogue.url(entry, properties.catalogue().mirror()),
                        downloads.resolve(entry.fileName()), properties.catalogue().mirror() != null,
                        properties.catalogue().attempts(), properties.catalogue().backOff());
            }
            // The built-in model's classpath location names it wherever this installation keeps it
            // (the container image: a file in a layer of its own, wordvec.built-in-model).
            WordvecProperties.Model located = BUILT_IN_LOCATION.equals(model.path())
                    ? model.withPath(properties.builtInModel()) : model;
            if (model.watch() && (located.path() == null || located.path().startsWith("classpath:"))) {
                // Nothing could ever change: the watch would look at it for ever and do nothing.
                throw new ModelConfigurationException(ModelSetting.of(name, "watch") + " is true, and the model has "
                        + (located.path() == null ? "no file of its own to watch (" + (named ? "it is downloaded to "
                        + "the cache directory" : "the built-in encoder, inside the jar") + ")"
                        : "no file on disk to watch: " + located.path() + " is inside the jar"),
                        "Remove " + ModelSetting.of(name, "watch") + ", or point " + ModelSetting.of(name, "path")
                        + " at a file on disk.");
            }
            byName.put(name, new ModelHandle(name, located, cache, properties.batching(), queueBudget, download, hub,
                    properties.intraOpThreads(), requests));
        });
        this.handles = Collections.unmodifiableMap(byName);
        this.defaultName = chooseDefault(properties.defaultModel(), byName);
        this.admin = properties.admin();
        List<ModelHandle> watched = models.entrySet().stream().filter(e -> e.getValue().watch())
                .map(e -> byName.get(e.getKey())).toList();
        if (!watched.isEmpty()) {
            long every = Math.max(1, admin.watchInterval().toMillis());
            background.scheduleWithFixedDelay(() -> watched.forEach(this::reloadIfSettled), every, every,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Loads model {@code name} again from its file, beside the one answering, and swaps it in; the
     * replaced model is freed after {@code wordvec.admin.reload-grace}, once the requests that took
     * it before the swap ({@link #requestScope()}) have ended.
     *
     * @return the version now answering
     * @throws ModelReloadException when the file cannot be loaded (the old version keeps answering)
     * @throws IllegalStateException when the model is not ready or is being reloaded already
     */
    public int reload(String name) {
        return handle(name).reload(this::retire);
    }

    private void retire(LoadedModel old, RequestsInFlight.Period before) {
        retiring.add(old);
        long deadline = System.nanoTime() + admin.reloadGrace().toNanos() + LONGEST_HOLD.toNanos();
        background.schedule(() -> freeOnceEnded(old, before, deadline), admin.reloadGrace().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Frees a replaced model once the requests that took it before its swap have ended, checking again
     * every {@link #RECHECK_MILLIS} until they have; a request still on it after
     * {@link #LONGEST_HOLD} more (one stuck, or streaming to a client that stopped reading) is
     * not waited for: the memory is freed, and that request fails with model-closed.
     */
    private void freeOnceEnded(LoadedModel old, RequestsInFlight.Period before, long deadline) {
        boolean ended = before.ended();
        if (!ended && System.nanoTime() - deadline < 0 && !closed) {
            background.schedule(() -> freeOnceEnded(old, before, deadline), RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (!ended) {
            log.warn("Model '{}': freeing the replaced version, though requests that took it before the swap are still "
                    + "running after {} more than the reload grace; any still on it fail with model-closed",
                    old.name(), LONGEST_HOLD);
        }
        free(old);
    }

    /**
     * Frees a replaced model once its grace period is over, then collects what loading its
     * successor left behind. Not at the swap itself: a full collection stops every thread, and
     * requests still finishing on the old model would then run past their grace.
     */
    private void free(LoadedModel old) {
        if (retiring.remove(old)) {
            old.close();
            if (!closed && old.hasWords()) {
                releaseLoadingMemory("Model '" + old.name() + "'");
            }
        }
    }

    /** Reloads a watched model whose file changed and then stayed as it is for one interval (its writer is done). */
    private void reloadIfSettled(ModelHandle handle) {
        if (closed || handle.status() != ModelStatus.READY) {
            return;
        }
        boolean settled = handle.stampSettled();
        if (settled && handle.sourceState() == SourceState.CHANGED) {
            try {
                int version = handle.reload(this::retire);
                log.info("Model '{}' reloaded from its changed file: version {}",
                        handle.name(), version);
            } catch (RuntimeException e) {
                // Logged by the handle; the old version answers, and the next change tries again.
            }
        }
    }

    private static String chooseDefault(String configured, Map<String, ModelHandle> byName) {
        if (configured != null && !configured.isBlank()) {
            if (!byName.containsKey(configured)) {
                throw new ModelConfigurationException("wordvec.default-model is '" + configured
                        + "', but the configured models are " + byName.keySet(),
                        "Set wordvec.default-model to one of " + byName.keySet() + ".");
            }
            return configured;
        }
        if (byName.size() > 1) {
            throw new ModelConfigurationException("wordvec.default-model is not set, and several models are configured: "
                    + byName.keySet(), "Set wordvec.default-model to the model that answers requests that name "
                    + "none, one of " + byName.keySet() + ".");
        }
        return byName.keySet().iterator().next();
    }

    public String defaultName() {
        return defaultName;
    }

    /** The contextual models' queue bound, shared by them all. */
    public QueueBudget queueBudget() {
        return queueBudget;
    }

    public Collection<ModelHandle> handles() {
        return handles.values();
    }

    /**
     * The settings given that belong to the other kind of model: a contextual model's network
     * settings on a word-vector model, or a word-vector file's on a contextual one. Each would
     * otherwise be ignored without a word.
     */
    private static List<String> settingsOfTheOtherKind(WordvecProperties.Model model) {
        List<String> keys = new ArrayList<>();
        if (model.kind() != ModelKind.CONTEXTUAL) {
            addIf(keys, model.quantized(), "quantized");
            addIf(keys, model.pooling() != null, "pooling");
            addIf(keys, model.normalize() != null, "normalize");
            addIf(keys, model.maxTokens() != null, "max-tokens");
            addIf(keys, !model.prompts().isEmpty(), "prompts");
            addIf(keys, model.defaultPromptName() != null, "default-prompt-name");
            return keys;
        }
        WordvecProperties.Model defaults = WordvecProperties.Model.of(null, ModelFormat.AUTO);
        addIf(keys, model.format() != ModelFormat.AUTO && model.format() != ModelFormat.ONNX, "format");
        addIf(keys, model.caseFallback() != null, "case-fallback");
        addIf(keys, !model.phrases(), "phrases");
        addIf(keys, model.oov() != null, "oov");
        addIf(keys, model.sifReference() != null, "sif-reference");
        addIf(keys, model.limit() != 0, "limit");
        addIf(keys, model.dtype() != defaults.dtype(), "dtype");
        addIf(keys, model.member() != null, "member");
        addIf(keys, model.unicodeErrors() != defaults.unicodeErrors(), "unicode-errors");
        addIf(keys, model.index() != WordvecProperties.IndexKind.NONE, "index");
        return keys;
    }

    /** The HNSW settings that differ from their defaults, as a configuration names them. */
    private static List<String> hnswSettingsGiven(WordvecProperties.Hnsw hnsw) {
        WordvecProperties.Hnsw defaults = WordvecProperties.Hnsw.DEFAULTS;
        List<String> keys = new ArrayList<>();
        addIf(keys, hnsw.m() != defaults.m(), "m");
        addIf(keys, hnsw.beamWidth() != defaults.beamWidth(), "beam-width");
        addIf(keys, hnsw.efSearch() != defaults.efSearch(), "ef-search");
        addIf(keys, hnsw.threads() != defaults.threads(), "threads");
        return keys;
    }

    private static void addIf(List<String> keys, boolean given, String key) {
        if (given) {
            keys.add(key);
        }
    }

    /**
     * Where requests are counted as they begin and end: an adapter that serves requests opens the
     * scope for each one, so that a model it takes is not freed under it by a reload.
     */
    public RequestScope requestScope() {
        return requests;
    }

    /** The handle of {@code name}, or of the default model when {@code name} is null. */
    public ModelHandle handle(String name) {
        ModelHandle handle = handles.get(name == null ? defaultName : name);
        if (handle == null) {
            throw new UnknownModelException(name, handles.keySet());
        }
        return handle;
    }

    /** The model named {@code name} (the default when null), ready to answer. */
    public LoadedModel require(String name) {
        ModelHandle handle = handle(name);
        return handle.loaded().orElseThrow(() -> new ModelNotReadyException(handle.name(), handle.status()));
    }

    /**
     * The model a request names, in its query ({@code ?model=}) or its body (the two must agree);
     * null, for the default model, when it names none. For {@link #require(String)}.
     *
     * @throws InvalidRequestException when the query and the body name two models
     */
    public static String named(String queryParameter, String bodyField) {
        if (queryParameter != null && bodyField != null && !queryParameter.equals(bodyField)) {
            throw new InvalidRequestException("model", "the request names two models: '" + queryParameter
                    + "' in the query and '" + bodyField + "' in the body");
        }
        return queryParameter != null ? queryParameter : bodyField;
    }

    /** The models that {@code source} can name. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** Each configured model as an operator sees it, in name order. */
    public java.util.List<ModelSummary> summaries() {
        return handles.values().stream().map(h -> ModelSummary.of(h, h.name().equals(defaultName))).toList();
    }

    /**
     * Starts loading every model on a thread of its own (once), so that the engine's start and
     * the load overlap the rest of the application's start-up; {@link #awaitLoaded} waits for it.
     * The thread inherits this thread's context class loader, which DJL needs to find its engine.
     */
    public synchronized void startLoading(int intraOpThreads) {
        if (loading != null) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loading = done;
        Thread loader = new Thread(() -> {
            try {
                PyTorchEngine.start(intraOpThreads);
                loadAll(false);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "wordvec-model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /** Waits for the load {@link #startLoading} started; throws what stopped it. */
    public void awaitLoaded() throws ModelFileException {
        CompletableFuture<Void> done;
        synchronized (this) {
            done = loading;
        }
        if (done == null) {
            throw new IllegalStateException("startLoading was not called");
        }
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while models load", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelFileException file) {
                throw file;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Loads every model that is not loaded yet, in name order, collecting what each word model's
     * load left; stops at the first failure, or when closed.
     */
    public void loadAll() throws ModelFileException {
        loadAll(true);
    }

    /** @param releaseEach collect after each word model; else the start-up does, once ({@link #releaseStartupMemory}) */
    private void loadAll(boolean releaseEach) throws ModelFileException {
        for (ModelHandle handle : handles.values()) {
            if (closed) {
                return;
            }
            if (handle.status() != ModelStatus.READY) {
                handle.load();
                if (releaseEach && hasWords(handle)) {
                    releaseLoadingMemory("Model '" + handle.name() + "'");
                }
            }
            if (closed) {
                // Closed while this model loaded (start-up failed elsewhere): free it now.
                handle.close();
            }
        }
    }

    private static boolean hasWords(ModelHandle handle) {
        return handle.loaded().map(LoadedModel::hasWords).orElse(false);
    }

    /**
     * Makes the converted copies that loads write after their model is ready
     * ({@link ModelCache#holdCopies}) wait for {@link #finishStartup}: the service's start
     * holds them until it is about to report ready ({@link ModelLoader}).
     */
    public void holdConvertedCopies() {
        cache.holdCopies();
    }

    /**
     * The end of the start-up, when the application is about to report ready ({@link ModelLoader}):
     * lets the converted copies held by {@link #holdConvertedCopies} be written and, once they are,
     * collects what the loads left ({@link #releaseStartupMemory}).
     */
    public void finishStartup() {
        cache.releaseCopies().whenComplete((written, failed) -> releaseStartupMemory());
    }

    /**
     * Collects, once, what the start-up's loads left, at the end of the start-up and after the
     * copies held until then are written. Not as each load ends: the loads begin before the context
     * ({@link EarlyModels}) and often end while Spring is still starting, and a collection then
     * leaves room for the heap Spring grows afterwards, under the JVM's default free ratios
     * ({@code IdleMemoryRelease} sets its own when the context starts). Measured on a 400,000 x 300
     * text: 868 to 901 MiB resident 5 s after ready with the collection at the load's end, 787 to
     * 798 MiB before the early load. Not before the copies either: a pending copy keeps what the
     * parse made reachable, and writing it leaves garbage of its own (859 and 867 MiB 5 s after
     * ready with the collection before a held copy was written, 794 with no copy to write).
     */
    void releaseStartupMemory() {
        List<String> words = handles.values().stream().filter(ModelRegistry::hasWords).map(ModelHandle::name).toList();
        if (!words.isEmpty()) {
            releaseLoadingMemory(words.size() == 1 ? "Model '" + words.get(0) + "'" : "Models " + words);
        }
    }

    /**
     * Gives back what loading needed and no longer holds: the parser's buffers (its batches, and
     * direct blocks, which only a GC frees: a small first block, and before the parse sized its
     * matrix, about 1.5 GB for a 400,000 x 300 text), the float32 rows a float16 or int8 copy was
     * made from, and the heap the parse grew. Without this, a JVM with the default heap (a quarter
     * of the machine's memory) keeps them for hours: measured on a 400,000 x 300 GloVe text with no
     * JVM flags, 2,480 MiB resident at ready before, 876 after (1,277 and 794 with the sized parse).
     * One full collection per load (at start-up, one for all; for a reload, once the old version
     * is freed), on a heap that is mostly garbage: tens of milliseconds. Direct buffers are freed
     * by their cleaners shortly after the collection, so the memory given back is logged a few
     * seconds later.
     */
    void releaseLoadingMemory(String models) {
        double before = ModelMetrics.residentBytes();
        long started = System.nanoTime();
        System.gc();
        long took = (System.nanoTime() - started) / 1_000_000;
        if (!Double.isNaN(before) && !closed) {
            try {
                background.schedule(() -> log.info("{}: collected what loading left ({} ms); resident {} "
                        + "MiB before, {} MiB now", models, took, Math.round(before / MIB),
                        Math.round(ModelMetrics.residentBytes() / MIB)), 3, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: nobody is left to read it
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
        retiring.forEach(this::free);
        handles.values().forEach(ModelHandle::close);
        cache.close();
    }

    /**
     * Spring Boot matches a setting's name without regard to case: with {@code wordvec.models.glove.path}
     * and {@code wordvec.models.GloVe.path} set, both models read the first of them, and served one
     * file. Such names are refused rather than served with one model's settings.
     */
    private static void refuseNamesDifferingOnlyInCase(Set<String> names) {
        Map<String, String> byLowerCase = new TreeMap<>();
        for (String name : names) {
            String other = byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                throw new ModelConfigurationException(ModelSetting.of(other) + " and " + ModelSetting.of(name)
                        + " differ only in case, which the names of settings do not tell apart: both would be "
                        + "read from one model's settings", "Give the models names that differ in more than case.");
            }
        }
    }
}
