package dev.wordvec.web;

import dev.wordvec.http.OpenAiError;
import dev.wordvec.http.ProblemWriter;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What the servlet container forwards to the error path, in place of Spring Boot's
 * {@code BasicErrorController}, whose body is not a problem: a TRACE request (which Tomcat
 * refuses before Spring's handlers see it) got {@code {"timestamp", "status", "error", "path"}},
 * and the error path asked directly a 500 with status 999. Now the first is a problem like every
 * other error (OpenAI's shape under {@code /v1/}) and the second is no route, as for any path
 * nothing answers.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Object> error(HttpServletRequest request) throws NoResourceFoundException {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), request.getRequestURI(),
                    path.substring(1));
        }
        HttpStatus resolved = HttpStatus.resolve(code);
        HttpStatus status = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        // The error dispatch is a GET whatever the request's method; the container's message names it.
        String message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String m && !m.isBlank()
                ? m : status.getReasonPhrase();
        String detail = status == HttpStatus.METHOD_NOT_ALLOWED ? message + " on " + uri
                : "the server could not handle the request to " + uri + " (" + message + ")";
        if (uri.startsWith(request.getContextPath() + "/v1/")) {
            return ResponseEntity.status(status).body(OpenAiError.forStatus(status, detail));
        }
        ProblemDetail problem = status == HttpStatus.METHOD_NOT_ALLOWED ? ProblemDetail.forStatusAndDetail(status, detail)
                : ProblemWriter.problem(status, status.is4xxClientError() ? "invalid-request" : "server-error",
                        status.getReasonPhrase(), detail);
        try {
            problem.setInstance(new URI(uri));
        } catch (URISyntaxException e) {
            // A path Tomcat let through but java.net.URI refuses: the problem goes without it.
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
