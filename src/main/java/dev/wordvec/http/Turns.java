package dev.wordvec.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of permits that requests take in arrival order, each waiting at most a set time,
 * with how many wait known for the refusal's message and the meters: the heavy routes take one a
 * request, large bodies one a kibibyte.
 */
final class Turns {

    private final int all;
    private final Semaphore permits;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    Turns(int all, Duration maxWait) {
        this.all = all;
        this.permits = new Semaphore(all, true);
        this.maxWait = maxWait;
    }

    /** Takes {@code count} permits; false when they did not come within the set time (or the thread was interrupted). */
    boolean take(int count) {
        waiting.incrementAndGet();
        try {
            return permits.tryAcquire(count, maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    void give(int count) {
        permits.release(count);
    }

    /** Permits taken now. */
    int taken() {
        return all - permits.availablePermits();
    }

    /** Requests waiting for permits now. */
    int waiting() {
        return waiting.get();
    }

    int all() {
        return all;
    }

    Duration maxWait() {
        return maxWait;
    }
}
