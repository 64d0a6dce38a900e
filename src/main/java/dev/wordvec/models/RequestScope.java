package dev.wordvec.models;

import java.util.ArrayList;
import java.util.List;

/**
 * The request each serving thread runs, counted by every model it takes ({@link ModelHandle#loaded()})
 * from the moment it first takes it until the request ends: a model replaced by a reload is freed
 * once the requests that took it before the swap have ended ({@link RequestsInFlight}). A request
 * that never takes a model (a health check, the explorer's page, one still sending its body or
 * refused before it asks for a model) holds none, and one that takes another model holds nothing
 * of this one: a slow client, or a long request elsewhere, does not keep a replaced model's memory.
 *
 * <p>An adapter that serves requests opens the scope as a request begins on a thread and closes
 * it as the request ends, on the same thread; a model taken outside a scope (a command, a
 * background task) is not counted.
 */
public final class RequestScope {

    /** A model the request took, and the period its counter counts the request in. */
    private record Taken(RequestsInFlight counter, RequestsInFlight.Period period) {
    }

    /** The models the thread's request has taken; null outside a request. */
    private final ThreadLocal<List<Taken>> onThread = new ThreadLocal<>();

    /**
     * A request begins on this thread: true, or false when one is open here already (a nested
     * dispatch of the same request), which its own opener closes.
     */
    public boolean open() {
        if (onThread.get() != null) {
            return false;
        }
        onThread.set(new ArrayList<>(2));
        return true;
    }

    /** The request on this thread has ended: each model it took stops counting it. */
    public void close() {
        List<Taken> taken = onThread.get();
        onThread.remove();
        if (taken != null) {
            taken.forEach(t -> t.counter().end(t.period()));
        }
    }

    /**
     * The request on this thread, if any, is about to take the model {@code counter} counts: it
     * is counted from now on, before the model is read, so that a swap after this cannot free
     * the version it reads.
     */
    void taking(RequestsInFlight counter) {
        List<Taken> taken = onThread.get();
        if (taken == null) {
            return;
        }
        for (Taken t : taken) {
            if (t.counter() == counter) {
                return;
            }
        }
        taken.add(new Taken(counter, counter.begin()));
    }
}
