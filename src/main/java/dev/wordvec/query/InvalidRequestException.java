package dev.wordvec.web;

/** A request that is well-formed JSON but asks for something that makes no sense; answered with 400. */
final class InvalidRequestException extends RuntimeException {

    private final String field;

    InvalidRequestException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The offending field, or null when the problem is not one field's. */
    String field() {
        return field;
    }
}
