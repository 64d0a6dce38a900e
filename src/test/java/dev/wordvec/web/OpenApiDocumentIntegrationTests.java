package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document as a client generator and a person read it, with the default settings and
 * two models, the built-in word vectors ({@code demo}) and the built-in contextual model
 * ({@code minilm}), so that every example has a model to answer it: committed as
 * {@code docs/openapi.json}, every property and parameter described, responses typed, and every
 * example accepted by the service it describes.
 *
 * <p>After changing the API, refresh the committed document with
 * {@code ./mvnw test -Dtest=OpenApiDocumentIntegrationTests -Dopenapi.update=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.demo.path=classpath:models/demo-57k-100d.vec.gz",
    "wordvec.models.minilm.kind=contextual",
    "wordvec.models.minilm-q.kind=contextual",
    "wordvec.models.minilm-q.quantized=true",
    "wordvec.models.ft.path=src/test/resources/fixtures/lee_fasttext.bin",
    "wordvec.models.ft.oov=subword",
    "wordvec.default-model=demo",
})
class OpenApiDocumentIntegrationTests extends RunningService {

    static final Path COMMITTED = Path.of("docs/openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private JsonNode served() {
        Response response = http.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void theCommittedDocumentIsTheServedOne() throws IOException {
        JsonNode served = served();
        if (Boolean.getBoolean("openapi.update")) {
            // Keys sorted, so that a change to the API is a readable diff.
            Files.writeString(COMMITTED, JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n");
        }
        JsonNode committed = JSON.readTree(COMMITTED.toFile());
        assertThat(committed)
                .as("docs/openapi.json differs from the served document; refresh it with "
                        + "./mvnw test -Dtest=OpenApiDocumentIntegrationTests -Dopenapi.update=true")
                .isEqualTo(served);
    }

    @Test
    void everyPropertyAndParameterIsDescribed() {
        JsonNode api = served();
        List<String> undescribed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> schema : api.get("components").get("schemas").properties()) {
            assertThat(schema.getValue().hasNonNull("description") || schema.getValue().has("properties"))
                    .as(schema.getKey() + " is described or has properties").isTrue();
            JsonNode properties = schema.getValue().path("properties");
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                if (!property.getValue().hasNonNull("description")) {
                    undescribed.add(schema.getKey() + "." + property.getKey());
                }
            }
        }
        forEachOperation(api, (name, operation) -> operation.path("parameters").forEach(parameter -> {
            if (!parameter.hasNonNull("description")) {
                undescribed.add(name + " ?" + parameter.get("name").asString());
            }
        }));
        assertThat(undescribed).isEmpty();
        assertThat(api.get("components").get("schemas").has("JsonNode")).isFalse();
    }

    @Test
    void responsesAreTypedAndErrorsAreProblemsOrOpenAiErrors() {
        JsonNode api = served();
        forEachOperation(api, (name, operation) -> {
            assertThat(operation.get("summary")).as(name + " summary").isNotNull();
            for (Map.Entry<String, JsonNode> response : operation.get("responses").properties()) {
                int status = Integer.parseInt(response.getKey());
                JsonNode content = response.getValue().get("content");
                if (name.startsWith("head ")) {
                    continue;
                }
                assertThat(content).as(name + " " + status).isNotNull();
                String expected = status < 300 || name.contains(" /v1/") ? "application/json" : "application/problem+json";
                assertThat(content.propertyNames()).as(name + " " + status).containsExactly(expected);
            }
            if (!name.startsWith("head ")) {
                assertThat(operation.get("responses").has("401")).as(name + " documents 401").isTrue();
            }
        });
        JsonNode problem = api.at("/paths/~1neighbors/post/responses/404/content/application~1problem+json/schema");
        assertThat(problem.get("$ref").asString()).isEqualTo("#/components/schemas/Problem");
        JsonNode openAi = api.at("/paths/~1v1~1embeddings/post/responses/400/content/application~1json/schema");
        assertThat(openAi.get("$ref").asString()).isEqualTo("#/components/schemas/OpenAiError");
    }

    @Test
    void enumsOneOfsRequiredAndTheBearerScheme() {
        JsonNode api = served();
        JsonNode schemas = api.get("components").get("schemas");
        assertThat(strings(schemas.at("/SimilarityRequest/properties/oov/enum"))).containsExactly("error", "skip", "zero", "subword");
        assertThat(strings(schemas.at("/SentenceRequest/properties/weighting/enum"))).containsExactly("mean", "sif", "weights", "fasttext");
        assertThat(strings(schemas.at("/AnalogyRequest/properties/method/enum"))).containsExactly("add", "mul");
        assertThat(strings(schemas.at("/EmbeddingsRequest/properties/encoding_format/enum"))).containsExactly("float", "base64");
        assertThat(strings(schemas.at("/EmbeddingsRequest/required"))).containsExactlyInAnyOrder("model", "input");
        JsonNode input = schemas.at("/EmbeddingsInput/oneOf");
        assertThat(schemas.at("/EmbeddingsRequest/properties/input/$ref").asString())
                .isEqualTo("#/components/schemas/EmbeddingsInput");
        assertThat(input.size()).isEqualTo(4);
        assertThat(input.get(0).get("type").asString()).isEqualTo("string");
        assertThat(api.at(input.get(1).get("$ref").asString().substring(1) + "/items/type").asString())
                .isEqualTo("string");
        assertThat(api.at(input.get(2).get("$ref").asString().substring(1) + "/items/type").asString())
                .isEqualTo("integer");
        assertThat(api.at(input.get(3).get("$ref").asString().substring(1) + "/items/items/type").asString())
                .isEqualTo("integer");
        assertThat(schemas.at("/SimilarityResponse/oneOf").size()).isEqualTo(5);
        assertThat(schemas.at("/WordsSimilarity/allOf").isMissingNode()).isTrue();
        assertThat(strings(schemas.at("/WordsSimilarity/properties/similarity/type"))).containsExactly("number", "null");

        assertThat(api.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
        // Optional without configured keys: an empty requirement, then the bearer one.
        assertThat(api.get("security").toString()).isEqualTo("[{},{\"bearerAuth\":[]}]");
    }

    /**
     * Every operation that takes input has the README's example, and the service answers every
     * example with a success: an example that drifted from the API fails here.
     */
    @Test
    void everyExampleIsAcceptedByTheService() {
        JsonNode api = served();
        List<String> tried = new ArrayList<>();
        forEachOperation(api, (name, operation) -> {
            String method = name.substring(0, name.indexOf(' '));
            String uri = exampleUri(name, operation);
            JsonNode examples = operation.at("/requestBody/content/application~1json/examples");
            if (operation.has("requestBody")) {
                assertThat(examples.isMissingNode()).as(name + " has examples").isFalse();
                for (Map.Entry<String, JsonNode> example : examples.properties()) {
                    Response response = http.post(uri, example.getValue().get("value").toString());
                    assertThat(response.status()).as(name + " example '" + example.getKey() + "': " + response.body())
                            .isEqualTo(200);
                    tried.add(name + " " + example.getKey());
                }
            } else if (method.equals("post")) {
                // The one POST with no body, the reload route: off in this service, and saying so.
                Response response = http.send(http.request(uri).POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
                assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(404);
                assertThat(response.get("type").asString()).isEqualTo("urn:wordvec:problem:admin-off");
                tried.add(name);
            } else {
                Response response = method.equals("head") ? http.head(uri) : http.get(uri);
                assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(200);
                tried.add(name);
            }
        });
        assertThat(tried).hasSizeGreaterThan(30);
    }

    /**
     * What the service answers is what the document says, for a client generated from it: each
     * example, then the same request with unknown words (under {@code oov=skip}, where answers hold
     * nulls), an unknown model, an unknown query parameter and a malformed body. Every status is one
     * the operation lists, in the content type it lists, and every body is valid under its schema,
     * read strictly: a member the schema does not name, or a null where it allows none, fails.
     */
    @Test
    void everyAnswerFitsTheDocumentedSchema() {
        JsonNode api = served();
        JsonNode components = strict(api.get("components").deepCopy());
        List<String> misfits = new ArrayList<>();
        int[] checked = {0};
        forEachOperation(api, (name, operation) -> {
            String method = name.substring(0, name.indexOf(' '));
            String template = name.substring(name.indexOf(' ') + 1);
            String uri = exampleUri(name, operation);
            String joiner = uri.contains("?") ? "&" : "?";
            List<Response> answers = new ArrayList<>();
            JsonNode examples = operation.at("/requestBody/content/application~1json/examples");
            if (method.equals("post")) {
                for (JsonNode example : examples) {
                    JsonNode body = example.get("value");
                    answers.add(http.post(uri, body.toString()));
                    if (body.isObject()) {
                        answers.add(http.post(uri, withUnknownWords((ObjectNode) body).toString()));
                        answers.add(http.post(uri, ((ObjectNode) body.deepCopy()).put("model", "nope").toString()));
                    }
                }
                answers.add(http.post(uri, "{}"));
                answers.add(http.post(uri, "{not json"));
                answers.add(http.post(uri + joiner + "bogus=1", "{}"));
            } else {
                List<String> uris = new ArrayList<>(List.of(uri, uri + joiner + "model=nope", uri + joiner + "bogus=1"));
                if (template.contains("{word}")) {
                    String unknown = template.replace("{word}", "zzqx");
                    uris.addAll(List.of(unknown, unknown + "?oov=skip", unknown + "?oov=zero", unknown + "?oov=error"));
                }
                for (String each : uris) {
                    answers.add(method.equals("head") ? http.head(each) : http.get(each));
                }
            }
            for (Response answer : answers) {
                checked[0]++;
                JsonNode response = operation.path("responses").path(String.valueOf(answer.status()));
                String where = name + " -> " + answer.status() + " " + abbreviated(answer.body());
                if (response.isMissingNode()) {
                    misfits.add("status not documented: " + where);
                    continue;
                }
                if (method.equals("head")) {
                    continue;
                }
                String type = answer.contentType() == null ? "" : answer.contentType().split(";")[0].trim();
                JsonNode schema = response.path("content").path(type).path("schema");
                if (schema.isMissingNode()) {
                    misfits.add("content type " + type + " not documented: " + where);
                    continue;
                }
                ObjectNode root = (ObjectNode) schema.deepCopy();
                root.put("$schema", "https://json-schema.org/draft/2020-12/schema").set("components", components);
                SCHEMAS.getSchema(SchemaLocation.of("urn:wordvec:openapi"), root)
                        .validate(answer.json()).forEach(error -> misfits.add(error.getInstanceLocation() + " "
                                + error.getMessage() + ": " + where));
            }
        });
        assertThat(misfits).isEmpty();
        assertThat(checked[0]).isGreaterThan(150);
    }

    /** The operation's path with its parameters' examples: path variables filled in, the others as a query. */
    private static String exampleUri(String name, JsonNode operation) {
        String path = name.substring(name.indexOf(' ') + 1);
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.path("parameters")) {
            String parameterName = parameter.get("name").asString();
            if (parameter.get("in").asString().equals("path")) {
                assertThat(parameter.has("example")).as(name + " example for " + parameterName).isTrue();
                path = path.replace("{" + parameterName + "}", parameter.get("example").asString());
            } else if (parameter.has("example")) {
                // A list is the parameter repeated (OpenAPI's form style, exploded: its default).
                JsonNode example = parameter.get("example");
                for (JsonNode value : example.isArray() ? example : List.of(example)) {
                    query.append(query.isEmpty() ? "?" : "&").append(parameterName).append('=')
                            .append(value.asString());
                }
            }
        }
        return path + query;
    }

    private static final SchemaRegistry SCHEMAS = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** Every object schema that names its members allows no other member. */
    private static JsonNode strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(OpenApiDocumentIntegrationTests::strict);
        } else if (node.isArray()) {
            node.forEach(OpenApiDocumentIntegrationTests::strict);
        }
        return node;
    }

    /** The example with its words and texts made unknown ones, and {@code oov=skip}, so that answers hold nulls. */
    private static JsonNode withUnknownWords(ObjectNode example) {
        ObjectNode body = (ObjectNode) example.deepCopy();
        for (String field : List.of("word", "word1", "word2", "text", "text1", "text2")) {
            if (body.path(field).isString()) {
                body.put(field, "zzqx qqzx");
            }
        }
        for (String field : List.of("words", "words1", "words2", "others", "texts", "documents", "positive")) {
            if (body.path(field).isArray()) {
                body.putArray(field).add("zzqx").add("qqzx").add("king");
            }
        }
        return body.put("oov", "skip");
    }

    private static String abbreviated(String body) {
        return body == null || body.length() < 300 ? body : body.substring(0, 300) + "...";
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(value -> out.add(value.asString()));
        return out;
    }

    private static void forEachOperation(JsonNode api, java.util.function.BiConsumer<String, JsonNode> action) {
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                action.accept(operation.getKey() + " " + path.getKey(), operation.getValue());
            }
        }
    }
}
