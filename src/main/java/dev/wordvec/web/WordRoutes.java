package dev.wordvec.web;

import dev.wordvec.http.DirectRoute;
import java.util.function.BiFunction;
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
        return bodyAndModel("/similarity", controller, "similarity", SimilarityController.SimilarityRequest.class,
                SimilarityController.SimilarityResponse.class, json, controller::similarity);
    }

    @Bean
    DirectRoute sentenceVectorRoute(SentenceController controller, JsonMapper json) {
        return bodyAndModel("/sentence-vector", controller, "sentenceVector", SentenceController.SentenceRequest.class,
                SentenceController.SentenceResponse.class, json, controller::sentenceVector);
    }

    /** {@code POST path} to a controller method taking the body and the optional {@code model} query parameter. */
    private static <T> DirectRoute bodyAndModel(String path, Object controller, String method, Class<T> requestType,
            Class<?> responseType, JsonMapper json, BiFunction<T, String, Object> call) {
        return DirectRoute.<T>post(path, DirectRoute.handler(controller, method, requestType, String.class),
                json.readerFor(requestType), json.writerFor(responseType), (request, body) -> {
                    String model = DirectRoute.parameter(request, "model");
                    return () -> call.apply(body, model);
                });
    }
}
