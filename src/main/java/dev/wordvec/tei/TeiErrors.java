package dev.wordvec.tei;

import dev.wordvec.http.ProblemWriter;
import dev.wordvec.http.RequestPaths;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Errors of the TEI routes: RFC 9457 problems as everywhere else, with TEI's own two fields added,
 * {@code error} (the detail) and {@code error_type}, which TEI's clients read (huggingface_hub
 * puts {@code error} in its exception's message). TEI's {@code error_type}s go with fixed statuses:
 * {@code Validation} 413, {@code Empty} 400, {@code Overloaded} 429, {@code Unhealthy} 503,
 * {@code Backend} 5xx; wordvec's other client errors (an unknown model, a bad field) keep their
 * status and say {@code Validation}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TeiErrors implements ResponseBodyAdvice<Object> {

    /** The paths TEI's clients call; {@code /} only as a POST (as a GET it is the explorer page). */
    static final Set<String> PATHS = Set.of("/", "/embed", "/embed_all", "/tokenize", "/decode", "/info", "/health");

    @ExceptionHandler
    ProblemDetail tei(TeiException e) {
        ProblemDetail problem = ProblemWriter.problem(e.status(), e.problemType(), e.status().getReasonPhrase(),
                e.getMessage());
        problem.setProperty("error", e.getMessage());
        problem.setProperty("error_type", e.errorType());
        return problem;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet
                && (problem.getProperties() == null || !problem.getProperties().containsKey("error_type"))
                && PATHS.contains(RequestPaths.within(servlet.getServletRequest()))) {
            problem.setProperty("error", problem.getDetail());
            problem.setProperty("error_type", errorType(problem.getStatus()));
        }
        return body;
    }

    private static String errorType(int status) {
        if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return "Unhealthy";
        }
        return status >= 500 ? "Backend" : "Validation";
    }
}
