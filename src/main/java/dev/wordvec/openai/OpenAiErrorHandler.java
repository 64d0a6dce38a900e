package dev.wordvec.openai;

import dev.wordvec.http.OpenAiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the OpenAI route in OpenAI's shape; the rest of the API keeps RFC 9457 problems. */
@RestControllerAdvice(assignableTypes = EmbeddingsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrorHandler {

    @ExceptionHandler
    ResponseEntity<OpenAiError> openAi(OpenAiException e) {
        return error(e.status(), e.getMessage(), e.type(), e.param(), e.code());
    }

    @ExceptionHandler
    ResponseEntity<OpenAiError> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "We could not parse the JSON body of your request: "
                + e.getMostSpecificCause().getMessage().lines().findFirst().orElse(""), "invalid_request_error", null, null);
    }

    private static ResponseEntity<OpenAiError> error(HttpStatus status, String message, String type, String param,
            String code) {
        return ResponseEntity.status(status).body(OpenAiError.of(message, type, param, code));
    }
}
