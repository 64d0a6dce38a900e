package dev.wordvec.web;

import dev.wordvec.http.HttpProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document: what every route shares at the top, and each route's problem responses. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Map<Integer, String> PROBLEMS = Map.of(
            400, ApiDocumentation.INVALID_REQUEST,
            404, "Unknown word (`unknown-word`, with `word`, `words`, `model`) or model (`unknown-model`)",
            409, "The model is loading or being reloaded (`reload-conflict`)",
            413, "Over a limit: `urn:wordvec:problem:limit-exceeded`, with `field`, `size` and `limit`",
            422, "The file could not be loaded again (`reload-failed`); the version before keeps answering",
            503, "The model is still loading (`model-not-ready`), or, on the heavy routes (Word Mover's Distance, "
                    + "evaluations) or with a body over 64 KiB, the request waited `wordvec.http.heavy-wait` for its "
                    + "turn (`busy`), or, for a "
                    + "contextual model, the texts waiting for it hold what `wordvec.batching.queued-text-memory` "
                    + "allows (`busy`); all with a `Retry-After` header");

    /**
     * The bearer scheme is always declared, so that Swagger UI offers "Authorize" and generated
     * clients can send a key. Without configured keys it is optional; with them, every route needs it.
     */
    @Bean
    OpenAPI wordvecOpenApi(HttpProperties http, ObjectProvider<BuildProperties> build,
            @Value("${server.servlet.context-path:}") String contextPath) {
        OpenAPI api = describe(build.getIfAvailable(), contextPath.isEmpty() ? "/" : contextPath);
        api.components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("One of `wordvec.http.api-keys`, as `Authorization: Bearer KEY`")));
        if (http.apiKeys().isEmpty()) {
            api.addSecurityItem(new SecurityRequirement());
        }
        return api.addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    private static final String BEARER = "bearerAuth";

    private OpenAPI describe(BuildProperties build, String root) {
        // Relative, so that "Try it out" and generated clients use the host the document came from,
        // behind a proxy too; under server.servlet.context-path, the routes are beneath it.
        return new OpenAPI().addServersItem(new Server().url(root).description("this service"))
                .addTagsItem(new Tag().name("words").description("Word vectors, similarities, neighbours, analogies"))
                .addTagsItem(new Tag().name("texts").description("Sentence vectors"))
                .addTagsItem(new Tag().name("models").description("The models served, their vocabularies and scores"))
                .addTagsItem(new Tag().name("openai").description("OpenAI's embeddings API, for its SDKs and LangChain"))
                .addTagsItem(new Tag().name("tei").description("Hugging Face text-embeddings-inference's API, for "
                        + "its clients"))
                .addTagsItem(new Tag().name("word2vec-api").description("word2vec-api's routes (3Top's Flask service "
                        + "over gensim), for its clients"))
                .info(new Info()
                .title("wordvec")
                .version(build == null ? "dev" : build.getVersion())
                .license(new License().name("Apache-2.0").identifier("Apache-2.0"))
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
                        silent cut): 1000 words per list (`max-words`, also pairs and client weights), 2048 \
                        texts (`max-texts`), 100,000 characters per text (`max-text-length`), k up to 1000 \
                        (`max-k`), 64 batched queries or groups (`max-queries`), vocabulary pages of up to \
                        10,000 words.

                        **Errors** are RFC 9457 problems (`application/problem+json`) with `type`:
                        `urn:wordvec:problem:malformed-body` (400), `invalid-request` (400, `field`), \
                        `unknown-word` (404, `word`, `words`, `model`), `unknown-model` (404, `model`, \
                        `models`), `no-route` (404: no route answers the path), `limit-exceeded` (413, \
                        `field`, `size`, `limit`), `model-not-ready` (503, `Retry-After`), `busy` (503, \
                        `Retry-After`: a heavy route's or a large body's turn did not come within \
                        `wordvec.http.heavy-wait`, or a contextual model's queue is full), \
                        `malformed-request` (400: an undecodable URL or query; 414: a URL too long; \
                        431: headers too large), \
                        `unsupported-content-encoding` (415: a compressed body), \
                        `unsupported-media-type` (415: a body not sent as JSON), \
                        `unauthorized` (401, when API keys are configured). `/v1/*` answers in OpenAI's \
                        error shape instead; TEI's routes (`/embed`, `/embed_all`, `/tokenize`, `/decode`, \
                        `/info`, `POST /`) add TEI's `error` (the detail) and `error_type`.

                        **Bodies** are JSON (`Content-Type: application/json`), at most \
                        `wordvec.http.max-body-size` (8 MB by default)."""));
    }

    /**
     * Adds the problem responses a route declares with {@link Problems}, with 503 (model not ready)
     * for all of them.
     */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            Problems problems = handler.getMethodAnnotation(Problems.class);
            // word2vec-api's routes stand apart from web's annotation; they answer wordvec's problems.
            boolean word2vecApi = operation.getTags() != null && operation.getTags().contains("word2vec-api");
            if (problems == null && !word2vecApi) {
                return operation;
            }
            int[] statuses = problems != null ? problems.value() : new int[] {400, 404, 413};
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            IntStream.concat(Arrays.stream(statuses), IntStream.of(503)).distinct().sorted()
                    .forEach(status -> responses.addApiResponse(String.valueOf(status),
                            ApiDocumentation.problemResponse(PROBLEMS.get(status))));
            return operation.responses(responses);
        };
    }

    /** Descriptions, enums, types and examples that the controllers' signatures cannot carry. */
    @Bean
    OpenApiCustomizer documentation() {
        ApiDocumentation documentation = new ApiDocumentation();
        return documentation::finish;
    }
}
