package dev.wordvec.web;

import dev.wordvec.http.DirectRoute;
import java.util.function.BiFunction;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's busiest routes, answered in front of MVC's dispatch by the same controller methods
 * ({@link dev.wordvec.http.DirectRoutes}). Each reader and writer is for the handler's declared
 * type, as MVC's are: {@code SimilarityResponse} carries its {@code form} type id that way.
 */
@Configuration(proxyBeanMethods = false)
class WordRoutes {

    @Bean
    DirectRoute vectorRoute(VectorController controller, JsonMapper json,
            @Qualifier("mvcConversionService") ConversionService conversion) {
        return DirectRoute.get("/vector/", "/vector/{word}",
                DirectRoute.handler(controller, "vector", String.class, String.class, Boolean.class, String.class),
                json.writerFor(VectorController.VectorResponse.class), (request, word) -> {
                    String oov = DirectRoute.parameter(request, "oov");
                    Boolean normalize = DirectRoute.parameter(request, "normalize", conversion, Boolean.class);
                    String model = DirectRoute.parameter(request, "model");
                    return () -> controller.vector(word, oov, normalize, model);
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

    @Bean
    DirectRoute neighborsOfWordRoute(NeighborsController controller, JsonMapper json,
            @Qualifier("mvcConversionService") ConversionService conversion) {
        return DirectRoute.get("/neighbors/", "/neighbors/{word}",
                DirectRoute.handler(controller, "neighbors", String.class, Integer.class, Float.class, Integer.class,
                        Boolean.class, String.class, String.class),
                json.writerFor(NeighborsController.NeighborsResponse.class), (request, word) -> {
                    Integer k = DirectRoute.parameter(request, "k", conversion, Integer.class);
                    Float minSimilarity = DirectRoute.parameter(request, "minSimilarity", conversion, Float.class);
                    Integer restrictVocab = DirectRoute.parameter(request, "restrictVocab", conversion, Integer.class);
                    Boolean exact = DirectRoute.parameter(request, "exact", conversion, Boolean.class);
                    String oov = DirectRoute.parameter(request, "oov");
                    String model = DirectRoute.parameter(request, "model");
                    return () -> controller.neighbors(word, k, minSimilarity, restrictVocab, exact, oov, model);
                });
    }

    @Bean
    DirectRoute neighborsRoute(NeighborsController controller, JsonMapper json) {
        return bodyAndModel("/neighbors", controller, "neighbors", NeighborsController.NeighborsRequest.class,
                NeighborsController.NeighborsResponse.class, json, controller::neighbors);
    }

    @Bean
    DirectRoute analogyRoute(AnalogyController controller, JsonMapper json) {
        return bodyAndModel("/analogy", controller, "analogy", AnalogyController.AnalogyRequest.class,
                AnalogyController.AnalogyResponse.class, json, controller::analogy);
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
