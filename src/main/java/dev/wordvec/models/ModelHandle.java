package dev.wordvec.models;

import dev.wordvec.contextual.ContextualEncoder;
import dev.wordvec.contextual.QueueBudget;
import dev.wordvec.contextual.DirectorySettings;
import dev.wordvec.contextual.Prompts;
import dev.wordvec.contextual.EncoderFiles;
import dev.wordvec.contextual.SentenceTransformer;
import dev.wordvec.download.Catalogue;
import dev.wordvec.download.DownloadLock;
import dev.wordvec.download.ResumableDownload;
import dev.wordvec.formats.ConvertedModel;
import dev.wordvec.formats.LoadProgress;
import dev.wordvec.index.HnswIndex;
import dev.wordvec.index.HnswSettings;
import dev.wordvec.index.IndexProgress;
import dev.wordvec.formats.ModelFileException;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelCache;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.query.ModelSetting;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.query.TokenWeights;
import dev.wordvec.query.WordModel;
import dev.wordvec.vectors.Dtype;
import dev.wordvec.vectors.SearchBatcher;
import dev.wordvec.vectors.Subwords;
import dev.wordvec.vectors.WordLookup;
import dev.wordvec.vectors.WordVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
    /** The heap that contextual requests waiting for their runs may hold, shared by all models. */
    private final QueueBudget queueBudget;
    private volatile ModelStatus status = ModelStatus.PENDING;
    private volatile LoadProgress progress;
    /**
     * While the model's file is fetched: {@code waiting} for another's download of it (a service
     * sharing the cache directory), then {@code downloading}; null otherwise. A failed download
     * keeps it, saying where the load stopped.
     */
    private volatile String downloadStage;
    /** The HNSW index being built, once the rows are read; null otherwise. */
    private volatile IndexProgress indexProgress;
    private volatile LoadedModel loaded;
    private volatile String failure;
    /** The file's size and fingerprint when it was loaded, for its HNSW index; null without an index or a file. */
    private volatile ConvertedModel.Stamp loadedStamp;
    /** The file as the file system described it when it was loaded; null for a classpath resource. */
    private volatile FileIdentity loadedIdentity;
    private final AtomicReference<SourceState> lastReported = new AtomicReference<>(SourceState.UNCHANGED);
    /** How many times the model was loaded: 1 after start-up, one more for each reload. */
    private volatile int version;
    private volatile Instant loadedAt;
    private final ReentrantLock reloading = new ReentrantLock();
    /** The file at the watch's last look, and the file a reload last failed on. */
    private volatile FileIdentity lastSeen;
    private volatile FileIdentity failedOn;
    /** The last reload's failure, while no reload has succeeded since: an operator's only sign besides the log. */
    private volatile ModelSummary.ReloadFailure reloadFailure;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failedReloads = new AtomicLong();

    /** Threads of one engine run (a contextual network's ONNX Runtime session; PyTorch's are set globally). */
    private final int intraOpThreads;

    /** For a model named by {@code source}: what to download, and where; else null. */
    private final CatalogueDownload download;
    /** For a contextual model named by {@code source: hf:...}: the Hub's model, and its folder; else null. */
    private final HubSource hub;
    /** The commit of the Hub model's files in its folder, once they are there whole. */
    private volatile String hubCommit;

    /** The requests that took this model, by the swap they took it after; counted through {@link #scope}. */
    private final RequestsInFlight requests = new RequestsInFlight();
    private final RequestScope scope;

    ModelHandle(String name, WordvecProperties.Model config, ModelCache cache, WordvecProperties.Batching batching,
            QueueBudget queueBudget, CatalogueDownload download, HubSource hub, int intraOpThreads,
            RequestScope scope) {
        this.scope = scope;
        this.intraOpThreads = intraOpThreads;
        this.cache = cache;
        this.batching = batching;
        this.queueBudget = queueBudget;
        this.name = name;
        this.download = download;
        this.hub = hub;
        this.source = hub != null ? ModelSource.of(hub.folder().toString())
                : download == null ? ModelSource.of(location(config)).withMember(config.member())
                : ModelSource.of(download.file().toString()).withMember(config.member() != null ? config.member()
                        : download.entry().member());
        this.configuredFormat = config.kind() == ModelKind.CONTEXTUAL ? ModelFormat.ONNX : config.format();
        this.config = config;
    }

    /** The configured path; for the built-in contextual model, its network's place on the class path. */
    private static String location(WordvecProperties.Model config) {
        if (config.kind() == ModelKind.CONTEXTUAL && (config.path() == null || config.path().isBlank())) {
            return EncoderFiles.builtIn(config.quantized()).location();
        }
        return config.path();
    }

    public String name() {
        return name;
    }

    public ModelSource source() {
        return source;
    }

    public ModelKind kind() {
        return config.kind();
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

    /** {@code waiting} or {@code downloading} while the model's file is fetched (see {@link #progress()}). */
    public Optional<String> downloadStage() {
        return Optional.ofNullable(downloadStage);
    }

    /** The HNSW index build under way, if any. */
    public Optional<IndexProgress> indexProgress() {
        return Optional.ofNullable(indexProgress);
    }

    /** Whether a reload is under way, beside the version answering. */
    public boolean reloadUnderWay() {
        return reloading.isLocked();
    }

    /**
     * The model, once ready. The request this thread serves, if any, is counted as holding it
     * until it ends (before it is read: see {@link RequestsInFlight}), so that a reload does not
     * free the version it gets under it.
     */
    public Optional<LoadedModel> loaded() {
        scope.taking(requests);
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
        FileIdentity loaded = loadedIdentity;
        if (path == null || loaded == null || status != ModelStatus.READY) {
            return SourceState.UNKNOWN;
        }
        SourceState state;
        try {
            state = sourceIdentity().equals(loaded) ? SourceState.UNCHANGED : SourceState.CHANGED;
        } catch (IOException e) {
            state = SourceState.MISSING;
        }
        if (lastReported.getAndSet(state) != state && state != SourceState.UNCHANGED) {
            if (config.watch() && state == SourceState.CHANGED) {
                // What the watch is for: the reload follows, and says how it went.
                log.info("Model '{}': {} is changed since it was loaded; the watch reloads it once the file stays "
                        + "as it is for one interval", name, source.location());
            } else {
                log.warn("Model '{}': {} is {} since it was loaded; still answering from what was loaded, but the "
                        + "next start will {}", name, source.location(), state == SourceState.MISSING ? "gone"
                        : "changed", state == SourceState.MISSING ? "fail unless it comes back"
                        : "load the new content");
            }
        }
        return state;
    }

    /**
     * True when the file is as it was at the last look: a file still being written changes
     * between two looks, and is not reloaded half-written.
     */
    boolean stampSettled() {
        try {
            FileIdentity now = source.path() == null ? null : sourceIdentity();
            // A file that already failed to load is not tried again until it changes.
            boolean settled = now != null && now.equals(lastSeen) && !now.equals(failedOn);
            lastSeen = now;
            return settled;
        } catch (IOException e) {
            return false;
        }
    }

    /** How many times the model was loaded (0 before the first load ends). */
    public int version() {
        return version;
    }

    /** Whether the model is named by {@code source} (a catalogue name, or the Hub) rather than by a path. */
    public boolean fetched() {
        return download != null || hub != null;
    }

    /** For a model fetched from the Hugging Face Hub: which, at what revision, and the commit its files are from. */
    public Optional<ModelSummary.Hub> hubOrigin() {
        String commit = hubCommit;
        return hub == null || commit == null ? Optional.empty()
                : Optional.of(new ModelSummary.Hub(hub.repository(), hub.revision(), commit));
    }

    /** The last reload's failure, unless a reload has succeeded since. */
    public Optional<ModelSummary.ReloadFailure> reloadFailure() {
        return Optional.ofNullable(reloadFailure);
    }

    /** Reloads that swapped a new version in. */
    public long reloads() {
        return reloads.get();
    }

    /** Reloads that failed, leaving the version before answering. */
    public long failedReloads() {
        return failedReloads.get();
    }

    /** When the model now answering was loaded; null before. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** Reads the file into the engine, logging progress; on failure the handle is FAILED and the error rethrown. */
    void load() throws ModelFileException {
        status = ModelStatus.LOADING;
        log.info("Loading model '{}' from {} (format {})", name, source.location(), configuredFormat.id());
        try {
            fetchIfMissing();
            recordSourceStamp();
            loaded = read();
            version++;
            loadedAt = Instant.now();
            status = ModelStatus.READY;
        } catch (ModelFileException | RuntimeException e) {
            failure = e.getMessage();
            status = ModelStatus.FAILED;
            throw e;
        }
    }

    /**
     * Loads the file again beside the model answering now, then puts it in its place at once:
     * requests that already hold the old model finish on it, and {@code retire} frees its native
     * memory later, once the requests counted in the period the swap closed have ended. A failed
     * reload changes nothing and throws why.
     *
     * @return the new version
     * @throws ModelReloadException when the file cannot be loaded (the old model keeps answering)
     * @throws IllegalStateException when the model is not ready, or another reload is under way
     */
    int reload(java.util.function.BiConsumer<LoadedModel, RequestsInFlight.Period> retire) {
        if (!reloading.tryLock()) {
            throw new IllegalStateException("a reload of model '" + name + "' is already under way");
        }
        try {
            LoadedModel old = loaded;
            if (status != ModelStatus.READY || old == null) {
                throw new IllegalStateException("model '" + name + "' is " + status.name().toLowerCase(Locale.ROOT)
                        + "; only a ready model is reloaded");
            }
            ConvertedModel.Stamp before = loadedStamp;
            FileIdentity identityBefore = loadedIdentity;
            log.info("Reloading model '{}' from {} beside version {}", name, source.location(), version);
            try {
                progress = null; // the first load's last report is not this reload's
                recordSourceStamp();
                LoadedModel fresh = read();
                loaded = fresh;
                version++;
                loadedAt = Instant.now();
                lastReported.set(SourceState.UNCHANGED);
                reloadFailure = null;
                reloads.incrementAndGet();
                retire.accept(old, requests.swapped());
                return version;
            } catch (ModelFileException | RuntimeException e) {
                failedOn = loadedIdentity;
                loadedStamp = before;
                loadedIdentity = identityBefore;
                reloadFailure = new ModelSummary.ReloadFailure(Instant.now().toString(), e.getMessage());
                failedReloads.incrementAndGet();
                log.warn("Reload of model '{}' failed; version {} keeps answering: {}", name, version, e.getMessage());
                throw new ModelReloadException(name, version, e);
            }
        } finally {
            reloading.unlock();
        }
    }

    /** The file read into a new model, logging progress. */
    private LoadedModel read() throws ModelFileException {
        if (config.kind() == ModelKind.CONTEXTUAL) {
            return readContextual();
        }
        long started = System.nanoTime();
        // A float32 model serves the parsed matrix as it is, so the converted copy for later starts
        // can be written after this one is ready; float16 and int8 drop the float32 rows once
        // converted, which a copy still being written would keep.
        ParsedVectors parsed = cache.load(source, configuredFormat, config.limit(), config.unicodeErrors(),
                this::onProgress, config.dtype() == Dtype.FLOAT32);
        WordVectors vectors = new WordVectors(parsed.vocabulary(), parsed.matrix(), config.dtype());
        WordLookup lookup = new WordLookup(vectors.vocabulary(), config.caseFallback(parsed.subwords() != null),
                config.phrases());
        // The n-gram rows take the model's dtype too (fastText's cc.en.300.bin: 2.4 GB in float32).
        Subwords subwords = parsed.subwords() == null ? null : parsed.subwords().in(config.dtype());
        if (config.oov() == WordvecProperties.UnknownWords.SUBWORD && (subwords == null || !subwords.hasNgrams())) {
            vectors.close();
            throw new ModelConfigurationException(ModelSetting.of(name, "oov") + " is 'subword', which answers unknown "
                    + "words from a fastText model's character n-grams; model '" + name + "' ("
                    + parsed.format().id() + ") has none", "Set " + ModelSetting.of(name, "oov")
                    + " to error, skip or zero (or leave it out), or load the model from a fastText .bin or a "
                    + "gensim FastText model, whose n-grams answer unknown words.");
        }
        SentenceEncoder sentences = new SentenceEncoder(name, vectors, lookup, subwords);
        TokenWeights sif = TokenWeights.sif(vectors.vocabulary(), SIF_A);
        float[] component = null;
        if (config.sifReference() != null) {
            try {
                component = SifReference.fit(ModelSource.filePath(config.sifReference()), sentences, sif);
            } catch (ModelFileException | RuntimeException e) {
                vectors.close();
                throw e;
            }
        }
        HnswIndex index;
        try {
            index = config.index() == WordvecProperties.IndexKind.HNSW ? openIndex(vectors) : null;
        } catch (RuntimeException e) {
            vectors.close();
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        SearchBatcher searches = new SearchBatcher(vectors, name, batching.workers(), batching.maxBatch(),
                batching.maxWaitMicros());
        OovPolicy oov = config.oov() == null ? null : config.oov().policy();
        LoadedModel model = LoadedModel.of(new WordModel(name, vectors, searches, lookup, sentences, sif, oov,
                component, subwords, index), parsed.format(), took);
        log.info("Loaded model '{}': {} words x {} dimensions ({}), {} MB of {}, in {} ms; lookup {}{}{}",
                name, vectors.vocabulary().size(), vectors.dimension(), parsed.format().id(),
                fixed(vectors.matrixBytes() / 1e6, 1), vectors.dtype().name().toLowerCase(Locale.ROOT),
                took.toMillis(), lookup.forms().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList(),
                lookup.phraseWords() > 1 ? ", phrases of up to " + lookup.phraseWords() + " words" : "",
                parsed.duplicates() > 0 ? "; " + parsed.duplicates() + " duplicated words skipped" : "");
        if (vectors.queryRowsLimited()) {
            log.info("Model '{}': nearest-word searches score {} to {} queries a product (padding fewer), since this "
                    + "CPU's matrix product sums other widths in another order and an answer must not depend on its "
                    + "batch; a search that arrives alone pays for that", name, vectors.fewestQueryRows(),
                    vectors.mostQueryRows());
        }
        warnOfByteOrderMark(parsed);
        return model;
    }

    /** What {@link ParsedVectors#firstWordAfterByteOrderMark} finds, said once in the log with how the word answers. */
    private void warnOfByteOrderMark(ParsedVectors parsed) {
        parsed.firstWordAfterByteOrderMark().ifPresent(plain -> log.warn("Model '{}': the file starts with a "
                + "byte-order mark (U+FEFF), kept as part of its first word as gensim keeps it: that word answers as "
                + "'\\uFEFF{}' (%EF%BB%BF{} in a URL), not as '{}'; save the file without the mark to look it up "
                + "plainly", name, plain, plain, plain));
    }

    /**
     * The model's HNSW index: mapped from beside the converted cache when a fresh one is there,
     * else built (progress in the log and in {@code /models}) and kept there.
     */
    private HnswIndex openIndex(WordVectors vectors) {
        WordvecProperties.Hnsw hnsw = config.hnsw();
        HnswSettings settings = new HnswSettings(hnsw.m(), hnsw.beamWidth(), hnsw.efSearch(), hnsw.threads());
        Path file = cache.companionFile(source, configuredFormat, config.limit(), config.unicodeErrors(),
                HnswIndex.fileSuffix(vectors.dtype(), settings));
        ConvertedModel.Stamp stamp = loadedStamp;
        try {
            return HnswIndex.open(vectors, settings, file, stamp == null ? 0 : stamp.size(),
                    stamp == null ? 0 : stamp.fingerprint(), this::onIndexProgress);
        } finally {
            indexProgress = null;
        }
    }

    private void onIndexProgress(IndexProgress p) {
        indexProgress = p;
        // Reported about once a second for /models; logged every fifth time, and at the end.
        if (p.nodes() < p.total() && p.elapsedNanos() / 1_000_000_000L % 5 != 0) {
            return;
        }
        long left = p.secondsLeft();
        log.info("Indexing model '{}' (HNSW): {} of {} words, {}%, {} words/s{}", name, p.nodes(), p.total(),
                fixed(p.percent(), 1), fixed(p.nodesPerSecond(), 0),
                left < 0 ? "" : ", about " + left + " s left");
    }

    /** A sentence encoder: the built-in MiniLM from the class path, or a directory's ONNX export. */
    private LoadedModel readContextual() throws ModelFileException {
        long started = System.nanoTime();
        SentenceTransformer.Settings settings;
        SentenceTransformer network;
        try {
            EncoderFiles files = source.path() == null ? EncoderFiles.builtIn(config.quantized())
                    : EncoderFiles.directory(source.path());
            boolean export = files.export() != null;
            int positions = files.positions();
            settings = contextualSettings(export ? DirectorySettings.read(files.export()) : DirectorySettings.NONE,
                    config.quantized() || export && files.quantizesActivations(), files.tokenizerLength(),
                    positions);
            network = SentenceTransformer.load(files, settings);
            try {
                checkRoomForSpecialTokens(network);
                if (positions == 0 && network.maxTokens() > 0) {
                    checkLongestInput(network);
                }
            } catch (IOException | RuntimeException e) {
                network.close(); // a network that fails its checks is never served
                throw e;
            }
        } catch (ModelConfigurationException e) {
            throw e; // a setting to change, not a file to fix
        } catch (IOException | RuntimeException e) {
            throw ModelFileException.of(source.location(), e.getMessage(), e);
        }
        ContextualEncoder encoder = new ContextualEncoder(name, network, batching.workers(), batching.maxBatch(),
                batching.maxWaitMicros(), queueBudget);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("Loaded contextual model '{}' from {}: {} dimensions, {} pooling{}{}{}, up to {} tokens{}, in {} ms",
                name, source.location(), network.dimension(), settings.pooling().id(),
                settings.dense().stream().map(d -> ", Dense " + d.in() + " → " + d.out() + " (" + d.activation() + ")")
                        .collect(java.util.stream.Collectors.joining()),
                settings.normalize() ? ", unit length" : "", settings.lowerCase() ? ", lower-cased" : "",
                network.maxTokens(),
                settings.quantized() ? ", quantised (each text runs alone)" : "", took.toMillis());
        return LoadedModel.of(encoder, took);
    }

    /**
     * A maximum shorter than the tokens the tokenizer puts around every text ({@code [CLS]} and
     * {@code [SEP]}) cannot be kept: Hugging Face's tokenizer then cuts nothing at all, so texts of
     * any length would pass a maximum that {@code /models} shows. It fails the start instead.
     */
    private void checkRoomForSpecialTokens(SentenceTransformer network) {
        int max = network.maxTokens();
        SentenceTransformer.Tokenized empty = network.tokenizeWhole("", true);
        if (max <= 0 || max >= empty.length()) {
            return;
        }
        throw new ModelConfigurationException(maxTokensGiven(max) + ", fewer than the " + empty.length() + " special "
                + "tokens the tokenizer puts around every text (" + String.join(", ", empty.tokens()) + "): Hugging "
                + "Face's tokenizer would then cut no text at all", "Set " + ModelSetting.of(name, "max-tokens")
                + " to at least " + (empty.length() + 1) + " (" + empty.length() + " leaves a text none of its own "
                + "tokens)" + (maxTokensConfigured() ? ", or leave it out." : "."));
    }

    /**
     * Runs a network whose positions no {@code config.json} gives on an input of the most tokens it
     * will be given, so that a maximum it cannot take fails the start, naming the setting and the
     * length it does take, rather than each long text with a 500 from ONNX Runtime.
     */
    private void checkLongestInput(SentenceTransformer network) throws IOException {
        int max = network.maxTokens();
        Optional<RuntimeException> failure = network.failureAt(max);
        if (failure.isEmpty()) {
            return;
        }
        int longest = network.longestRunning(max);
        if (longest == 0) {
            throw new IOException("the network fails on any input: " + failure.get().getMessage());
        }
        throw new ModelConfigurationException(maxTokensGiven(max) + ", but the network fails on inputs that long; it "
                + "runs on " + longest + " tokens (its directory has no config.json to say how many positions it has)",
                "Set " + ModelSetting.of(name, "max-tokens") + " to at most " + longest + ".");
    }

    /** Whether the configuration sets max-tokens (0 leaves it to the directory's files, as unset does). */
    private boolean maxTokensConfigured() {
        return config.maxTokens() != null && config.maxTokens() > 0;
    }

    /** Where a maximum of {@code max} tokens comes from, as a failure at the start names it. */
    private String maxTokensGiven(int max) {
        return maxTokensConfigured() ? ModelSetting.of(name, "max-tokens") + " is " + max
                : "model '" + name + "': its tokenizer.json or sentence-transformers settings let texts of " + max
                        + (max == 1 ? " token" : " tokens") + " through";
    }

    /**
     * This model's settings where configured, else what its directory's sentence-transformers files
     * say; the longest input, where neither says, {@code tokenizer.json}'s own ({@code tokenizerLength},
     * 0: none), else the network's {@code positions} (0: not known), and never more than those.
     */
    private SentenceTransformer.Settings contextualSettings(DirectorySettings directory, boolean quantized,
            int tokenizerLength, int positions) {
        SentenceTransformer.Pooling pooling = config.pooling() != null ? config.pooling()
                : directory.pooling() != null ? directory.pooling() : SentenceTransformer.Pooling.MEAN;
        boolean normalize = config.normalize() != null ? config.normalize()
                : directory.normalize() == null || directory.normalize();
        boolean configured = maxTokensConfigured();
        int maxTokens = configured ? config.maxTokens() : directory.maxTokens();
        if (maxTokens == 0) {
            // The tokenizer file's own length, else the positions, where sentence-transformers cuts
            // when nothing sets one; DJL's tokenizer would take the file's fixed padding length, or a
            // 512 of its own, which the network may not have.
            maxTokens = tokenizerLength > 0 ? tokenizerLength : positions;
        }
        if (positions > 0 && maxTokens > positions) {
            if (configured) {
                throw new ModelConfigurationException(ModelSetting.of(name, "max-tokens") + " is " + maxTokens
                        + ", more than the " + positions + " tokens the network has positions for: a longer input "
                        + "would fail as it runs", "Set " + ModelSetting.of(name, "max-tokens") + " to at most "
                        + positions + ", or leave it out.");
            }
            // sentence-transformers would fail on inputs that long; cutting them keeps the model usable.
            log.warn("Model '{}': its directory gives {} tokens at most, more than the {} the network has positions "
                    + "for; longer texts are cut at {}", name, maxTokens, positions, positions);
            maxTokens = positions;
        }
        return new SentenceTransformer.Settings(pooling, normalize, maxTokens, intraOpThreads, quantized,
                directory.lowerCase(), prompts(directory.prompts()), directory.dense(), directory.truncateDim());
    }

    /** The directory's prompts with the configured ones added (a configured name replaces the directory's). */
    private Prompts prompts(Prompts directory) {
        java.util.Map<String, String> byName = new java.util.LinkedHashMap<>(directory.byName());
        byName.putAll(config.prompts());
        String defaultName = config.defaultPromptName() != null ? config.defaultPromptName() : directory.defaultName();
        try {
            return new Prompts(byName, defaultName, directory.pooled());
        } catch (IllegalArgumentException e) {
            throw new ModelConfigurationException(ModelSetting.of(name, "default-prompt-name") + " " + e.getMessage(),
                    "Set " + ModelSetting.of(name, "default-prompt-name") + " to one of " + byName.keySet()
                    + ", add the prompt under " + ModelSetting.of(name, "prompts") + ", or leave the setting out.");
        }
    }

    /**
     * Downloads a catalogue model into the cache directory unless it is there already (whole: the
     * download names the file only once its size and checksum are right). Progress goes to the
     * log and to {@code /models}.
     */
    private void fetchIfMissing() throws ModelFileException {
        if (hub != null) {
            fetchFromHubIfMissing();
        }
        if (download == null || java.nio.file.Files.isRegularFile(download.file())) {
            return;
        }
        Catalogue.Entry entry = download.entry();
        try (DownloadLock lock = DownloadLock.acquire(download.file(), why -> log.info("Model '{}': {}", name, why),
                () -> downloadStage = "waiting")) {
            if (java.nio.file.Files.isRegularFile(download.file())) {
                log.info("Model '{}': {} was downloaded to {} meanwhile", name, entry.name(), download.file());
                downloadStage = null;
                return;
            }
            downloadStage = "downloading";
            log.info("Model '{}': downloading {} ({}) from {} to {}", name, entry.name(), entry.size() == null
                    ? "size not published" : fixed(entry.size() / 1e6, 1) + " MB", download.url(), download.file());
            long started = System.nanoTime();
            new ResumableDownload(download.attempts(), download.backOff()).fetch(download.url(), download.file(),
                    new ResumableDownload.Expected(entry.size(), entry.md5(), null), p -> {
                progress = new LoadProgress(0, p.bytes(), p.totalBytes(), System.nanoTime() - started);
                log.info("Model '{}': downloading, {}", name, p);
            });
            downloaded();
        } catch (java.io.IOException e) {
            // The exception below names the URL: a failed download's reason alone goes after it.
            String reason = e instanceof dev.wordvec.download.DownloadException failed ? failed.reason()
                    : e.getMessage();
            throw ModelFileException.of(download.url().toString(), reason + ". "
                    + (download.mirrored() ? "Check the mirror (wordvec.catalogue.mirror) holds " + entry.path()
                            : "Without access to it, set wordvec.catalogue.mirror to a server that holds " + entry.path())
                    + ", or download the file yourself and set " + ModelSetting.of(name, "path") + " to it"
                    + (entry.member() != null ? " (with member: " + entry.member() + ")" : "")
                    + " instead of source", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ModelFileException.of(download.url().toString(), "the download was interrupted", e);
        }
    }

    /**
     * Fetches a contextual model from the Hugging Face Hub into the cache directory unless the
     * folder holds it whole already (its marker is written after the last file). Progress, file by
     * file, goes to the log.
     */
    private void fetchFromHubIfMissing() throws ModelFileException {
        String commit = hub.fetchedCommit();
        if (commit != null) {
            log.info("Model '{}': {} is in {} (commit {})", name, hub.id(), hub.folder(), commit);
            hubCommit = commit;
            return;
        }
        log.info("Model '{}': downloading {} from {} to {}", name, hub.id(), hub.hub().endpoint(), hub.folder());
        long started = System.nanoTime();
        try {
            downloadStage = "downloading";
            commit = hub.fetch(line -> log.info("Model '{}': {}", name, line.strip()), p -> {
                downloadStage = "downloading";
                progress = new LoadProgress(0, p.bytes(), p.totalBytes(), System.nanoTime() - started);
            }, () -> downloadStage = "waiting");
            downloaded();
            log.info("Model '{}': downloaded {} (commit {})", name, hub.id(), commit);
            hubCommit = commit;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw ModelFileException.of(hub.id(), e.getMessage() + ". Without access to the Hub, set "
                    + "wordvec.catalogue.hub (or HF_ENDPOINT) to a mirror, or fetch the model elsewhere with "
                    + "`java -jar wordvec.jar download hf:" + hub.repository() + "` and set "
                    + ModelSetting.of(name, "path") + " to its folder instead of source", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ModelFileException.of(hub.id(), "the download was interrupted", e);
        }
    }

    /** The file is there: what {@code /models} shows next is the reading of it. */
    private void downloaded() {
        downloadStage = null;
        progress = null;
    }

    /**
     * What the model is read from, as the watch compares it: the file, or a contextual model's
     * whole export (its directory, or the directory of the one {@code .onnx} file its path names,
     * whose tokenizer and settings are read with it).
     */
    private FileIdentity sourceIdentity() throws IOException {
        Path path = source.path();
        return FileIdentity.of(config.kind() == ModelKind.CONTEXTUAL ? EncoderFiles.exportOf(path) : path);
    }

    /** Taken before reading, so a change made while loading also shows as CHANGED. */
    private void recordSourceStamp() {
        if (source.path() != null) {
            try {
                loadedIdentity = sourceIdentity();
                // The fingerprint reads the file; only an index, kept under it, needs it.
                loadedStamp = config.index() == WordvecProperties.IndexKind.HNSW
                        ? ConvertedModel.Stamp.of(source.path(), configuredFormat) : null;
            } catch (IOException e) {
                loadedIdentity = null;
                loadedStamp = null; // the read that follows fails and says why
            }
        }
    }

    private void onProgress(LoadProgress p) {
        progress = p;
        if (p.totalBytes() > 0) {
            log.info("Loading model '{}': {} rows, {}% of {} MB, {} MB/s", name, p.rows(),
                    fixed(p.percent(), 1), fixed(p.totalBytes() / 1e6, 1), fixed(p.megabytesPerSecond(), 1));
        } else {
            log.info("Loading model '{}': {} rows, {} MB read, {} rows/s", name, p.rows(),
                    fixed(p.bytesRead() / 1e6, 1), fixed(p.rowsPerSecond(), 0));
        }
    }

    /** Frees the engine's memory. */
    void close() {
        LoadedModel model = loaded;
        if (model != null) {
            loaded = null;
            status = ModelStatus.PENDING;
            model.close();
        }
    }

    /** {@code value} with {@code places} decimals, alike whatever the machine's language: 23.1, not 23,1. */
    private static String fixed(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
