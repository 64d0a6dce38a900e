package dev.wordvec.models;

import java.util.concurrent.atomic.LongAdder;

/**
 * The requests running, counted by the model swap they started after, so that a model replaced by
 * a reload is freed only once the requests that may hold it have finished: an evaluation or a bulk
 * request of a minute runs to its end on the version it started with, whatever the reload grace.
 *
 * <p>A request that begins before a swap may ask for the model before it or after it; either way
 * it is counted in the period the swap closes, so the replaced model waits for it. A request that
 * begins after the swap can only be given the new model. Counting costs the hot path two additions
 * to a {@link LongAdder}, and no look-up of the model it asks for.
 */
public final class RequestsInFlight {

    /** The requests that began between two swaps, and those before (null once they all ended). */
    public static final class Period {
        private final LongAdder running = new LongAdder();
        private volatile Period before;

        private Period(Period before) {
            this.before = before;
        }

        /** Whether every request begun in this period or an earlier one has ended. */
        boolean ended() {
            for (Period period = this; period != null; period = period.before) {
                if (period.running.sum() != 0) {
                    return false;
                }
            }
            before = null; // ended for good: the earlier periods need not be kept
            return true;
        }
    }

    private volatile Period current = new Period(null);

    /** A request begins: the period to give back to {@link #end}. */
    public Period begin() {
        Period period = current;
        period.running.increment();
        return period;
    }

    /** The request begun in {@code period} has ended. */
    public void end(Period period) {
        period.running.decrement();
    }

    /** Starts a new period at a swap; the one it closes ends when its requests (and earlier ones) have. */
    synchronized Period swapped() {
        Period closed = current;
        current = new Period(closed);
        return closed;
    }
}
