package dev.wordvec.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelHandle;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.query.TextEncoder;
import dev.wordvec.query.TextEncoding;
import dev.wordvec.vectors.VectorMath;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI embeddings API, so services that use the official SDKs (or LangChain) can point
 * their base URL at wordvec. Each input's embedding is its sentence vector, the same as
 * {@code POST /sentence-vector} gives.
 */
@RestController
@Tag(name = "openai")
class EmbeddingsController {

    /** LangChain's OpenAIEmbeddings sends cl100k_base token ids: decode them back to text. */
    /**
     * The cl100k_base tokenizer, built on the first request that sends token ids: building it (a
     * 100k-entry vocabulary) took a quarter of the service's start-up, and most clients send text.
     */
    private static final class Cl100k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    EmbeddingsController(ModelRegistry registry, WordvecProperties properties,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.registry = registry;
        this.limits = properties.limits();
        this.meters = meters;
    }

    /**
     * @param oov what an input with no known word gets: {@code zero} (default: a zero vector, listed
     *     in {@code zero_vectors}) or {@code error} (a 400 naming it, as the model's {@code oov: error} does too)
     * @param normalize {@code true}: every vector at unit length, as OpenAI's and TEI's are (an
     *     extension; a word-vector model's mean is otherwise answered as {@code /sentence-vector} gives it)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EmbeddingsRequest(String model, JsonNode input, String encoding_format, Integer dimensions, String user,
            String oov, Boolean normalize) {
    }

    /** {@code embedding} is a float array, or a base64 string of little-endian float32 values. */
    record Embedding(String object, int index, Object embedding) {
    }

    record Usage(int prompt_tokens, int total_tokens) {
    }

    /**
     * @param zero_vectors the inputs (by index) that had no word the model knows and got a zero
     *     vector; left out when none did (an extension: OpenAI's own clients ignore it)
     * @param truncated the inputs (by index) a contextual model cut to its maximum tokens; left out
     *     when none was (an extension too)
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record EmbeddingsResponse(String object, List<Embedding> data, String model, Usage usage, List<Integer> zero_vectors,
            List<Integer> truncated) {
    }

    record ModelEntry(String id, String object, long created, String owned_by) {
    }

    record ModelList(String object, List<ModelEntry> data) {
    }

    @Operation(summary = "OpenAI-compatible embeddings", description = """
            The OpenAI embeddings API, for the official SDKs and LangChain: `input` as a string, strings, \
            token ids or lists of token ids (cl100k_base, decoded to text), `encoding_format` `float` or \
            `base64`, `dimensions` (truncated and re-normalised). Each vector is the text's mean word \
            vector, as `/sentence-vector` (at unit length with `"normalize": true`). An input with no known \
            word gets a zero vector (listed in `zero_vectors` and counted in the `X-Wordvec-Zero-Vectors` \
            header), unless `oov` is `error` (per request, or the model's `oov`). Errors use OpenAI's \
            `{"error": {...}}` shape.""")
    @PostMapping("/v1/embeddings")
    ResponseEntity<EmbeddingsResponse> embeddings(@RequestBody EmbeddingsRequest request) {
        if (request.model() == null || request.model().isBlank()) {
            throw OpenAiException.invalid("model", "you must provide a model parameter");
        }
        TextEncoder loaded = model(request.model()).texts();
        String format = request.encoding_format() == null ? "float" : request.encoding_format();
        if (!format.equals("float") && !format.equals("base64")) {
            throw OpenAiException.invalid("encoding_format", "encoding_format must be 'float' or 'base64', not '"
                    + format + "'");
        }
        int dimension = loaded.dimension();
        Integer dimensions = request.dimensions();
        if (dimensions != null && (dimensions < 1 || dimensions > dimension)) {
            throw OpenAiException.invalid("dimensions", "dimensions must be between 1 and " + dimension
                    + " for model '" + loaded.name() + "', was " + dimensions);
        }
        OovPolicy policy = loaded.oov(null, OovPolicy.SKIP);
        boolean strict = strict(request.oov(), policy);
        List<Input> inputs = inputs(request.input());
        List<SentenceEncoder.Encoded> texts = loaded.encode(inputs.stream().map(Input::text).toList(),
                TextEncoding.MEAN, policy.refusesUnknown() ? OovPolicy.SKIP : policy).texts();
        List<Embedding> data = new ArrayList<>(inputs.size());
        List<Integer> zeros = new ArrayList<>();
        List<Integer> truncated = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            SentenceEncoder.Encoded encoded = texts.get(i);
            float[] vector = encoded.vector();
            if (vector == null) {
                if (strict) {
                    throw OpenAiException.invalid("input", "input[" + i + "] has no word that model '" + loaded.name()
                            + "' knows (unknown: " + encoded.unknown() + ")");
                }
                // LangChain and LlamaIndex send chunks such as "1234": one of them must not stop a whole batch.
                vector = new float[dimension];
                zeros.add(i);
            }
            if (dimensions != null) {
                vector = truncateAndNormalize(vector, dimensions);
            } else if (Boolean.TRUE.equals(request.normalize())) {
                vector = VectorMath.unitLength(vector);
            }
            data.add(new Embedding("embedding", i, format.equals("base64") ? VectorMath.base64(vector) : vector));
            tokens += inputs.get(i).tokens() >= 0 ? inputs.get(i).tokens() : encoded.tokens().size();
            if (encoded.truncated()) {
                truncated.add(i);
            }
        }
        if (!zeros.isEmpty()) {
            meters.counter("wordvec.openai.zero.vectors", "model", loaded.name()).increment(zeros.size());
        }
        return ResponseEntity.ok().header(ZERO_VECTORS_HEADER, String.valueOf(zeros.size()))
                .header(TRUNCATED_HEADER, String.valueOf(truncated.size()))
                .body(new EmbeddingsResponse("list", data, loaded.name(), new Usage(tokens, tokens),
                        zeros.isEmpty() ? null : zeros, truncated.isEmpty() ? null : truncated));
    }

    /** Counted in the header on every answer, so a client can watch it without parsing the body. */
    static final String ZERO_VECTORS_HEADER = "X-Wordvec-Zero-Vectors";
    /** How many inputs a contextual model cut to its maximum tokens (always 0 for word-vector models). */
    static final String TRUNCATED_HEADER = "X-Wordvec-Truncated";

    /** {@code oov} as asked: {@code error} refuses inputs with no known word, {@code zero} (default) answers zeros. */
    private static boolean strict(String requested, OovPolicy modelPolicy) {
        if (requested == null) {
            return modelPolicy.refusesUnknown();
        }
        return switch (requested) {
            case "error" -> true;
            case "zero" -> false;
            default -> throw OpenAiException.invalid("oov", "oov must be 'zero' or 'error', not '" + requested + "'");
        };
    }

    @Operation(operationId = "openAiModel", summary = "OpenAI-compatible model description")
    @GetMapping("/v1/models/{id}")
    ModelEntry describe(@PathVariable String id) {
        return registry.handles().stream().filter(h -> h.name().equals(id)).findFirst().map(EmbeddingsController::entry)
                .orElseThrow(() -> new OpenAiException(HttpStatus.NOT_FOUND, "invalid_request_error", "model",
                        "model_not_found", "The model '" + id + "' does not exist"));
    }

    @Operation(operationId = "openAiModels", summary = "OpenAI-compatible model list")
    @GetMapping("/v1/models")
    ModelList models() {
        return new ModelList("list", registry.handles().stream().filter(h -> h.loaded().isPresent())
                .map(EmbeddingsController::entry).toList());
    }

    /** OpenAI's {@code created} is Unix seconds: here when the version answering was loaded (0 before). */
    private static ModelEntry entry(ModelHandle handle) {
        java.time.Instant loaded = handle.loadedAt();
        return new ModelEntry(handle.name(), "model", loaded == null ? 0 : loaded.getEpochSecond(), "wordvec");
    }

    private LoadedModel model(String name) {
        try {
            return registry.require(name);
        } catch (dev.wordvec.models.UnknownModelException e) {
            throw new OpenAiException(HttpStatus.NOT_FOUND, "invalid_request_error", "model", "model_not_found",
                    "The model '" + name + "' does not exist; the models are " + e.known());
        } catch (dev.wordvec.models.ModelNotReadyException e) {
            throw new OpenAiException(HttpStatus.SERVICE_UNAVAILABLE, "server_error", "model", "model_not_ready",
                    e.getMessage());
        }
    }

    /** One input text, and its token count when it came as token ids (-1: count words). */
    private record Input(String text, int tokens) {
    }

    private List<Input> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw OpenAiException.invalid("input", "you must provide an input parameter");
        }
        if (input.isString()) {
            return List.of(new Input(input.asString(), -1));
        }
        if (!input.isArray() || input.isEmpty()) {
            throw OpenAiException.invalid("input", "input must be a string, an array of strings, an array of "
                    + "token ids or an array of token id arrays, and not empty");
        }
        if (input.get(0).isIntegralNumber()) {
            return List.of(decode(input, "input"));
        }
        if (input.size() > limits.maxTexts()) {
            throw new OpenAiException(HttpStatus.CONTENT_TOO_LARGE, "invalid_request_error", "input", null,
                    "input has " + input.size() + " items; the limit is " + limits.maxTexts() + " (wordvec.limits.max-texts)");
        }
        List<Input> inputs = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isString()) {
                inputs.add(new Input(item.asString(), -1));
            } else if (item.isArray()) {
                inputs.add(decode(item, "input[" + i + "]"));
            } else {
                throw OpenAiException.invalid("input", "input[" + i + "] must be a string or an array of token ids");
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).text().length() > limits.maxTextLength()) {
                throw new OpenAiException(HttpStatus.CONTENT_TOO_LARGE, "invalid_request_error", "input", null,
                        "input[" + i + "] has " + inputs.get(i).text().length() + " characters; the limit is "
                                + limits.maxTextLength() + " (wordvec.limits.max-text-length)");
            }
        }
        return inputs;
    }

    private static Input decode(JsonNode ids, String where) {
        IntArrayList tokens = new IntArrayList(ids.size());
        for (JsonNode id : ids) {
            if (!id.isIntegralNumber() || id.bigIntegerValue().signum() < 0) {
                throw OpenAiException.invalid("input", where + " must hold only non-negative token ids");
            }
            if (!id.canConvertToInt()) { // a JSON number of any size parses; no vocabulary is that large
                throw OpenAiException.invalid("input", where + " holds a token id that cl100k_base does not have");
            }
            tokens.add(id.intValue());
        }
        try {
            return new Input(Cl100k.ENCODING.decode(tokens), ids.size());
        } catch (RuntimeException e) {
            throw OpenAiException.invalid("input", where + " holds a token id that cl100k_base does not have");
        }
    }

    /** OpenAI's {@code dimensions}: keep the first components, then make the vector unit length again. */
    private static float[] truncateAndNormalize(float[] vector, int dimensions) {
        return VectorMath.unitLength(java.util.Arrays.copyOf(vector, dimensions));
    }
}
