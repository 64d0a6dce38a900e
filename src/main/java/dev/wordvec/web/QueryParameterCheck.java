package dev.wordvec.web;

import dev.wordvec.http.QueryParameters;
import dev.wordvec.query.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a query parameter that the route does not have, naming it and the ones it has, and
 * one given twice or empty ({@link QueryParameters} says which routes are checked). The direct routes leave such a request
 * to MVC, which lands here.
 */
@Configuration(proxyBeanMethods = false)
class QueryParameterCheck implements WebMvcConfigurer, HandlerInterceptor {

    private final Map<HandlerMethod, QueryParameters> declared = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && !formBodyForJson(request, method)) {
            QueryParameters parameters = declared.computeIfAbsent(method, QueryParameters::of);
            String refused = parameters.refused(request);
            if (refused != null) {
                throw new InvalidRequestException(refused, parameters.refusal(refused, request));
            }
        }
        return true;
    }

    /**
     * A form body sent to a route that reads JSON ({@code curl -d '{...}'} without a Content-Type):
     * the servlet reads the form's fields as parameters, and the body would be refused as an unknown
     * query parameter named after the JSON. MVC answers it with a 415 that says what to send.
     */
    private static boolean formBodyForJson(HttpServletRequest request, HandlerMethod method) {
        String type = request.getContentType();
        String form = MediaType.APPLICATION_FORM_URLENCODED_VALUE;
        return type != null && type.regionMatches(true, 0, form, 0, form.length())
                && Arrays.stream(method.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
    }
}
