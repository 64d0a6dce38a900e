package dev.wordvec.openai;

import dev.wordvec.http.DirectRoute;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/embeddings}, answered in front of MVC's dispatch by the controller's own method
 * ({@link dev.wordvec.http.DirectRoutes}); its failures are still answered in OpenAI's shape, by
 * {@link OpenAiErrorHandler}.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingsRoute {

    @Bean
    DirectRoute embeddings(EmbeddingsController controller, JsonMapper json) {
        return DirectRoute.<EmbeddingsController.EmbeddingsRequest>post("/v1/embeddings",
                DirectRoute.handler(controller, "embeddings", EmbeddingsController.EmbeddingsRequest.class),
                json.readerFor(EmbeddingsController.EmbeddingsRequest.class),
                json.writerFor(EmbeddingsController.EmbeddingsResponse.class),
                (request, body) -> () -> controller.embeddings(body));
    }
}
