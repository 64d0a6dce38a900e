package dev.wordvec.web;

import dev.wordvec.http.OpenAiError;
import dev.wordvec.http.ProblemWriter;
import dev.wordvec.http.RequestPaths;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.NestedExceptionUtils;
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
            throw new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), request.getRequestURI(),
                    RequestPaths.within(request).substring(1));
        }
        HttpStatus resolved = HttpStatus.resolve(code);
        HttpStatus status = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        String detail = detail(status, uri, reason(request, status));
        if (uri.startsWith(request.getContextPath() + "/v1/")) {
            return ResponseEntity.status(status).body(OpenAiError.forStatus(status, detail));
        }
        // A 405 keeps the shape of Spring's own (no type), as for the methods Spring refuses itself.
        ProblemDetail problem = status == HttpStatus.METHOD_NOT_ALLOWED ? ProblemDetail.forStatusAndDetail(status, detail)
                : ProblemWriter.problem(status, ProblemWriter.containerErrorType(status.value()), status.getReasonPhrase(),
                        detail);
        try {
            problem.setInstance(new URI(uri));
        } catch (URISyntaxException e) {
            // A path Tomcat let through but java.net.URI refuses: the problem goes without it.
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * The container's reason: its message (the error dispatch is a GET whatever the request's
     * method, and the message names it: "TRACE method is not allowed"), else its exception's (a
     * broken chunked body: "Invalid chunk header"), else the status's name.
     */
    private static String reason(HttpServletRequest request, HttpStatus status) {
        if (request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message && !message.isBlank()) {
            return message;
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown) {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(thrown);
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return status.getReasonPhrase();
    }

    private static String detail(HttpStatus status, String uri, String reason) {
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
            return reason + " on " + uri;
        }
        return status.is4xxClientError() ? "the request to " + uri + " could not be read: " + reason
                : "the server could not handle the request to " + uri + " (" + reason + ")";
    }
}
