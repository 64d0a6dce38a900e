package dev.wordvec.models;

import dev.wordvec.contextual.QueueBudget;
import dev.wordvec.contextual.SentenceTransformer;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.UnicodeErrors;
import dev.wordvec.vectors.CaseForm;
import dev.wordvec.vectors.Dtype;
import dev.wordvec.query.OovPolicy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code wordvec.}: which models to load and the limits on a request.
 *
 * @param defaultModel name of the model that answers requests that name none; may be left out
 *     when exactly one model is configured
 * @param models models to load at start-up, by name (letters, digits, {@code . _ -}); with none,
 *     the built-in English demo model is served under the name {@code demo}
 * @param limits per-request limits; a request over one gets a 413 problem, never a silent cut
 * @param cacheDir where converted copies of model files are kept, so later starts map them
 *     instead of parsing; default {@code $XDG_CACHE_HOME/wordvec} or {@code ~/.cache/wordvec}
 * @param cache whether to use that cache (default true)
 * @param intraOpThreads PyTorch's intra-op thread count (default 1; see the README)
 * @param batching how concurrent nearest-word searches are scored together
 * @param admin the reload route and the file watch
 * @param catalogue where catalogue models are downloaded from
 * @param builtInModel where the built-in demo model is read from (a file path or
 *     {@code classpath:...}; default: inside the jar). The container image keeps it as a file in an
 *     image layer of its own, so that a code change does not send its 18 MB again.
 *
 * <p>The {@code @Min} and {@code @Max} bounds here and in the nested records are checked when the
 * settings are bound, by {@link SettingBounds}.
 */
@ConfigurationProperties("wordvec")
public record WordvecProperties(
        String defaultModel,
        @DefaultValue Map<String, Model> models,
        @DefaultValue Limits limits,
        String cacheDir,
        @DefaultValue("true") boolean cache,
        @DefaultValue("1") @Min(1) int intraOpThreads,
        @DefaultValue Batching batching,
        @DefaultValue Admin admin,
        @DefaultValue Catalogue catalogue,
        String builtInModel) {

    public WordvecProperties {
        if (builtInModel == null || builtInModel.isBlank()) {
            builtInModel = ModelRegistry.BUILT_IN_LOCATION;
        }
    }

    /**
     * Downloads of models named by {@code source}.
     *
     * @param mirror a base URL that serves the catalogue's files under their paths (for a site with
     *     no access to the origins); unset, each file comes from its origin
     * @param file a catalogue of your own, in the built-in one's JSON layout, instead of it
     * @param attempts how many times a download is tried, going on from where the last try broke (default 5)
     * @param backOff the wait before the second try, doubled before each next one (default 2s)
     * @param hub the Hugging Face Hub that contextual models named {@code source: hf:OWNER/NAME} come
     *     from (default: the {@code HF_ENDPOINT} environment variable, else https://huggingface.co);
     *     {@code HF_TOKEN} is sent for private and gated ones
     */
    public record Catalogue(String mirror, String file, @DefaultValue("5") @Min(1) int attempts,
            @DefaultValue("2s") java.time.Duration backOff, String hub) {
    }

    /**
     * Swapping a model without a restart.
     *
     * @param enabled serve {@code POST /admin/models/{name}/reload} (default false); it needs API
     *     keys ({@code wordvec.http.api-keys}), so the route is never open
     * @param reloadGrace how long a replaced model keeps its memory at least, before it is freed
     *     once the requests that took it before its swap have ended (default 30s; a request still on it
     *     ten minutes later is not waited for)
     * @param watchInterval how often the files of models with {@code watch: true} are checked
     *     (default 10s); a file changed and then left alone for one interval is reloaded
     */
    public record Admin(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("30s") java.time.Duration reloadGrace,
            @DefaultValue("10s") java.time.Duration watchInterval) {
    }

    /**
     * Dynamic batching of nearest-word and analogy searches, and of contextual models' texts.
     *
     * @param workers threads that each score one batch at a time (default 2)
     * @param maxBatch most searches scored in one matrix product (default 64)
     * @param maxWaitMicros how long a worker with searches in hand waits for more (default 200 µs;
     *     0: never waits, a batch is whatever arrived while the previous one was scored)
     * @param queuedTextMemory the heap that requests to contextual models may hold while their texts
     *     wait for the network, all such models together (unset: half the heap); a request that would
     *     pass it is refused at once with a 503 ({@code busy}) and {@code Retry-After}. A request of
     *     2,048 texts of 128 tokens is counted as about 20 MB
     */
    public record Batching(
            @DefaultValue("2") @Min(1) int workers,
            @DefaultValue("64") @Min(1) int maxBatch,
            @DefaultValue("200") @Min(0) long maxWaitMicros,
            DataSize queuedTextMemory) {

        /** The budget as set, or half the heap. */
        public QueueBudget queueBudget() {
            if (queuedTextMemory == null) {
                return QueueBudget.halfTheHeap();
            }
            if (queuedTextMemory.toBytes() < 1) {
                throw new ModelConfigurationException("wordvec.batching.queued-text-memory must be at least 1 byte, "
                        + "was " + queuedTextMemory, "Set a size such as 200MB, or leave it unset for half the heap.");
            }
            return new QueueBudget(queuedTextMemory.toBytes(), "set to " + queuedTextMemory);
        }
    }

    /**
     * One model to load, and how its words are looked up.
     *
     * @param path a file path, {@code file:...}, or {@code classpath:resource}; {@code .gz} content is
     *     detected (this or {@code source} is required)
     * @param source a catalogue name ({@code glove-wiki-gigaword-100}, {@code word2vec-google-news-300},
     *     {@code glove.6B.300d}, {@code cc.en.300.bin}, ...; {@code GET /catalogue} lists them): the
     *     file is downloaded into the cache directory at first start, then loaded from there
     * @param format {@code auto} (default: detected from the content), {@code glove},
     *     {@code word2vec-text}, {@code fasttext-vec}, {@code word2vec-binary}, {@code fasttext-bin} or
     *     {@code gensim} (gensim 4's {@code save}: a pickle, with {@code .npy} files beside it)
     * @param caseFallback the spellings tried in order when a word is not in the vocabulary as
     *     written: {@code exact}, {@code lower}, {@code capitalized} (a word the file holds always
     *     matches itself first). Unset: all three, but {@code exact} alone for a fastText {@code .bin}
     *     model, which answers a word it lacks from its n-grams as fastText does ({@code Kings} is not
     *     {@code kings} there)
     * @param phrases whether words with spaces match {@code _}-joined phrases ({@code new york}
     *     → {@code New_York}) when the vocabulary has them (default true)
     * @param oov what this model's queries do with unknown words when the request does not say:
     *     {@code error}, {@code skip}, {@code zero} or (a fastText model) {@code subword}; unset keeps
     *     each route's default
     * @param sifReference a UTF-8 text file, one sentence per line, on which the first principal
     *     component removed by SIF ({@code removePc}) is fitted at load time; unset, a request's
     *     own texts are used
     * @param limit keep only the first (most frequent) this many words; 0 keeps all
     * @param dtype how the engine stores the values: {@code float32} (default, gensim's answers),
     *     {@code float16} (half the memory, slightly less exact) or {@code int8} (a quarter of the
     *     memory, the least exact; see docs/benchmarks.md)
     * @param member for a {@code .zip}, the member that holds the model (such as
     *     {@code glove.6B.300d.txt} in Stanford's {@code glove.6B.zip}); unset, the archive's only
     *     model file
     * @param watch reload the model when its file changes (default false; see {@code wordvec.admin})
     * @param kind {@code words} (default: a word-vector file) or {@code contextual} (a sentence
     *     encoder: with no {@code path}, the built-in all-MiniLM-L6-v2; with one, a directory holding a
     *     sentence-transformers ONNX export: {@code model.onnx} or {@code onnx/model.onnx}, {@code tokenizer.json},
     *     and the settings files sentence-transformers saves beside them; or one {@code .onnx} file in it)
     * @param quantized for the built-in contextual model, its int8 version (about 2.6 times faster,
     *     cosine 0.99 with float32's vectors; each text then runs alone, unbatched). A directory's
     *     network that quantises its activations as it runs is found to do so, and runs texts alone
     *     whatever this says
     * @param pooling how a contextual model's token vectors become a sentence vector, as
     *     sentence-transformers' Pooling module does it: {@code mean} (over the attention mask),
     *     {@code cls}, {@code max}, {@code mean-sqrt-len}, {@code weighted-mean} or {@code last-token}.
     *     Unset: the directory's pooling config ({@code 1_Pooling/config.json}), else {@code mean}
     * @param normalize scale a contextual model's sentence vectors to unit length. Unset: whether the
     *     directory's {@code modules.json} lists a Normalize module, else true
     * @param maxTokens a contextual model's longest input in tokens, special tokens included; longer
     *     texts are cut, and answers say so. Unset or 0: the directory's {@code sentence_bert_config.json}
     *     ({@code max_seq_length}), else its tokenizer file's (128 for the built-in MiniLM), else the
     *     positions its network has ({@code config.json})
     * @param index {@code none} (default: every search scores every word) or {@code hnsw} (an
     *     approximate index, Lucene's HNSW graph: nearest words and 3CosAdd analogies search it
     *     unless a request sets {@code exact}; built at first load, kept beside the converted cache
     *     and mapped on later starts)
     * @param hnsw the HNSW index's settings
     * @param prompts a contextual model's prompts, by name ({@code query: "query: "}): texts put before
     *     an input when a request names them, as sentence-transformers' {@code prompt_name}. Added to
     *     (and replacing, by name) those of the directory's {@code config_sentence_transformers.json}
     * @param defaultPromptName the prompt put before every input whose request names none. Unset: the
     *     directory's {@code default_prompt_name}, else none
     * @param unicodeErrors a word in the file that is not valid UTF-8: {@code strict} (default: the load
     *     fails, naming the line), {@code replace} (U+FFFD for each bad sequence), {@code ignore} (left
     *     out of the word) or {@code backslashreplace} ({@code \xNN}), as gensim's {@code unicode_errors}
     */
    public record Model(
            String path,
            @DefaultValue("auto") ModelFormat format,
            List<CaseForm> caseFallback,
            @DefaultValue("true") boolean phrases,
            UnknownWords oov,
            String sifReference,
            @DefaultValue("0") @Min(0) int limit,
            @DefaultValue("float32") Dtype dtype,
            String member,
            @DefaultValue("false") boolean watch,
            String source,
            @DefaultValue("words") ModelKind kind,
            @DefaultValue("false") boolean quantized,
            SentenceTransformer.Pooling pooling,
            Boolean normalize,
            @Min(0) Integer maxTokens,
            @DefaultValue("none") IndexKind index,
            @DefaultValue Hnsw hnsw,
            @DefaultValue Map<String, String> prompts,
            String defaultPromptName,
            @DefaultValue("strict") UnicodeErrors unicodeErrors) {

        /** A model at {@code path} with every other setting at its default. */
        public static Model of(String path, ModelFormat format) {
            return new Model(path, format, null, true,
                    null, null, 0, Dtype.FLOAT32, null, false, null, ModelKind.WORDS, false,
                    null, null, null, IndexKind.NONE, Hnsw.DEFAULTS, Map.of(), null, UnicodeErrors.STRICT);
        }

        /**
         * The spellings this model's lookup tries: as configured, else every form for a model whose
         * unknown words stay unknown, and the word as written alone for one that answers them from
         * its character n-grams, so that its answers are fastText's.
         */
        public List<CaseForm> caseFallback(boolean answersUnknownWords) {
            if (caseFallback != null) {
                return caseFallback;
            }
            return answersUnknownWords ? List.of(CaseForm.EXACT)
                    : List.of(CaseForm.EXACT, CaseForm.LOWER, CaseForm.CAPITALIZED);
        }

        /** This model, read from {@code path} instead. */
        public Model withPath(String path) {
            return new Model(path, format, caseFallback, phrases, oov, sifReference, limit, dtype, member, watch,
                    source, kind, quantized, pooling, normalize, maxTokens, index, hnsw, prompts, defaultPromptName,
                    unicodeErrors);
        }
    }

    /**
     * The unknown-word policies a model can be configured with: a request's, named apart so that
     * the query layer's internal defaults are not settings.
     */
    public enum UnknownWords {
        ERROR, SKIP, ZERO, SUBWORD;

        public OovPolicy policy() {
            return OovPolicy.valueOf(name());
        }
    }

    /** Whether a model has an approximate nearest-word index. */
    public enum IndexKind { NONE, HNSW }

    /**
     * An HNSW index's settings (docs/benchmarks.md measures them).
     *
     * @param m neighbours a node keeps (twice this on the bottom level; default 16, Lucene's):
     *     more gives better recall, a larger graph and a slower build
     * @param beamWidth candidates each insertion considers while building (default 100, Lucene's)
     * @param efSearch candidates a search keeps, at least k (default 100): more gives better recall
     *     and slower searches
     * @param threads threads that build the graph (0, the default: one per processor)
     */
    public record Hnsw(
            @DefaultValue("16") @Min(2) @Max(512) int m,
            @DefaultValue("100") @Min(1) @Max(3200) int beamWidth,
            @DefaultValue("100") @Min(1) int efSearch,
            @DefaultValue("0") @Min(0) int threads) {

        public static final Hnsw DEFAULTS = new Hnsw(16, 100, 100, 0);
    }

    /**
     * Per-request limits.
     *
     * @param maxWords most words in one list ({@code POST /vectors}, sets, an analogy), pairs, client
     *     weights, or a document of {@code /word-movers-distance} (default 1000)
     * @param maxTexts most texts in one {@code POST /sentence-vector} or {@code /v1/embeddings} request
     *     (default 2048, OpenAI's own limit: OpenAI clients send whole batches, LangChain 512 texts a
     *     request in JavaScript and 1,000 in Python by default)
     * @param maxTextLength most characters in one text (default 100000)
     * @param maxK most results of one nearest-word or analogy query (default 1000)
     * @param maxQueries most queries in one batch: {@code POST /neighbors}, analogies, odd-one-out groups,
     *     documents of {@code /word-movers-ranking} (default 64)
     */
    public record Limits(
            @DefaultValue("1000") @Min(1) int maxWords,
            @DefaultValue("2048") @Min(1) int maxTexts,
            @DefaultValue("100000") @Min(1) int maxTextLength,
            @DefaultValue("1000") @Min(1) int maxK,
            @DefaultValue("64") @Min(1) int maxQueries) {
    }
}
