package dev.wordvec.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests with large bodies are answered a few at a time, by the sum of their bodies' sizes: a
 * body takes several times its size on the heap while it is answered (parsed into strings, split
 * into words, vectors and the answer), and the request threads are many (Tomcat's 200), so
 * enough large requests at once would run any heap out. Measured: 24 requests of 2,048 texts (2.2
 * MB of JSON each) at once to {@code /v1/embeddings} on a word model ended a service with
 * {@code -Xmx256m} and {@code -XX:+ExitOnOutOfMemoryError}, as the image runs it, where 12 were
 * answered in 4 s. A request waits in arrival order for its bytes to be free, at most the set
 * time; small bodies (up to 64 KiB, the hot path's) are let by without a turn, and not counted.
 */
public final class LargeBodies {

    /** Bodies up to this many bytes pass freely: a sidecar's usual requests, which need little heap. */
    static final long SMALL = 64 * 1024;

    private final long limitBytes;
    /** One a kibibyte: an int counts up to 2 TB. */
    private final Turns kibibytes;

    /**
     * @param limitBytes the most that large bodies being answered may total (at least 1 KiB); a body
     *     larger than this is answered alone
     * @param maxWait how long a request waits for its turn
     */
    public LargeBodies(long limitBytes, Duration maxWait) {
        if (limitBytes < 1024) {
            throw new IllegalArgumentException("wordvec.http.large-bodies must be at least 1KB, was " + limitBytes
                    + " bytes");
        }
        this.limitBytes = limitBytes;
        this.kibibytes = new Turns((int) Math.min(Integer.MAX_VALUE, limitBytes / 1024), maxWait);
    }

    /** A request's turn, given back by closing it (once is enough): when it is answered, or handed over. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for the turn of a large body of {@code bytes} (over {@link #SMALL}: smaller ones need
     * none), at most the set time.
     *
     * @return the turn, or null when it did not come in time (or the thread was interrupted)
     */
    public Turn take(long bytes) {
        int needed = (int) Math.min(kibibytes.all(), (bytes + 1023) / 1024);
        if (!kibibytes.take(needed)) {
            return null;
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                kibibytes.give(needed);
            }
        };
    }

    /** Bytes of large bodies being answered now (in KiB steps). */
    public long inFlight() {
        return kibibytes.taken() * 1024L;
    }

    /** Requests with large bodies waiting for their turn now. */
    public int waiting() {
        return kibibytes.waiting();
    }

    public long limit() {
        return limitBytes;
    }

    public Duration maxWait() {
        return kibibytes.maxWait();
    }
}
