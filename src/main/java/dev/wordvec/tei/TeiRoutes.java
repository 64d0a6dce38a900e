package dev.wordvec.tei;

import dev.wordvec.http.DirectRoute;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * TEI's {@code POST /embed} and {@code POST /}, answered in front of MVC's dispatch by the
 * controller's own methods ({@link dev.wordvec.http.DirectRoutes}), as wordvec's own text routes
 * are: for a word-vector model the dispatch was about half of a request's CPU (136 against 73 µs
 * for {@code /sentence-vector}, docs/benchmarks.md). Their failures are still MVC's problems, with
 * TEI's fields added.
 */
@Configuration(proxyBeanMethods = false)
class TeiRoutes {

    @Bean
    DirectRoute teiEmbedRoute(TeiController controller, JsonMapper json) {
        return route("/embed", "embed", controller, json, controller::embed);
    }

    @Bean
    DirectRoute teiDefaultRoute(TeiController controller, JsonMapper json) {
        return route("/", "defaultRoute", controller, json, controller::defaultRoute);
    }

    /** {@code POST path}, answered by the controller's {@code method}, called as {@code call}. */
    private static DirectRoute route(String path, String method, TeiController controller, JsonMapper json,
            BiFunction<TeiController.TeiEmbedRequest, String, Object> call) {
        return DirectRoute.<TeiController.TeiEmbedRequest>post(path,
                DirectRoute.handler(controller, method, TeiController.TeiEmbedRequest.class, String.class),
                json.readerFor(TeiController.TeiEmbedRequest.class), json.writerFor(List.class), (request, body) -> {
                    String model = DirectRoute.parameter(request, "model");
                    return () -> call.apply(body, model);
                });
    }
}
