package dev.wordvec.word2vecapi;

import dev.wordvec.http.DirectRoute;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import tools.jackson.databind.json.JsonMapper;

/**
 * word2vec-api's routes but the vocabulary's (which streams), answered in front of MVC's dispatch
 * by the controller's own methods ({@link dev.wordvec.http.DirectRoutes}), as wordvec's own
 * busiest routes are: its clients ask these as often. A request whose parameters MVC would read
 * another way (a list given as one value with commas, a repeated single parameter) or lacks one is
 * left to MVC, which answers it as before.
 */
@Configuration(proxyBeanMethods = false)
class Word2VecApiRoutes {

    @Bean
    DirectRoute word2vecSimilarityRoute(Word2VecApiController controller, JsonMapper json) {
        return DirectRoute.get("/word2vec/similarity",
                DirectRoute.handler(controller, "similarity", String.class, String.class, String.class),
                json.writerFor(Float.class), request -> {
                    String w1 = DirectRoute.parameter(request, "w1");
                    String w2 = DirectRoute.parameter(request, "w2");
                    String model = DirectRoute.parameter(request, "model");
                    return w1 == null || w2 == null ? null : () -> controller.similarity(w1, w2, model);
                });
    }

    @Bean
    DirectRoute word2vecNSimilarityRoute(Word2VecApiController controller, JsonMapper json) {
        return DirectRoute.get("/word2vec/n_similarity",
                DirectRoute.handler(controller, "nSimilarity", List.class, List.class, String.class),
                json.writerFor(Float.class), request -> {
                    List<String> ws1 = DirectRoute.parameters(request, "ws1");
                    List<String> ws2 = DirectRoute.parameters(request, "ws2");
                    String model = DirectRoute.parameter(request, "model");
                    return ws1 == null || ws2 == null ? null : () -> controller.nSimilarity(ws1, ws2, model);
                });
    }

    @Bean
    DirectRoute word2vecMostSimilarRoute(Word2VecApiController controller, JsonMapper json,
            @Qualifier("mvcConversionService") ConversionService conversion) {
        return DirectRoute.get("/word2vec/most_similar",
                DirectRoute.handler(controller, "mostSimilar", List.class, List.class, Integer.class, String.class),
                json.writerFor(List.class), request -> {
                    List<String> positive = DirectRoute.parameters(request, "positive");
                    List<String> negative = DirectRoute.parameters(request, "negative");
                    Integer topn = DirectRoute.parameter(request, "topn", conversion, Integer.class);
                    String model = DirectRoute.parameter(request, "model");
                    return positive == null ? null : () -> controller.mostSimilar(positive, negative, topn, model);
                });
    }

    @Bean
    DirectRoute word2vecModelRoute(Word2VecApiController controller, JsonMapper json) {
        return DirectRoute.get("/word2vec/model",
                DirectRoute.handler(controller, "vector", String.class, String.class),
                json.writerFor(Word2VecApiController.Base64Vector.class), request -> {
                    String word = DirectRoute.parameter(request, "word");
                    String model = DirectRoute.parameter(request, "model");
                    return word == null ? null : () -> controller.vector(word, model);
                });
    }
}
