package dev.wordvec.tei;

import org.springframework.http.HttpStatus;

/**
 * An error TEI itself answers, with TEI's status and {@code error_type}: an input over the
 * maximum tokens ({@code Validation}, 413), an empty batch ({@code Empty}, 400).
 */
final class TeiException extends RuntimeException {

    private final HttpStatus status;
    private final String errorType;
    private final String problemType;

    TeiException(HttpStatus status, String errorType, String problemType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.problemType = problemType;
    }

    HttpStatus status() {
        return status;
    }

    String errorType() {
        return errorType;
    }

    String problemType() {
        return problemType;
    }
}
