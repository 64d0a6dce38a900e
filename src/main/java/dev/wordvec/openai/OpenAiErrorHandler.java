package dev.wordvec.openai;

import java.util.LinkedHashMap;
import java.util.Map;
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
    ResponseEntity<Map<String, Object>> openAi(OpenAiException e) {
        return error(e.status(), e.getMessage(), e.type(), e.param(), e.code());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "We could not parse the JSON body of your request: "
                + e.getMostSpecificCause().getMessage().lines().findFirst().orElse(""), "invalid_request_error", null, null);
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, String type,
            String param, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return ResponseEntity.status(status).body(Map.of("error", error));
    }
}
