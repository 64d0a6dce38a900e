package dev.wordvec.query;

/** A request that is well-formed JSON but asks for something that makes no sense; answered with 400. */
public final class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The offending field, or null when the problem is not one field's. */
    public String field() {
        return field;
    }
}
