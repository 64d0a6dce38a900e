package dev.wordvec.cli;

import java.util.Locale;

/**
 * What a command says when the JVM runs out of memory, instead of a stack trace: which limit was
 * reached and the flag that raises it. A command's data (a corpus's words, co-occurrence counts,
 * a model read for reducing) lives on the heap, which the JVM caps at a quarter of the machine's
 * memory unless {@code -Xmx} says otherwise; a model's matrix lives in direct buffers, capped by
 * {@code -XX:MaxDirectMemorySize} (by default the heap's limit).
 */
public final class OutOfMemory {

    private static final long GIB = 1L << 30;

    private OutOfMemory() {
    }

    /** The OutOfMemoryError behind {@code failure} (itself, or a cause, as a training thread's comes wrapped), else null. */
    public static OutOfMemoryError in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError e) {
                return e;
            }
        }
        return null;
    }

    /** Whether {@code e} is the cap on direct buffers (a model's matrix) rather than the heap's. */
    public static boolean isDirect(OutOfMemoryError e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("direct buffer");
    }

    /**
     * The message for {@code command} failing with {@code e} under a heap of at most {@code maxHeap}
     * bytes, naming a limit twice as large, in whole GiB, to try.
     */
    public static String advice(String command, OutOfMemoryError e, long maxHeap) {
        String reason = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        long suggested = Math.max(1, (2 * maxHeap + GIB - 1) / GIB);
        boolean direct = isDirect(e);
        String flag = direct ? "-XX:MaxDirectMemorySize=" + suggested + "g" : "-Xmx" + suggested + "g";
        return String.format(Locale.ROOT, "%s ran out of memory%s: the JVM's %s is at most %d MB here (%s; by default "
                + "a quarter of the machine's memory). Give it more, as java %s -jar wordvec.jar %s ...", command, reason,
                direct ? "direct buffer memory" : "heap", maxHeap >> 20, direct ? "-XX:MaxDirectMemorySize, by default "
                        + "the heap's limit" : "-Xmx", flag, command);
    }
}
