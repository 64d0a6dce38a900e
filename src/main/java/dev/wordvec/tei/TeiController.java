package dev.wordvec.tei;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.wordvec.contextual.ContextualEncoder;
import dev.wordvec.contextual.QueueBudget;
import dev.wordvec.contextual.SentenceTransformer;
import dev.wordvec.http.LimitExceededException;
import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelKind;
import dev.wordvec.models.ModelNotReadyException;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.ModelSummary;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.query.TextEncoding;
import dev.wordvec.vectors.VectorMath;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Hugging Face text-embeddings-inference's API (TEI) over wordvec's models, so that clients written
 * for TEI (LangChain's {@code HuggingFaceEndpointEmbeddings}, LlamaIndex's
 * {@code TextEmbeddingsInference}, Haystack, huggingface_hub's {@code InferenceClient}) can be
 * pointed at wordvec unchanged. TEI serves one model; here the default model answers, or the one a
 * {@code model} field or query parameter names. A contextual model gives TEI's answers (the
 * network's pooled vector; TEI's token limit and truncation); a word-vector model answers
 * {@code /embed} with the texts' mean word vectors.
 */
@RestController
@Tag(name = "tei")
class TeiController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;
    private final String version;
    private final int requestThreads;
    private final boolean autoTruncate;

    TeiController(ModelRegistry registry, WordvecProperties properties, TeiProperties tei,
            ObjectProvider<BuildProperties> build, @Value("${server.tomcat.threads.max:200}") int requestThreads) {
        this.registry = registry;
        this.limits = properties.limits();
        this.autoTruncate = tei.autoTruncate();
        BuildProperties info = build.getIfAvailable();
        this.version = info == null ? "unknown" : info.getVersion();
        this.requestThreads = requestThreads;
    }

    /**
     * TEI's request. Fields TEI does not know are ignored, as TEI ignores them.
     *
     * @param inputs a text or a list of texts
     * @param normalize unit-length vectors (default true)
     * @param truncate cut a text over the model's maximum tokens instead of refusing it (default false)
     * @param truncation_direction {@code Right} (default: the end is cut) or {@code Left} (the start is)
     * @param prompt_name the model's prompt to put before each input (default: the model's default prompt)
     * @param dimensions keep the first N components (before unit length)
     * @param model a wordvec extension: the model to ask (default: the default model)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TeiEmbedRequest(JsonNode inputs, Boolean normalize, Boolean truncate, String truncation_direction,
            String prompt_name, Integer dimensions, String model) {
    }

    /** @param add_special_tokens with the tokenizer's own tokens around each text (default true) */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TeiTokenizeRequest(JsonNode inputs, Boolean add_special_tokens, String prompt_name, String model) {
    }

    /**
     * @param ids one text's token ids, or a list of them
     * @param skip_special_tokens leave out the tokenizer's own tokens, such as {@code [CLS]} (default true)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TeiDecodeRequest(JsonNode ids, Boolean skip_special_tokens, String model) {
    }

    /**
     * One token as TEI describes it: its id, its text (the piece of the input it covers; a special
     * token's own text), and where it covers the input, in UTF-8 bytes (null for special tokens).
     */
    record TeiToken(long id, String text, boolean special, Integer start, Integer stop) {
    }

    record TeiInfo(String model_id, String model_sha, String model_dtype, TeiModelType model_type,
            int max_concurrent_requests, int max_input_length, int max_batch_tokens, Integer max_batch_requests,
            int max_client_batch_size, boolean auto_truncate, int tokenization_workers, String version, String sha,
            String docker_label) {
    }

    record TeiModelType(TeiPooling embedding) {
    }

    record TeiPooling(String pooling) {
    }

    @Operation(operationId = "teiEmbed", summary = "TEI: sentence embeddings", description = """
            Hugging Face text-embeddings-inference's `/embed`: `{"inputs": "text" | ["text", ...]}` answers \
            `[[...], ...]`, one vector per input. `normalize` (default true), `truncate` (default false: an \
            input over a contextual model's maximum tokens is a 413 `Validation` error, as in TEI, unless \
            `wordvec.tei.auto-truncate`), `truncation_direction` (`Right`, default, or `Left`), `dimensions` \
            (the first N components), `prompt_name`. A contextual model's vectors are its pooled token \
            vectors, as `/sentence-vector` gives them; a word-vector model's are the texts' mean word vectors, \
            zeros for a text with no known word (counted in `X-Wordvec-Zero-Vectors`; inputs cut by \
            `truncate` are counted in `X-Wordvec-Truncated`). `model` (body or query) picks a model; the \
            default model answers otherwise. Errors are problems with TEI's `error` and `error_type` added.""")
    @PostMapping("/embed")
    ResponseEntity<List<float[]>> embed(@RequestBody TeiEmbedRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        LoadedModel model = registry.require(ModelRegistry.named(modelParameter, request.model()));
        return embed(model, texts(request.inputs()), request);
    }

    /** {@code texts} embedded as the request asks (its {@code inputs} are not read again). */
    private ResponseEntity<List<float[]>> embed(LoadedModel model, List<String> texts, TeiEmbedRequest request) {
        Integer dimensions = request.dimensions();
        int dimension = model.texts().dimension();
        if (dimensions != null && (dimensions < 1 || dimensions > dimension)) {
            throw new InvalidRequestException("dimensions", "'dimensions' must be between 1 and " + dimension
                    + " for model '" + model.name() + "', was " + dimensions);
        }
        Embedded embedded = model.kind() == ModelKind.CONTEXTUAL ? contextual(model.contextual(), texts, request)
                : meanWordVectors(model, texts, request);
        boolean normalize = request.normalize() == null || request.normalize();
        List<float[]> out = embedded.vectors().stream().map(v -> {
            float[] kept = dimensions == null ? v : Arrays.copyOf(v, dimensions);
            return normalize ? VectorMath.unitLength(kept) : kept;
        }).toList();
        // As /v1/embeddings says them: TEI's answer is a bare list, with no room to say either.
        return ResponseEntity.ok().header("X-Wordvec-Zero-Vectors", String.valueOf(embedded.zeros()))
                .header("X-Wordvec-Truncated", String.valueOf(embedded.truncated())).body(out);
    }

    /** Each input's vector, not yet cut or made unit length; how many were zeros, and how many were cut. */
    private record Embedded(List<float[]> vectors, int zeros, long truncated) {
    }

    /** The network's pooled vectors, the prompt put before each input (and masked if the model does not pool it). */
    private Embedded contextual(ContextualEncoder encoder, List<String> texts, TeiEmbedRequest request) {
        String prompt = prompt(encoder, request.prompt_name());
        int masked = encoder.maskedTokens(prompt);
        List<String> prompted = ContextualEncoder.prompted(prompt, texts);
        try (QueueBudget.Reservation held = admit(encoder, prompted, false)) {
            List<SentenceTransformer.Tokenized> tokenized = tokenized(encoder, prompted, request.truncate(),
                    request.truncation_direction());
            List<float[]> vectors = encoder.sentenceVectors(tokenized, masked, false);
            return new Embedded(vectors, 0,
                    tokenized.stream().filter(SentenceTransformer.Tokenized::truncated).count());
        }
    }

    /** The texts' mean word vectors; zeros for a text with no known word, as /v1/embeddings answers it. */
    private static Embedded meanWordVectors(LoadedModel model, List<String> texts, TeiEmbedRequest request) {
        if (request.prompt_name() != null) {
            throw new InvalidRequestException("prompt_name", "model '" + model.name() + "' is a word-vector "
                    + "model: prompts apply to contextual models");
        }
        OovPolicy policy = model.texts().oov(null, OovPolicy.SKIP);
        List<SentenceEncoder.Encoded> encoded = model.texts().encode(texts, TextEncoding.MEAN,
                policy.refusesUnknown() ? OovPolicy.SKIP : policy).texts();
        List<float[]> vectors = new ArrayList<>(texts.size());
        int zeros = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] vector = encoded.get(i).vector();
            if (vector == null) {
                if (policy.refusesUnknown()) {
                    throw new InvalidRequestException("inputs", "inputs[" + i + "] has no word that model '"
                            + model.name() + "' knows (unknown: " + encoded.get(i).unknown() + ")");
                }
                // One chunk such as "1234" must not stop a whole batch.
                vector = new float[model.texts().dimension()];
                zeros++;
            }
            vectors.add(vector);
        }
        return new Embedded(vectors, zeros, 0);
    }

    @Operation(operationId = "teiDefaultRoute", summary = "TEI: its default route, as /embed", description = """
            TEI answers `POST /` with its model's task; for an embedding model, as `/embed`. Hugging Face's \
            clients (huggingface_hub's `InferenceClient`, `@huggingface/inference`) call an endpoint's URL \
            this way. Their sentence-similarity task posts `{"inputs": {"source_sentence": "...", "sentences": \
            ["...", ...]}}` here too: the answer is then `[0.71, ...]`, the cosine similarity of the source \
            sentence's vector with each sentence's (as `/embed` makes them, `truncate`, `truncation_direction` \
            and `prompt_name` included), 0 for a text with no known word. `GET /` stays the explorer page.""")
    @PostMapping("/")
    ResponseEntity<? extends List<?>> defaultRoute(@RequestBody TeiEmbedRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        if (request.inputs() != null && request.inputs().isObject()) {
            return sentenceSimilarity(request, modelParameter);
        }
        return embed(request, modelParameter);
    }

    /**
     * Hugging Face's sentence-similarity task: the source sentence and the others embedded in one
     * request, as /embed embeds them (unit length), and each other sentence's cosine with the source.
     */
    private ResponseEntity<List<Float>> sentenceSimilarity(TeiEmbedRequest request, String modelParameter) {
        JsonNode inputs = request.inputs();
        List<String> unknown = new ArrayList<>();
        inputs.propertyNames().forEach(name -> {
            if (!name.equals("source_sentence") && !name.equals("sentences")) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("inputs", "'inputs' as an object is a sentence-similarity request, "
                    + "with 'source_sentence' and 'sentences' only; it also has " + unknown);
        }
        JsonNode source = inputs.get("source_sentence");
        if (source == null || !source.isString()) {
            throw new InvalidRequestException("inputs.source_sentence", "a sentence-similarity request needs "
                    + "'source_sentence': the text the others are compared with");
        }
        JsonNode sentences = inputs.get("sentences");
        if (sentences == null || !sentences.isArray()) {
            throw new InvalidRequestException("inputs.sentences", "a sentence-similarity request needs "
                    + "'sentences': the list of texts to compare with 'source_sentence'");
        }
        if (sentences.isEmpty()) {
            throw new TeiException(HttpStatus.BAD_REQUEST, "Empty", "empty-batch", "`sentences` cannot be empty");
        }
        if (sentences.size() > limits.maxTexts() - 1) {
            throw new LimitExceededException("inputs.sentences", sentences.size(), limits.maxTexts() - 1, "items",
                    "wordvec.limits.max-texts, less the source sentence");
        }
        List<String> texts = new ArrayList<>(sentences.size() + 1);
        texts.add(withinLength(source.asString(), "inputs.source_sentence"));
        for (int i = 0; i < sentences.size(); i++) {
            // A problem names the sentence, not its place among all the texts.
            JsonNode sentence = sentences.get(i);
            String field = "inputs.sentences[" + i + "]";
            if (!sentence.isString()) {
                throw new InvalidRequestException(field, field + " must be a text, not " + sentence);
            }
            texts.add(withinLength(sentence.asString(), field));
        }
        LoadedModel model = registry.require(ModelRegistry.named(modelParameter, request.model()));
        ResponseEntity<List<float[]>> embedded = embed(model, texts, new TeiEmbedRequest(null, true,
                request.truncate(), request.truncation_direction(), request.prompt_name(), null, request.model()));
        List<float[]> vectors = embedded.getBody();
        List<Float> scores = new ArrayList<>(vectors.size() - 1);
        for (int i = 1; i < vectors.size(); i++) {
            scores.add(VectorMath.cosine(vectors.get(0), vectors.get(i)));
        }
        return ResponseEntity.ok().headers(embedded.getHeaders()).body(scores);
    }

    @Operation(operationId = "teiEmbedAll", summary = "TEI: every token's vector", description = """
            TEI's `/embed_all`, for a contextual model: each input's token vectors (the network's last hidden \
            state, special tokens included, not pooled, not normalised), `[[[...], ...], ...]`. `truncate` and \
            `truncation_direction` as for `/embed`. An answer holds at most 4,194,304 numbers (10,922 tokens in \
            all for a 384-dimension model; more is a 413). A word-vector model is a 400 \
            (`not-a-contextual-model`).""")
    @PostMapping("/embed_all")
    List<float[][]> embedAll(@RequestBody TeiEmbedRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        ContextualEncoder encoder = registry.require(ModelRegistry.named(modelParameter, request.model())).contextual();
        if (request.normalize() != null || request.dimensions() != null) {
            throw new InvalidRequestException(request.normalize() != null ? "normalize" : "dimensions",
                    "/embed_all gives the token vectors as the network makes them; 'normalize' and 'dimensions' "
                            + "apply to /embed");
        }
        List<String> prompted = ContextualEncoder.prompted(prompt(encoder, request.prompt_name()),
                texts(request.inputs()));
        try (QueueBudget.Reservation held = admit(encoder, prompted, true)) {
            List<SentenceTransformer.Tokenized> texts = tokenized(encoder, prompted, request.truncate(),
                    request.truncation_direction());
            long tokens = texts.stream().mapToLong(SentenceTransformer.Tokenized::length).sum();
            int allowed = EMBED_ALL_FLOATS / encoder.tokenDimension();
            if (tokens > allowed) {
                throw new LimitExceededException("inputs", tokens, allowed, "tokens in all", "the bound of "
                        + EMBED_ALL_FLOATS + " numbers in one /embed_all answer; send fewer inputs a request");
            }
            return encoder.tokenVectors(texts);
        }
    }

    /**
     * The most numbers one {@code /embed_all} answer holds (about 40 MB of JSON): every token of
     * every input has a vector, so a request of many long texts would otherwise be answered with
     * hundreds of megabytes. For MiniLM (384 dimensions) it is 10,922 tokens, 85 texts of 128.
     */
    static final int EMBED_ALL_FLOATS = 1 << 22;

    @Operation(operationId = "teiTokenize", summary = "TEI: a text's tokens", description = """
            TEI's `/tokenize`, for a contextual model: each input's tokens, none cut, as `{"id", "text", \
            "special", "start", "stop"}`: the token's id in the tokenizer, the piece of the input it covers \
            (a special token's own text, such as `[CLS]`), and where, in UTF-8 bytes (null for special \
            tokens). `add_special_tokens` (default true). The inputs together may have up to `max-text-length` \
            characters.""")
    @PostMapping("/tokenize")
    List<List<TeiToken>> tokenize(@RequestBody TeiTokenizeRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        ContextualEncoder encoder = registry.require(ModelRegistry.named(modelParameter, request.model())).contextual();
        boolean special = request.add_special_tokens() == null || request.add_special_tokens();
        List<String> texts = ContextualEncoder.prompted(prompt(encoder, request.prompt_name()),
                texts(request.inputs()));
        // None is cut here, so every character may be a token of the answer: bounded in all, not per text.
        long characters = texts.stream().mapToLong(String::length).sum();
        if (characters > limits.maxTextLength()) {
            throw new LimitExceededException("inputs", characters, limits.maxTextLength(), "characters in all",
                    "wordvec.limits.max-text-length");
        }
        return texts.stream().map(text -> tokens(encoder.network().tokenizeWhole(text, special))).toList();
    }

    @Operation(operationId = "teiDecode", summary = "TEI: token ids back to text", description = """
            TEI's `/decode`, for a contextual model: `{"ids": [101, 7592, 102]}` or a list of such lists answers \
            each as text, `["..."]`, as the tokenizer's decoder writes it. `skip_special_tokens` (default \
            true) leaves out `[CLS]` and the like. Up to `max-texts` lists of up to `max-words` ids.""")
    @PostMapping("/decode")
    List<String> decode(@RequestBody TeiDecodeRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        SentenceTransformer network = registry.require(ModelRegistry.named(modelParameter, request.model())).contextual().network();
        JsonNode ids = request.ids();
        if (ids == null || !ids.isArray()) {
            throw new InvalidRequestException("ids", "'ids' must be a list of token ids, or a list of such lists");
        }
        if (ids.isEmpty()) {
            throw new TeiException(HttpStatus.BAD_REQUEST, "Empty", "empty-batch", "`ids` cannot be empty");
        }
        // One list of ids, or a list of lists (each answered in order), as TEI takes them.
        boolean nested = ids.get(0).isArray();
        List<JsonNode> texts = new ArrayList<>();
        if (nested) {
            ids.forEach(texts::add);
        } else {
            texts.add(ids);
        }
        if (texts.size() > limits.maxTexts()) {
            throw new LimitExceededException("ids", texts.size(), limits.maxTexts(), "lists", "wordvec.limits.max-texts");
        }
        boolean skip = request.skip_special_tokens() == null || request.skip_special_tokens();
        List<String> out = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            JsonNode list = texts.get(t);
            String where = nested ? "ids[" + t + "]" : "ids";
            if (!list.isArray()) {
                throw new InvalidRequestException("ids", where + " must be a list of token ids, as ids[0] is");
            }
            if (list.size() > limits.maxWords()) {
                throw new LimitExceededException(where, list.size(), limits.maxWords(), "ids",
                        "wordvec.limits.max-words");
            }
            long[] values = new long[list.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode id = list.get(i);
                if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                    throw new InvalidRequestException("ids", where + "[" + i + "] must be a token id (a whole number "
                            + "from 0), not " + id);
                }
                values[i] = id.intValue();
            }
            out.add(network.decode(values, skip));
        }
        return out;
    }

    @Operation(operationId = "teiInfo", summary = "TEI: what is served", description = """
            TEI's `/info` for the default model (or `?model=`): its name (for a model fetched from the Hugging \
            Face Hub, its repository as TEI gives it, and in `model_sha` the commit of its files), dtype, pooling, the longest input in \
            tokens (for a word-vector model, in characters: `max-text-length`), the most inputs a request \
            may send (`max-texts`), and wordvec's version. `auto_truncate` is `wordvec.tei.auto-truncate`: whether \
            `/embed` cuts a long input that the request does not say what to do with.""")
    @GetMapping("/info")
    TeiInfo info(@RequestParam(name = "model", required = false) String modelParameter) {
        LoadedModel model = registry.require(modelParameter);
        ModelSummary summary = registry.summaries().stream().filter(s -> s.name().equals(model.name()))
                .findFirst().orElseThrow();
        boolean contextual = model.kind() == ModelKind.CONTEXTUAL;
        int maxInput = contextual ? Math.max(0, model.contextual().network().maxTokens()) : limits.maxTextLength();
        String pooling = contextual ? model.contextual().network().settings().pooling().id() : "mean";
        // A model fetched from the Hub is named as TEI names it: its repository, and the commit of its files.
        ModelSummary.Hub hub = summary.encoder() == null ? null : summary.encoder().hub();
        return new TeiInfo(hub != null ? hub.repository() : model.name(), hub != null ? hub.commit() : null,
                summary.dtype(), new TeiModelType(new TeiPooling(pooling)), requestThreads,
                maxInput, maxInput * limits.maxTexts(), null, limits.maxTexts(), autoTruncate, requestThreads, version,
                null, null);
    }

    /**
     * TEI's {@code /health}, for health checks written for TEI: 200 with no body when every model
     * answers; 503 ({@code model-not-ready}, TEI's {@code Unhealthy}, with {@code Retry-After})
     * naming the first that does not. A probe, as {@code /readyz} is (which says the same): open
     * without an API key, and left out of the API document as the probes are.
     */
    @io.swagger.v3.oas.annotations.Hidden
    @GetMapping("/health")
    ResponseEntity<Void> health() {
        registry.handles().stream().filter(handle -> handle.loaded().isEmpty()).findFirst().ifPresent(handle -> {
            throw new ModelNotReadyException(handle.name(), handle.status());
        });
        return ResponseEntity.ok().build();
    }

    /** The prompt a request names (null: the model's default, if any), as TEI's {@code prompt_name} names it. */
    private static String prompt(ContextualEncoder encoder, String name) {
        try {
            return encoder.prompt(name);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("prompt_name", e.getMessage());
        }
    }

    /** TEI's {@code inputs}: one text, or a non-empty list of texts within the service's limits. */
    private List<String> texts(JsonNode inputs) {
        if (inputs == null || inputs.isNull()) {
            throw new InvalidRequestException("inputs", "the request needs 'inputs': a text or a list of texts");
        }
        List<String> texts = new ArrayList<>();
        if (inputs.isString()) {
            texts.add(inputs.asString());
        } else if (inputs.isArray()) {
            if (inputs.isEmpty()) {
                throw new TeiException(HttpStatus.BAD_REQUEST, "Empty", "empty-batch", "`inputs` cannot be empty");
            }
            if (inputs.size() > limits.maxTexts()) {
                throw new LimitExceededException("inputs", inputs.size(), limits.maxTexts(), "items",
                        "wordvec.limits.max-texts");
            }
            for (int i = 0; i < inputs.size(); i++) {
                if (!inputs.get(i).isString()) {
                    throw new InvalidRequestException("inputs", "inputs[" + i + "] must be a text: wordvec takes "
                            + "texts, not token ids");
                }
                texts.add(inputs.get(i).asString());
            }
        } else {
            throw new InvalidRequestException("inputs", "'inputs' must be a text or a list of texts");
        }
        for (int i = 0; i < texts.size(); i++) {
            withinLength(texts.get(i), texts.size() == 1 ? "inputs" : "inputs[" + i + "]");
        }
        return texts;
    }

    /** {@code text}, if it is within {@code max-text-length} characters; else a 413 naming {@code field}. */
    private String withinLength(String text, String field) {
        if (text.length() > limits.maxTextLength()) {
            throw new LimitExceededException(field, text.length(), limits.maxTextLength(), "characters",
                    "wordvec.limits.max-text-length");
        }
        return text;
    }

    /** The request's place in the contextual queue; refused as TEI refuses past its queue's bound: 429, Overloaded. */
    private static QueueBudget.Reservation admit(ContextualEncoder encoder, List<String> texts, boolean tokenVectors) {
        try {
            return encoder.admit(texts, tokenVectors);
        } catch (QueueBudget.QueueFullException e) {
            throw new TeiException(HttpStatus.TOO_MANY_REQUESTS, "Overloaded", "busy", e.getMessage());
        }
    }

    /**
     * Each text as the network will see it: cut at the model's maximum on the side asked for when
     * {@code truncate} is true (when not given: {@code wordvec.tei.auto-truncate}); otherwise a text
     * over it is refused with TEI's own error.
     */
    private List<SentenceTransformer.Tokenized> tokenized(ContextualEncoder encoder, List<String> texts,
            Boolean truncate, String direction) {
        boolean keepEnd = switch (direction == null ? "right" : direction.toLowerCase(Locale.ROOT)) {
            case "right" -> false;
            case "left" -> true;
            default -> throw new InvalidRequestException("truncation_direction", "'truncation_direction' is "
                    + "'Right' or 'Left', not '" + direction + "'");
        };
        SentenceTransformer network = encoder.network();
        List<SentenceTransformer.Tokenized> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            SentenceTransformer.Tokenized tokens = keepEnd ? network.tokenizeKeepingEnd(text) : network.tokenize(text);
            if (tokens.truncated() && !(truncate == null ? autoTruncate : truncate)) {
                int max = network.maxTokens();
                int given = network.tokenizeWhole(text, true).length();
                // TEI's words, then which input and what to do about it.
                throw new TeiException(HttpStatus.CONTENT_TOO_LARGE, "Validation", "input-too-long",
                        "Input validation error: `inputs` must have less than " + max + " tokens. Given: " + given
                                + " (" + (texts.size() == 1 ? "inputs" : "inputs[" + i + "]") + "; model '"
                                + encoder.name() + "' takes at most " + max + " tokens: send \"truncate\": true to "
                                + "cut it)");
            }
            out.add(tokens);
        }
        return out;
    }

    /** TEI's tokens: a piece of the text with UTF-8 byte offsets, or a special token with none. */
    private static List<TeiToken> tokens(SentenceTransformer.Tokenized tokenized) {
        String text = tokenized.text();
        // The tokenizer counts code points; TEI answers in bytes of the UTF-8 text. Where each code
        // point starts, in chars and in bytes, is worked out once: per token it cost a pass over the
        // text before it (seconds for a 100,000-character text).
        int points = text.codePointCount(0, text.length());
        int[] chars = new int[points + 1];
        int[] bytes = new int[points + 1];
        for (int p = 0, c = 0; p < points; p++) {
            int codePoint = text.codePointAt(c);
            c += Character.charCount(codePoint);
            chars[p + 1] = c;
            bytes[p + 1] = bytes[p] + utf8Length(codePoint);
        }
        List<TeiToken> tokens = new ArrayList<>(tokenized.length());
        for (int i = 0; i < tokenized.length(); i++) {
            if (tokenized.special()[i] || tokenized.start(i) < 0) {
                tokens.add(new TeiToken(tokenized.ids()[i], tokenized.tokens()[i], true, null, null));
                continue;
            }
            // Offsets into a lower-cased text can run past the original where lower-casing lengthened it: clamped.
            int from = Math.min(tokenized.start(i), points);
            int to = Math.min(tokenized.end(i), points);
            tokens.add(new TeiToken(tokenized.ids()[i], text.substring(chars[from], chars[to]), false, bytes[from],
                    bytes[to]));
        }
        return tokens;
    }

    /** A code point's length in UTF-8, as {@code String.getBytes} writes it (a lone surrogate as {@code ?}). */
    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80 || codePoint <= 0xFFFF && Character.isSurrogate((char) codePoint)) {
            return 1;
        }
        return codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
