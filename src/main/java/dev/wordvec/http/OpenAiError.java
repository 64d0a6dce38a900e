package dev.wordvec.http;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * OpenAI's error body, {@code {"error": {"message", "type", "param", "code"}}}, which the official
 * SDKs parse: the one place it is shaped, for the OpenAI route's errors and for the key check in
 * front of it.
 */
public record OpenAiError(Body error) {

    /** {@code param} and {@code code} are null when they do not apply, and written as null, as OpenAI does. */
    public record Body(String message, String type, String param, String code) {
    }

    public static OpenAiError of(String message, String type, String param, String code) {
        return new OpenAiError(new Body(message, type, param, code));
    }

    /**
     * An error that OpenAI has no type of its own for, named by its HTTP status: type
     * {@code server_error} for a 5xx, else {@code invalid_request_error}, and the status's name as
     * the code ({@code content_too_large}, {@code not_found}, ...).
     */
    public static OpenAiError forStatus(HttpStatus status, String message) {
        return of(message, status.is5xxServerError() ? "server_error" : "invalid_request_error", null,
                status.name().toLowerCase(Locale.ROOT));
    }
}
