package dev.wordvec.web;

import dev.wordvec.http.DirectRoute;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's busiest routes, answered in front of MVC's dispatch by the same controller methods
 * ({@link dev.wordvec.http.DirectRoutes}). Each reader and writer is for the handler's declared
 * type, as MVC's are: {@code SimilarityResponse} carries its {@code form} type id that way.
 */
@Configuration(proxyBeanMethods = false)
class WordRoutes {

    @Bean
    DirectRoute vectorRoute(VectorController controller, JsonMapper json) {
        return DirectRoute.get("/vector/", "/vector/{word}",
                DirectRoute.handler(controller, "vector", String.class, String.class, String.class),
                json.writerFor(VectorController.VectorResponse.class), (request, word) -> {
                    String oov = DirectRoute.parameter(request, "oov");
                    String model = DirectRoute.parameter(request, "model");
                    return () -> controller.vector(word, oov, model);
                });
    }

    @Bean
    DirectRoute similarityRoute(SimilarityController controller, JsonMapper json) {
        return DirectRoute.<SimilarityController.SimilarityRequest>post("/similarity",
                DirectRoute.handler(controller, "similarity", SimilarityController.SimilarityRequest.class,
                        String.class),
                json.readerFor(SimilarityController.SimilarityRequest.class),
                json.writerFor(SimilarityController.SimilarityResponse.class), (request, body) -> {
                    String model = DirectRoute.parameter(request, "model");
                    return () -> controller.similarity(body, model);
                });
    }

    @Bean
    DirectRoute sentenceVectorRoute(SentenceController controller, JsonMapper json) {
        return DirectRoute.<SentenceController.SentenceRequest>post("/sentence-vector",
                DirectRoute.handler(controller, "sentenceVector", SentenceController.SentenceRequest.class,
                        String.class),
                json.readerFor(SentenceController.SentenceRequest.class),
                json.writerFor(SentenceController.SentenceResponse.class), (request, body) -> {
                    String model = DirectRoute.parameter(request, "model");
                    return () -> controller.sentenceVector(body, model);
                });
    }
}
