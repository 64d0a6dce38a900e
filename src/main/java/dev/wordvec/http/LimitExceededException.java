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
        this("'" + field + "' has " + size + " " + unit + "; the limit is " + limit + " (see " + setting + ")", field,
                size, limit);
    }

    private LimitExceededException(String message, String field, long size, long limit) {
        super(message);
        this.field = field;
        this.size = size;
        this.limit = limit;
    }

    /**
     * A count the request asks for ({@code k}, a page's {@code limit}) over its limit, rather than
     * a list that holds too many.
     *
     * @param setting the configuration key that sets the limit, or null for a fixed one
     */
    public static LimitExceededException askedFor(String field, long asked, long limit, String unit, String setting) {
        return new LimitExceededException("'" + field + "' asks for " + asked + " " + unit + "; the most is " + limit
                + (setting == null ? "" : " (see " + setting + ")"), field, asked, limit);
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
