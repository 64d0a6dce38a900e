package dev.wordvec.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The description at the top of /v3/api-docs and Swagger UI: what every route shares. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI wordvecOpenApi() {
        return new OpenAPI().info(new Info()
                .title("wordvec")
                .version(getClass().getPackage().getImplementationVersion() == null ? "dev"
                        : getClass().getPackage().getImplementationVersion())
                .license(new License().name("see the repository"))
                .description("""
                        Pretrained word vectors over HTTP, with gensim's answers.

                        **Model**: every route takes an optional `model` (query parameter, or `"model"` in a \
                        POST body); without it the default model answers. `GET /models` lists them.

                        **Limits** (configurable under `wordvec.limits`; over one is a 413 problem, never a \
                        silent cut): 1000 words per list (`max-words`), 256 texts (`max-texts`), 100,000 \
                        characters per text (`max-text-length`), k up to 1000 (`max-k`), 64 batched \
                        neighbour queries (`max-queries`), vocabulary pages of up to 10,000 words.

                        **Errors** are RFC 9457 problems (`application/problem+json`) with `type`:
                        `urn:wordvec:problem:malformed-body` (400), `invalid-request` (400, `field`), \
                        `unknown-word` (404, `word`, `words`, `model`), `unknown-model` (404, `model`, \
                        `models`), `limit-exceeded` (413, `field`, `size`, `limit`), `model-not-ready` \
                        (503, `Retry-After`)."""));
    }
}
