package dev.wordvec.models;

import java.util.concurrent.atomic.LongAdder;

/**
 * The requests that have taken one model, counted by the model swap they took it after, so that a
 * version replaced by a reload is freed only once the requests that may hold it have finished: an
 * evaluation or a bulk request of a minute runs to its end on the version it started with, whatever
 * the reload grace. {@link RequestScope} counts a request here when it first takes the model.
 *
 * <p>A request is counted before it reads the model: if it reads the version before a swap, it is
 * counted in the period the swap closes, so the replaced version waits for it; counted after the
 * swap, it can only read the new version. Counting costs a request two additions to a
 * {@link LongAdder} for each model it takes.
 */
final class RequestsInFlight {

    /** The requests counted between two swaps, and those before (null once they all ended). */
    static final class Period {
        private final LongAdder running = new LongAdder();
        private volatile Period before;

        private Period(Period before) {
            this.before = before;
        }

        /** Whether every request counted in this period or an earlier one has ended. */
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

    /** A request takes the model: the period to give back to {@link #end}. */
    Period begin() {
        Period period = current;
        period.running.increment();
        return period;
    }

    /** The request counted in {@code period} has ended. */
    void end(Period period) {
        period.running.decrement();
    }

    /** Starts a new period at a swap; the one it closes ends when its requests (and earlier ones) have. */
    synchronized Period swapped() {
        Period closed = current;
        current = new Period(closed);
        return closed;
    }
}
