package dev.wordvec.http;

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
}
