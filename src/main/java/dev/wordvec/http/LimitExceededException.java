package dev.wordvec.http;

/** A request over one of the documented per-request limits; answered with 413, never cut silently. */
public final class LimitExceededException extends RuntimeException {

    private final String field;
    private final long size;
    private final long limit;

    public LimitExceededException(String field, long size, long limit, String unit) {
        this(field, size, limit, unit, "wordvec.limits");
    }

    /** @param setting the configuration key (or prefix) that sets this limit, named in the message */
    public LimitExceededException(String field, long size, long limit, String unit, String setting) {
        super("'" + field + "' has " + size + " " + unit + "; the limit is " + limit + " (see " + setting + ")");
        this.field = field;
        this.size = size;
        this.limit = limit;
    }

    public String field() {
        return field;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
