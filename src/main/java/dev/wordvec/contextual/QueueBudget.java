package dev.wordvec.contextual;

import java.util.Locale;

/**
 * How much heap the texts that wait for a contextual network may hold, all contextual models
 * together. A request keeps its texts, their tokens and its vectors on the heap until its last
 * run, which for a bulk request (2,048 texts) on two cores is minutes away; the request threads
 * (Tomcat's 200) are many, so enough bulk requests at once would otherwise fill any heap. Filled,
 * the next allocation fails, and when it fails under the tokenizer's native code the process
 * aborts (no {@code OutOfMemoryError} reaches the service; the image exits on one anyway). With a
 * budget, the request that would pass it is refused at once with {@link QueueFullException} (a 503
 * with {@code Retry-After}), before it tokenizes anything, and the others are answered.
 *
 * <p>The cost of a request is estimated before it is tokenized, from its texts' lengths: see
 * {@link #textBytes}. A request is always let in when nothing else is held, so that one larger
 * than the budget is still answered alone.
 */
public final class QueueBudget {

    /** What one more request would be refused with. */
    public static final class QueueFullException extends RuntimeException {

        QueueFullException(String message) {
            super(message);
        }
    }

    /** A request's share of the budget, given back once its texts are answered (or have failed). */
    public final class Reservation implements AutoCloseable {

        private final long bytes;
        private final int texts;
        private boolean closed;

        private Reservation(long bytes, int texts) {
            this.bytes = bytes;
            this.texts = texts;
        }

        @Override
        public void close() {
            release(this);
        }
    }

    private final long limit;
    private final String setting;
    private long heldBytes;
    private long heldTexts;
    private long refused;

    /**
     * @param limit the bytes the waiting texts may hold (at least 1)
     * @param setting how the limit was set, for the refusal's message ({@code "half the heap"})
     */
    public QueueBudget(long limit, String setting) {
        if (limit < 1) {
            throw new IllegalArgumentException("the queue's memory must be at least 1 byte, was " + limit);
        }
        this.limit = limit;
        this.setting = setting;
    }

    /** Half the heap the JVM may grow to. */
    public static QueueBudget halfTheHeap() {
        return new QueueBudget(Runtime.getRuntime().maxMemory() / 2, "half the heap");
    }

    public long limit() {
        return limit;
    }

    /**
     * Estimated heap one text holds until it is answered: the text itself, as the request's body and
     * as a string (three bytes a character); its tokens (about 30 bytes each: id, type id, offsets and
     * the word piece, shared between texts) up to the network's maximum ({@code maxTokens}, 0 for
     * none), counting one a character since a word piece covers at least one; and its answer:
     * {@code textFloats} numbers, and {@code tokenFloats} more for each token.
     */
    public static long textBytes(String text, int maxTokens, int textFloats, int tokenFloats) {
        long tokens = maxTokens > 0 ? Math.min(maxTokens, text.length() + 2L) : text.length() + 2L;
        return 3L * text.length() + (32L + 4L * tokenFloats) * tokens + 4L * textFloats + 96;
    }

    /**
     * Takes {@code bytes} for {@code texts} texts of {@code model}, to be given back by closing the
     * reservation (try-with-resources).
     *
     * @throws QueueFullException when they would pass the limit and other requests hold some of it
     */
    public synchronized Reservation reserve(long bytes, int texts, String model) {
        if (heldBytes > 0 && heldBytes + bytes > limit) {
            refused++;
            throw new QueueFullException(String.format(Locale.ROOT, "the contextual models are busy: %,d text(s) "
                    + "already wait for their runs, holding about %,d MB of the %,d MB their queue may hold "
                    + "(wordvec.batching.queued-text-memory, %s), and this request's %,d text(s) for model '%s' would "
                    + "take about %,d MB more. Retry later, or send fewer texts a request; a larger heap (-Xmx) "
                    + "queues more", heldTexts, megabytes(heldBytes), megabytes(limit), setting, texts, model,
                    megabytes(bytes)));
        }
        heldBytes += bytes;
        heldTexts += texts;
        return new Reservation(bytes, texts);
    }

    private synchronized void release(Reservation reservation) {
        if (!reservation.closed) {
            reservation.closed = true;
            heldBytes -= reservation.bytes;
            heldTexts -= reservation.texts;
        }
    }

    /** Bytes held now by the requests let in. */
    public synchronized long held() {
        return heldBytes;
    }

    /** Texts of the requests let in, not yet answered. */
    public synchronized long heldTexts() {
        return heldTexts;
    }

    /** Requests refused so far. */
    public synchronized long refused() {
        return refused;
    }

    private static long megabytes(long bytes) {
        return Math.max(1, (bytes + (1 << 19)) >> 20);
    }
}
