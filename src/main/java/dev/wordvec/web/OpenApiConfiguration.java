package dev.wordvec.web;

import dev.wordvec.http.HttpProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document: what every route shares at the top, and each route's problem responses. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Map<Integer, String> PROBLEMS = Map.of(
            400, "Invalid request: `urn:wordvec:problem:invalid-request` (with `field`) or `malformed-body`",
            404, "Unknown word (`unknown-word`, with `word`, `words`, `model`) or model (`unknown-model`)",
            413, "Over a limit: `urn:wordvec:problem:limit-exceeded`, with `field`, `size` and `limit`",
            503, "The model is still loading: `model-not-ready`, with a `Retry-After` header");

    /**
     * With API keys configured, the document declares bearer authentication for every route, so
     * that Swagger UI offers "Authorize" and generated clients send the key.
     */
    @Bean
    OpenAPI wordvecOpenApi(HttpProperties http) {
        OpenAPI api = describe();
        if (!http.apiKeys().isEmpty()) {
            api.components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("One of wordvec.http.api-keys, as `Authorization: Bearer KEY`")))
                    .addSecurityItem(new SecurityRequirement().addList("apiKey"));
        }
        return api;
    }

    private OpenAPI describe() {
        return new OpenAPI().info(new Info()
                .title("wordvec")
                .version(getClass().getPackage().getImplementationVersion() == null ? "dev"
                        : getClass().getPackage().getImplementationVersion())
                .license(new License().name("see the repository"))
                .description("""
                        Pretrained word vectors over HTTP, with gensim's answers.

                        **Model**: every route takes an optional `model` (query parameter, or `"model"` in a \
                        POST body); without it the default model answers. `GET /models` lists them.

                        **Words** are looked up as written first (as gensim does), then in the model's \
                        configured case forms (lower-case, Capitalized), and words with spaces as \
                        `_`-joined phrases (`new york` → `New_York`) when the model has phrases. Responses \
                        say what matched (`matched`) and which words were unknown (`unknown`).

                        **Unknown words** follow `oov`: `error` (404; the default for word routes), `skip` \
                        (left out and listed; the default for texts, `POST /vectors` and `/doesnt-match`) \
                        or `zero` (a zero vector; refused by searches). A model can set its own default.

                        **Limits** (configurable under `wordvec.limits`; over one is a 413 problem, never a \
                        silent cut): 1000 words per list (`max-words`, also pairs and client weights), 256 \
                        texts (`max-texts`), 100,000 characters per text (`max-text-length`), k up to 1000 \
                        (`max-k`), 64 batched queries or groups (`max-queries`), vocabulary pages of up to \
                        10,000 words.

                        **Errors** are RFC 9457 problems (`application/problem+json`) with `type`:
                        `urn:wordvec:problem:malformed-body` (400), `invalid-request` (400, `field`), \
                        `unknown-word` (404, `word`, `words`, `model`), `unknown-model` (404, `model`, \
                        `models`), `limit-exceeded` (413, `field`, `size`, `limit`), `model-not-ready` \
                        (503, `Retry-After`), `malformed-request` (400: an undecodable URL or query), \
                        `unauthorized` (401, when API keys are configured). `/v1/*` answers in OpenAI's \
                        error shape instead.

                        **Bodies** are at most `wordvec.http.max-body-size` (2 MB by default)."""));
    }

    /** Adds the problem responses a route declares with {@link Problems} (and 503 for all of them). */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            Problems problems = handler.getMethodAnnotation(Problems.class);
            if (problems == null) {
                return operation;
            }
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            java.util.stream.IntStream.concat(java.util.Arrays.stream(problems.value()),
                    java.util.stream.IntStream.of(503)).distinct().forEach(status -> responses.addApiResponse(
                            String.valueOf(status), new ApiResponse().description(PROBLEMS.get(status))
                                    .content(new Content().addMediaType("application/problem+json",
                                            new MediaType().schema(problemSchema())))));
            return operation.responses(responses);
        };
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:wordvec:problem:unknown-word"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("what is wrong, naming the field or word"))
                .addProperty("instance", new StringSchema());
    }
}
