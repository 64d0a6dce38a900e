package dev.wordvec.openai;

import dev.wordvec.cli.OutOfMemory;
import dev.wordvec.http.JsonMistakes;
import dev.wordvec.http.OpenAiError;
import dev.wordvec.http.ProblemWriter;
import dev.wordvec.http.RequestOutOfMemory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/** Errors of the OpenAI route in OpenAI's shape; the rest of the API keeps RFC 9457 problems. */
@RestControllerAdvice(assignableTypes = EmbeddingsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrorHandler {

    @ExceptionHandler
    ResponseEntity<OpenAiError> openAi(OpenAiException e) {
        // A 503 raised so is a model still loading: worth asking again, as the problem routes say.
        return e.status() == HttpStatus.SERVICE_UNAVAILABLE ? retryLater(e.getMessage(), e.param(), e.code())
                : error(e.status(), e.getMessage(), e.type(), e.param(), e.code());
    }

    /** What the model cannot take from an input (a text it cannot read): a 400 about the input. */
    @ExceptionHandler
    ResponseEntity<OpenAiError> invalid(dev.wordvec.query.InvalidRequestException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error",
                e.field() == null ? "input" : e.field(), null);
    }

    /** A model closed under the request (shutting down, or replaced): retry. */
    @ExceptionHandler
    ResponseEntity<OpenAiError> closed(dev.wordvec.vectors.ModelClosedException e) {
        return retryLater(e.getMessage(), "model", "model_closed");
    }

    /** The contextual models' queue is full: retry in a few seconds, as OpenAI's SDKs do on a 503. */
    @ExceptionHandler
    ResponseEntity<OpenAiError> busy(dev.wordvec.contextual.QueueBudget.QueueFullException e) {
        return retryLater(e.getMessage(), "input", "busy");
    }

    /** A 503 {@code server_error} with {@code Retry-After}, as the problem routes give one. */
    private static ResponseEntity<OpenAiError> retryLater(String message, String param, String code) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, ProblemWriter.RETRY_AFTER_SECONDS)
                .body(OpenAiError.of(message, "server_error", param, code));
    }

    /** Anything else: OpenAI's shape still, so an SDK reports it instead of failing to parse it. */
    @ExceptionHandler
    ResponseEntity<OpenAiError> unexpected(Exception e) {
        if (e instanceof org.springframework.web.ErrorResponse known) {
            // Spring's own request errors (a wrong media type, a missing parameter) keep their status.
            HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
            String message = e instanceof HttpMediaTypeNotSupportedException notJson
                    ? JsonMistakes.notJson(notJson) : known.getBody().getDetail();
            return ResponseEntity.status(status).body(OpenAiError.forStatus(status, message));
        }
        OutOfMemoryError memory = OutOfMemory.in(e);
        if (memory != null) {
            org.slf4j.LoggerFactory.getLogger(OpenAiErrorHandler.class).warn("A request ran out of memory: {}",
                    memory.toString());
            return error(HttpStatus.SERVICE_UNAVAILABLE, RequestOutOfMemory.detail(memory,
                    Runtime.getRuntime().maxMemory()), "server_error", null, "out_of_memory");
        }
        org.slf4j.LoggerFactory.getLogger(OpenAiErrorHandler.class).error("Unexpected error", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "the service failed to answer (" + e.getClass().getSimpleName()
                + "); the log has the details", "server_error", null, null);
    }

    @ExceptionHandler
    ResponseEntity<OpenAiError> unreadable(HttpMessageNotReadableException e) {
        JsonMistakes.WrongType wrong = e.getMostSpecificCause() instanceof JacksonException json
                ? JsonMistakes.wrongType(json) : null;
        if (wrong != null) {
            return error(HttpStatus.BAD_REQUEST, wrong.detail(), "invalid_request_error", wrong.field(), null);
        }
        String reason;
        if (e.getMostSpecificCause() instanceof JacksonException json) {
            reason = JsonMistakes.syntax(json);
        } else if (JsonMistakes.bodyMissing(e)) {
            reason = "the body is empty";
        } else {
            reason = JsonMistakes.firstLine(e.getMostSpecificCause().getMessage());
        }
        return error(HttpStatus.BAD_REQUEST, "We could not parse the JSON body of your request: " + reason,
                "invalid_request_error", null, null);
    }

    private static ResponseEntity<OpenAiError> error(HttpStatus status, String message, String type, String param,
            String code) {
        return ResponseEntity.status(status).body(OpenAiError.of(message, type, param, code));
    }
}
