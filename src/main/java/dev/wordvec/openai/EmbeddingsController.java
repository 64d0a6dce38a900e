package dev.wordvec.openai;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
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

    EmbeddingsController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record EmbeddingsRequest(String model, JsonNode input, String encoding_format, Integer dimensions, String user) {
    }

    /** {@code embedding} is a float array, or a base64 string of little-endian float32 values. */
    record Embedding(String object, int index, Object embedding) {
    }

    record Usage(int prompt_tokens, int total_tokens) {
    }

    record EmbeddingsResponse(String object, List<Embedding> data, String model, Usage usage) {
    }

    record ModelEntry(String id, String object, long created, String owned_by) {
    }

    record ModelList(String object, List<ModelEntry> data) {
    }

    @Operation(summary = "OpenAI-compatible embeddings", description = """
            The OpenAI embeddings API, for the official SDKs and LangChain: `input` as a string, strings, \
            token ids or lists of token ids (cl100k_base, decoded to text), `encoding_format` `float` or \
            `base64`, `dimensions` (truncated and re-normalised). Each vector is the text's mean word \
            vector, as `/sentence-vector`. Errors use OpenAI's `{"error": {...}}` shape.""")
    @PostMapping("/v1/embeddings")
    EmbeddingsResponse embeddings(@RequestBody EmbeddingsRequest request) {
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
        List<Input> inputs = inputs(request.input());
        List<SentenceEncoder.Encoded> texts = loaded.encode(inputs.stream().map(Input::text).toList(),
                TextEncoding.MEAN, loaded.oov(null, OovPolicy.SKIP)).texts();
        List<Embedding> data = new ArrayList<>(inputs.size());
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            SentenceEncoder.Encoded encoded = texts.get(i);
            if (encoded.vector() == null) {
                throw OpenAiException.invalid("input", "input[" + i + "] has no word that model '" + loaded.name()
                        + "' knows (unknown: " + encoded.unknown() + ")");
            }
            float[] vector = dimensions == null ? encoded.vector() : truncateAndNormalize(encoded.vector(), dimensions);
            data.add(new Embedding("embedding", i, format.equals("base64") ? base64(vector) : vector));
            tokens += inputs.get(i).tokens() >= 0 ? inputs.get(i).tokens() : encoded.tokens().size();
        }
        return new EmbeddingsResponse("list", data, loaded.name(), new Usage(tokens, tokens));
    }

    @Operation(summary = "OpenAI-compatible model list")
    @GetMapping("/v1/models")
    ModelList models() {
        List<ModelEntry> data = registry.handles().stream().map(ModelHandle::name)
                .map(name -> new ModelEntry(name, "model", 0, "wordvec")).toList();
        return new ModelList("list", data);
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
            if (!id.isIntegralNumber() || id.asLong() < 0 || id.asLong() > Integer.MAX_VALUE) {
                throw OpenAiException.invalid("input", where + " must hold only non-negative token ids");
            }
            tokens.add(id.asInt());
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

    private static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
