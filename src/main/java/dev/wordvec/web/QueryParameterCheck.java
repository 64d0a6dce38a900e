package dev.wordvec.web;

import dev.wordvec.http.QueryParameters;
import dev.wordvec.query.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a query parameter that the API's route does not have, naming it and the ones it has:
 * {@code /neighbors/king?topn=5} (gensim's name) would otherwise answer the default 10 words and
 * look right. Only wordvec's own controllers are checked, and not the OpenAI routes, whose clients
 * add parameters of their own; the direct routes leave such a request to MVC, which lands here.
 */
@Configuration(proxyBeanMethods = false)
class QueryParameterCheck implements WebMvcConfigurer, HandlerInterceptor {

    private final Map<HandlerMethod, QueryParameters> declared = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/v1/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType().getPackageName().startsWith("dev.wordvec")) {
            QueryParameters parameters = declared.computeIfAbsent(method, QueryParameters::of);
            String unknown = parameters.unknown(request);
            if (unknown != null) {
                throw new InvalidRequestException(unknown, "unknown query parameter '" + unknown + "'; "
                        + (parameters.names().isEmpty() ? "this route takes none"
                                : "the parameters here are " + parameters.list()));
            }
        }
        return true;
    }
}
