package dev.wordvec.web;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finishes the OpenAPI document springdoc derives from the controllers, so that a client can be
 * generated from it and a person can read it: each schema property's description (from
 * {@code openapi/descriptions.properties}), the enums and required properties the records cannot
 * say, real types for the fields Java holds as {@code Object} or {@code JsonNode}, plain objects
 * for the similarity forms, OpenAI's error shape under {@code /v1}, and the README's examples
 * per operation (from {@code openapi/examples.json}).
 */
final class ApiDocumentation {

    static final String PROBLEM = "Problem";
    static final String OPENAI_ERROR = "OpenAiError";
    private static final String REF = "#/components/schemas/";

    /** A contextual model's poolings, as its settings and answers name them. */
    private static final List<String> POOLINGS = List.of("mean", "cls", "max", "mean-sqrt-len", "weighted-mean",
            "last-token");

    /** String properties that take one of a few values, by property name (or Schema.property). */
    private static final Map<String, List<String>> ENUMS = Map.ofEntries(
            Map.entry("oov", List.of("error", "skip", "zero", "subword")),
            Map.entry("VectorsRequest.oov", List.of("skip", "zero", "error", "subword")),
            Map.entry("NeighborsRequest.oov", List.of("error", "skip", "subword")),
            Map.entry("AnalogyRequest.oov", List.of("error", "skip", "subword")),
            Map.entry("DoesntMatchRequest.oov", List.of("skip", "error", "subword")),
            Map.entry("WordMoversRequest.oov", List.of("skip", "error", "subword")),
            Map.entry("WordMoversRankingRequest.oov", List.of("skip", "error", "subword")),
            Map.entry("SentenceRequest.oov", List.of("skip", "error", "subword")),
            Map.entry("EmbeddingsRequest.oov", List.of("zero", "error")),
            Map.entry("weighting", List.of("mean", "sif", "weights", "fasttext")),
            Map.entry("method", List.of("add", "mul")),
            Map.entry("encoding_format", List.of("float", "base64")),
            Map.entry("dtype", List.of("float32", "float16", "int8")),
            Map.entry("ModelSummary.status", List.of("pending", "loading", "ready", "failed")),
            Map.entry("sourceState", List.of("unchanged", "changed", "missing", "unknown")),
            Map.entry("format", List.of("glove", "word2vec-text", "fasttext-vec", "word2vec-binary",
                    "fasttext-bin", "gensim", "wordvec", "onnx")),
            Map.entry("CatalogueModel.format", List.of("glove", "word2vec-text", "fasttext-vec", "word2vec-binary",
                    "fasttext-bin")),
            Map.entry("kind", List.of("words", "contextual")),
            Map.entry("Index.kind", List.of("hnsw")),
            Map.entry("Encoder.pooling", POOLINGS),
            Map.entry("SentenceResponse.pooling", POOLINGS),
            Map.entry("TextsSimilarity.pooling", POOLINGS),
            Map.entry("search", List.of("exact", "hnsw")),
            Map.entry("stage", List.of("waiting", "downloading", "reading", "indexing")),
            Map.entry("origin", List.of("built", "mapped")),
            Map.entry("caseFallback", List.of("exact", "lower", "capitalized")),
            Map.entry("principalComponent", List.of("reference", "request")),
            Map.entry("Embedding.object", List.of("embedding")),
            Map.entry("EmbeddingsResponse.object", List.of("list")),
            Map.entry("ModelList.object", List.of("list")),
            Map.entry("ModelEntry.object", List.of("model")),
            Map.entry("ModelEntry.owned_by", List.of("wordvec")),
            Map.entry("truncation_direction", List.of("Right", "Left")),
            Map.entry("error_type", List.of("Validation", "Empty", "Unhealthy", "Backend")),
            Map.entry("TeiPooling.pooling", POOLINGS));

    /** Properties a request must have, or a response always has. */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("VectorsRequest", List.of("words")),
            Map.entry("EmbeddingsRequest", List.of("model", "input")),
            Map.entry("EvaluationSet", List.of("name", "text")),
            Map.entry("Neighbor", List.of("word", "similarity")),
            Map.entry("WordMoversResponse", List.of("model", "distance", "moves", "unknown", "matched")),
            Map.entry("Move", List.of("from", "to", "weight", "distance")),
            Map.entry("WordMoversRankingRequest", List.of("text", "documents")),
            Map.entry("WordMoversRankingResponse", List.of("model", "results", "unknown", "matched")),
            Map.entry("Ranked", List.of("index", "distance", "similarity")),
            Map.entry("Embedding", List.of("object", "index", "embedding")),
            Map.entry("EmbeddingsResponse", List.of("object", "data", "model", "usage")),
            Map.entry("Usage", List.of("prompt_tokens", "total_tokens")),
            Map.entry("ModelEntry", List.of("id", "object", "created", "owned_by")),
            Map.entry("ModelList", List.of("object", "data")),
            Map.entry("VectorResponse", List.of("model", "word", "dimension")),
            Map.entry("VectorsResponse", List.of("model", "dimension", "vectors", "unknown")),
            Map.entry("SentenceResponse", List.of("model", "dimension", "weighting", "results")),
            Map.entry("SentenceResult", List.of("text", "tokens", "unknown")),
            Map.entry("ModelsResponse", List.of("defaultModel", "models")),
            Map.entry("ModelSummary", List.of("name", "default", "status", "format", "source")),
            Map.entry("WordsResponse", List.of("model", "total", "offset", "limit", "words")),
            Map.entry("TeiEmbedRequest", List.of("inputs")),
            Map.entry("TeiTokenizeRequest", List.of("inputs")),
            Map.entry("TeiDecodeRequest", List.of("ids")),
            Map.entry("TeiToken", List.of("id", "text", "special", "start", "stop")),
            Map.entry("TeiInfo", List.of("model_id", "model_dtype", "model_type", "max_concurrent_requests",
                    "max_input_length", "max_batch_tokens", "max_client_batch_size", "auto_truncate",
                    "tokenization_workers", "version")),
            Map.entry(PROBLEM, List.of("type", "title", "status", "detail")),
            Map.entry(OPENAI_ERROR, List.of("error")),
            Map.entry("OpenAiErrorBody", List.of("message", "type", "param", "code")));

    /**
     * Response properties that can be null (an unknown word's vector under {@code oov=skip}, a
     * similarity with nothing to compare, a catalogue entry's unknown size...). OpenAPI 3.1 says so
     * with {@code "null"} among the types; a generated client in a strict language would otherwise
     * fail on the null.
     */
    private static final Set<String> NULLABLE = Set.of(
            "CatalogueModel.md5", "CatalogueModel.member", "CatalogueModel.size", "CatalogueResponse.mirror",
            "Encoder.defaultPrompt", "Encoder.truncateDim", "Lookup.oov",
            "OpenAiErrorBody.code", "OpenAiErrorBody.param",
            "PairSimilarity.similarity", "Point.similarity", "Ranked.distance", "Scored.similarity",
            "SentenceResponse.principalComponent", "SentenceResponse.weighting", "SentenceResult.vector",
            "SetsSimilarity.similarity",
            "TeiInfo.docker_label", "TeiInfo.max_batch_requests", "TeiInfo.model_sha", "TeiInfo.sha",
            "TeiToken.start", "TeiToken.stop", "TextsSimilarity.similarity", "TextsSimilarity.weighting",
            "VectorResponse.matched", "VectorResponse.vector", "WordMoversResponse.distance",
            "WordVector.matched", "WordVector.vector", "WordsSimilarity.similarity");

    private static final Map<Integer, String> OPENAI_ERRORS = Map.of(
            400, "Invalid request (`invalid_request_error`, with `param`)",
            401, "Missing or wrong API key (`authentication_error`), when API keys are configured",
            404, "Unknown model (`model_not_found`)",
            413, "The body is over `wordvec.http.max-body-size`, or over a limit such as `max-texts`",
            503, "The model is still loading (`server_error`), or the texts waiting for the contextual models "
                    + "hold what `wordvec.batching.queued-text-memory` allows, or a large body waited "
                    + "`wordvec.http.heavy-wait` for its turn (code `busy`); with a `Retry-After` header");

    static final String INVALID_REQUEST = "Invalid request: `urn:wordvec:problem:invalid-request` (with `field`) "
            + "or `malformed-body`";

    private static final Map<Integer, String> HEAD_STATUSES = Map.of(
            400, "Invalid request: a parameter GET would refuse, or a model without word vectors",
            401, "Missing or wrong API key, when API keys are configured",
            404, "Unknown word, or unknown model",
            503, "The model is still loading, with a `Retry-After` header");

    /** TEI's routes answer problems with TEI's {@code error} and {@code error_type} added. */
    private static final Map<Integer, String> TEI_ERRORS = Map.of(
            400, "Invalid request (`invalid-request`, with `field`; `error_type` `Validation`), an empty "
                    + "`inputs` list (`empty-batch`, `Empty`), or a word-vector model where a contextual one is "
                    + "needed (`not-a-contextual-model`)",
            404, "Unknown model (`unknown-model`; `error_type` `Validation`)",
            413, "An input over the model's maximum tokens without `truncate` (`input-too-long`, TEI's "
                    + "`Validation` error), or over a limit such as `max-texts` (`limit-exceeded`)",
            429, "The texts waiting for the contextual models hold what `wordvec.batching.queued-text-memory` "
                    + "allows (`busy`; `error_type` `Overloaded`, as TEI answers past its queue's bound): send again "
                    + "later",
            503, "A model is still loading (`model-not-ready`; `error_type` `Unhealthy`), with a "
                    + "`Retry-After` header");

    /** TEI's routes that run the network, and so wait in the contextual models' queue. */
    private static final java.util.Set<String> TEI_QUEUED = java.util.Set.of("/", "/embed", "/embed_all");

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final Properties descriptions = new Properties();
    private final JsonNode examples;

    ApiDocumentation() {
        try (Reader in = resource("openapi/descriptions.properties")) {
            descriptions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Reader in = resource("openapi/examples.json")) {
            examples = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void finish(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        addErrorSchemas(schemas);
        flattenSimilarityForms(api, schemas);
        typeUntypedFields(schemas);
        new TreeMap<>(schemas).forEach((name, schema) -> describe(name, schema));
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (path.startsWith("/v1/")) {
                addOpenAiErrors(method, path, operation);
            } else if (method == PathItem.HttpMethod.HEAD) {
                // A HEAD answer has no body; its status says what GET's problem would.
                HEAD_STATUSES.forEach((status, description) -> operation.getResponses()
                        .addApiResponse(String.valueOf(status), new ApiResponse().description(description)));
            } else {
                if (operation.getTags() != null && operation.getTags().contains("tei")) {
                    (method != PathItem.HttpMethod.POST ? List.of(400, 404, 503)
                            : TEI_QUEUED.contains(path) ? List.of(400, 404, 413, 429, 503)
                            : List.of(400, 404, 413, 503))
                            .forEach(status -> operation.getResponses().addApiResponse(String.valueOf(status),
                                    problemResponse(TEI_ERRORS.get(status))));
                }
                operation.getResponses().addApiResponse("401", problemResponse(
                        "Missing or wrong API key (`unauthorized`), when API keys are configured"));
                // Every route refuses a query parameter it does not take.
                operation.getResponses().computeIfAbsent("400", status -> problemResponse(INVALID_REQUEST));
            }
            describeParameters(operation);
            addExamples(method + " " + path, operation);
        }));
    }

    /** A problem response for {@code status}: RFC 9457's body, described. */
    static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(ref(PROBLEM))));
    }

    private static void addErrorSchemas(Map<String, Schema> schemas) {
        schemas.put(PROBLEM, new ObjectSchema().description("An RFC 9457 problem: what went wrong, for "
                        + "programs (`type`) and for people (`detail`); some types add the members listed.")
                .addProperty("type", new StringSchema().example("urn:wordvec:problem:unknown-word"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("field", new StringSchema())
                .addProperty("word", new StringSchema())
                .addProperty("words", new ArraySchema().items(new StringSchema()))
                .addProperty("model", new StringSchema())
                .addProperty("models", new ArraySchema().items(new StringSchema()))
                .addProperty("modelStatus", new StringSchema())
                .addProperty("kind", new StringSchema())
                .addProperty("size", new IntegerSchema())
                .addProperty("limit", new IntegerSchema())
                .addProperty("error", new StringSchema())
                .addProperty("error_type", new StringSchema()));
        schemas.put("OpenAiErrorBody", new ObjectSchema().description("OpenAI's error details.")
                .addProperty("message", new StringSchema())
                .addProperty("type", new StringSchema())
                .addProperty("param", new StringSchema())
                .addProperty("code", new StringSchema()));
        schemas.put(OPENAI_ERROR, new ObjectSchema().description("OpenAI's error body, which its SDKs parse.")
                .addProperty("error", ref("OpenAiErrorBody")));
    }

    /**
     * The five similarity responses come from a sealed interface, which springdoc writes as a base
     * schema that each form extends: a client generator would make a useless base class, and
     * could not tell the forms apart. Each form becomes a plain object with its {@code form}
     * value, and the response is one of them, chosen by {@code form} (Jackson's type names).
     */
    private static void flattenSimilarityForms(OpenAPI api, Map<String, Schema> schemas) {
        String base = "SimilarityResponse";
        JsonSubTypes.Type[] types = SimilarityController.SimilarityResponse.class.getAnnotation(JsonSubTypes.class)
                .value();
        List<Schema> forms = new ArrayList<>();
        Discriminator discriminator = new Discriminator().propertyName("form");
        for (JsonSubTypes.Type type : types) {
            String name = type.value().getSimpleName();
            Schema schema = schemas.get(name);
            Map<String, Schema> properties = new LinkedHashMap<>();
            properties.put("form", new StringSchema()._enum(List.of(type.name())).description(
                    "The request's form: `" + type.name() + "`."));
            schema.getAllOf().stream().filter(part -> ((Schema) part).get$ref() == null)
                    .forEach(part -> properties.putAll(((Schema) part).getProperties()));
            schema.setAllOf(null);
            schema.addType("object");
            schema.setProperties(properties);
            schema.setRequired(List.of("form"));
            forms.add(ref(name));
            discriminator.mapping(type.name(), REF + name);
        }
        schemas.put(base, new Schema<>().description("One of the five forms, as `form` says.").oneOf(forms)
                .discriminator(discriminator));
        api.getPaths().get("/similarity").getPost().getResponses().get("200").getContent().get("application/json")
                .setSchema(ref(base));
        api.getPaths().get("/").getPost().getResponses().get("200").getContent().get("application/json")
                .setSchema(new Schema<>().oneOf(List.of(ref("TeiVectors"), ref("TeiScores"))));
    }

    /**
     * Fields that Java holds loosely ({@code Object}, {@code JsonNode}) get the types they accept.
     * The arrays inside a {@code oneOf} are named schemas: generators (openapi-generator's Java
     * client among them) cannot make a class for an anonymous array among alternatives.
     */
    private static void typeUntypedFields(Map<String, Schema> schemas) {
        schemas.remove("JsonNode");
        schemas.put("Texts", new ArraySchema().items(new StringSchema()).description("Several texts."));
        schemas.put("TokenIds", new ArraySchema().items(new IntegerSchema())
                .description("One text as cl100k_base token ids."));
        schemas.put("TokenIdLists", new ArraySchema().items(new ArraySchema().items(new IntegerSchema()))
                .description("Several texts, each as cl100k_base token ids."));
        schemas.put("Floats", new ArraySchema().items(new NumberSchema().format("float"))
                .description("A vector of floats."));
        schemas.put("WeightedWord", new ArraySchema().items(new Schema<>().oneOf(List.of(new StringSchema(),
                        new NumberSchema()))).minItems(2).maxItems(2)
                .description("gensim's `(word, weight)` tuple, as `[word, weight]`."));
        schemas.put("EmbeddingsInput", new Schema<>().description("One text or several, as text or token ids.")
                .oneOf(List.of(new StringSchema(), ref("Texts"), ref("TokenIds"), ref("TokenIdLists"))));
        schemas.get("EmbeddingsRequest").getProperties().put("input", ref("EmbeddingsInput"));
        schemas.put("EmbeddingVector", new Schema<>().description("A vector as floats, or as base64.")
                .oneOf(List.of(ref("Floats"), new StringSchema().description("base64 of little-endian float32 values"))));
        schemas.get("Embedding").getProperties().put("embedding", ref("EmbeddingVector"));
        schemas.put("TeiInputs", new Schema<>().description("One text, or several; on `POST /` also a "
                        + "sentence-similarity request.")
                .oneOf(List.of(new StringSchema(), ref("Texts"), ref("TeiSimilarityInputs"))));
        schemas.put("TeiSimilarityInputs", new ObjectSchema().description("`POST /` only: Hugging Face's "
                        + "sentence-similarity task, answered with each sentence's cosine similarity to the source.")
                .addProperty("source_sentence", new StringSchema().description("The text the others are compared with."))
                .addProperty("sentences", new ArraySchema().items(new StringSchema())
                        .description("The texts to compare with it, 1 to `max-texts` less one."))
                .required(List.of("source_sentence", "sentences")));
        schemas.put("TeiVectors", new ArraySchema().items(ref("Floats")).description("One vector per input, as `/embed`."));
        schemas.put("TeiScores", new ArraySchema().items(new NumberSchema().format("float"))
                .description("For a sentence-similarity request: each sentence's cosine similarity to the source."));
        schemas.get("TeiEmbedRequest").getProperties().put("inputs", ref("TeiInputs"));
        schemas.get("TeiTokenizeRequest").getProperties().put("inputs", ref("TeiInputs"));
        schemas.put("TeiIds", new Schema<>().description("One text's token ids, or several texts'.")
                .oneOf(List.of(ref("TeiIdList"), ref("TeiIdLists"))));
        schemas.put("TeiIdList", new ArraySchema().items(new IntegerSchema())
                .description("One text as the tokenizer's token ids."));
        schemas.put("TeiIdLists", new ArraySchema().items(new ArraySchema().items(new IntegerSchema()))
                .description("Several texts, each as token ids."));
        schemas.get("TeiDecodeRequest").getProperties().put("ids", ref("TeiIds"));
        schemas.put("AnalogyTerm", new Schema<>().description("A word, or a word with its weight.").oneOf(List.of(
                new StringSchema().description("A word (weight +1 or -1)"), ref("WeightedWord"))));
        for (String name : List.of("Analogy", "AnalogyRequest")) {
            for (String field : List.of("positive", "negative")) {
                schemas.get(name).getProperties().put(field, new ArraySchema().items(ref("AnalogyTerm")));
            }
        }
        schemas.put("EvaluationSet", new ObjectSchema().description("An evaluation set given as its file's text.")
                .addProperty("name", new StringSchema().description("The name its score is reported under."))
                .addProperty("text", new StringSchema().description("The file's content: analogies as "
                        + "`questions-words.txt`, or word pairs with a score per line, as WordSim-353's.")));
        schemas.put("EvaluationSetChoice", new Schema<>().description("A built-in set by name, or a set's text.")
                .oneOf(List.of(new StringSchema().description("A built-in set's name"), ref("EvaluationSet"))));
        schemas.get("EvaluationRequest").getProperties().put("analogies", ref("EvaluationSetChoice"));
        schemas.get("EvaluationRequest").getProperties().put("pairs", new ArraySchema().items(ref("EvaluationSetChoice")));
    }

    private static Schema<?> ref(String schema) {
        return new Schema<>().$ref(REF + schema);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void describe(String name, Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        properties.forEach((property, value) -> {
            String key = name + "." + property;
            if (value.getDescription() == null) {
                value.setDescription(descriptions.getProperty(key, descriptions.getProperty(property)));
            }
            List<String> values = ENUMS.getOrDefault(key, ENUMS.get(property));
            if (values != null && isString(value)) {
                value.setEnum(new ArrayList<>(values));
            }
            if (NULLABLE.contains(key)) {
                allowNull(value);
            }
        });
        List<String> required = REQUIRED.get(name);
        if (required != null) {
            schema.setRequired(required);
        }
    }

    /** OpenAPI 3.1's way: {@code "null"} among the types, and in the enum when there is one. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void allowNull(Schema value) {
        if (value.get$ref() != null) {
            throw new IllegalStateException("a nullable reference needs anyOf: " + value.get$ref());
        }
        if (value.getTypes() == null && value.getType() != null) {
            value.addType(value.getType());
        }
        value.addType("null");
        if (value.getEnum() != null) {
            value.getEnum().add(null);
        }
    }

    /** Query and path parameters: "parameter.name" first, then the property of the same name. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private void describeParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            String name = parameter.getName();
            if (parameter.getDescription() == null) {
                parameter.setDescription(descriptions.getProperty("parameter." + name, descriptions.getProperty(name)));
            }
            List<String> values = ENUMS.get(name);
            Schema schema = parameter.getSchema();
            if (values != null && schema != null && isString(schema)) {
                schema.setEnum(new ArrayList<>(values));
            }
        }
    }

    private static boolean isString(Schema<?> schema) {
        return "string".equals(schema.getType()) || schema.getTypes() != null && schema.getTypes().contains("string");
    }

    /** The OpenAI routes answer errors as OpenAI does, which its SDKs turn into their exceptions. */
    private static void addOpenAiErrors(PathItem.HttpMethod method, String path, Operation operation) {
        List<Integer> statuses = method == PathItem.HttpMethod.POST ? List.of(400, 401, 404, 413, 503)
                : path.contains("{") ? List.of(401, 404) : List.of(401);
        statuses.forEach(status -> {
            String description = OPENAI_ERRORS.get(status);
            operation.getResponses().addApiResponse(String.valueOf(status), new ApiResponse()
                    .description(description).content(new Content().addMediaType("application/json",
                            new MediaType().schema(ref(OPENAI_ERROR)))));
        });
    }

    /**
     * The README's examples: named request bodies, and example values for parameters. A test sends
     * every one to the running service, so none can drift from what the service accepts.
     */
    private void addExamples(String key, Operation operation) {
        JsonNode example = examples.get(key);
        if (example == null) {
            return;
        }
        JsonNode bodies = example.get("bodies");
        if (bodies != null && operation.getRequestBody() != null) {
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            Map<String, Example> named = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> body : bodies.properties()) {
                named.put(body.getKey(), new Example().summary(body.getKey()).value(MAPPER.convertValue(
                        body.getValue(), Object.class)));
            }
            json.setExamples(named);
        }
        JsonNode parameters = example.get("parameters");
        if (parameters != null && operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                JsonNode value = parameters.get(parameter.getName());
                if (value != null) {
                    parameter.setExample(MAPPER.convertValue(value, Object.class));
                }
            }
        }
    }

    private static Reader resource(String name) {
        InputStream in = ApiDocumentation.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
