package dev.wordvec.memory;

/**
 * The share of the service's bound on large request bodies that the request answered on this
 * thread holds, while it holds one. A part of the service that counts the request's memory in a
 * bound of its own from some point on (a contextual model's queue, where a bulk request waits for
 * minutes) hands the share back then, so that the request is not counted twice and does not keep
 * other large requests waiting meanwhile.
 */
public final class HeapShare {

    private static final ThreadLocal<Runnable> GIVE_BACK = new ThreadLocal<>();

    private HeapShare() {
    }

    /** Marks the share the request on this thread holds: {@code giveBack} returns it (once is enough). */
    public static void hold(Runnable giveBack) {
        GIVE_BACK.set(giveBack);
    }

    /** Forgets the share of the request on this thread, given back or not (its filter gives it back). */
    public static void forget() {
        GIVE_BACK.remove();
    }

    /** Gives back the share the request on this thread holds, if it holds one: its memory is counted elsewhere now. */
    public static void handOver() {
        Runnable giveBack = GIVE_BACK.get();
        if (giveBack != null) {
            GIVE_BACK.remove();
            giveBack.run();
        }
    }
}
