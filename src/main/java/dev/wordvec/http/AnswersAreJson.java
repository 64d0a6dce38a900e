package dev.wordvec.http;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * An answer that is not a problem is labelled {@code application/json}, whatever {@code +json}
 * type the Accept header preferred. Spring's JSON converter writes any {@code application/*+json},
 * so a client asking for {@code application/problem+json, application/json;q=0.5} (problems as
 * RFC 9457 has them, else JSON) got its successful answers labelled as problems, and one asking
 * for {@code application/vnd.anything+json} got that type echoed back. The body is the same JSON
 * either way; only its label was wrong. (The converter keeps a Content-Type set before it writes.)
 */
@RestControllerAdvice(basePackages = "dev.wordvec")
class AnswersAreJson implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail) && "json".equals(selected.getSubtypeSuffix())) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        }
        return body;
    }
}
