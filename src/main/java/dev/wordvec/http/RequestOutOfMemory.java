package dev.wordvec.http;

import dev.wordvec.cli.OutOfMemory;
import java.util.Locale;

/**
 * A request that ran out of memory: the JVM frees what it held, and the service goes on, but the
 * client is owed more than "failed to answer (ServletException)": a 503 that names the limit
 * reached, the flag that raises it, and that fewer or shorter inputs need less ({@link
 * OutOfMemory#in} finds the error under MVC's wrapping).
 */
public final class RequestOutOfMemory {

    private RequestOutOfMemory() {
    }

    /** The problem's detail, for a JVM whose heap is at most {@code maxHeap} bytes. */
    public static String detail(OutOfMemoryError e, long maxHeap) {
        String limit = OutOfMemory.isDirect(e)
                ? "direct buffer memory (-XX:MaxDirectMemorySize, by default the heap's limit)"
                : String.format(Locale.ROOT, "heap, at most %d MB here (-Xmx, by default a quarter of the machine's "
                        + "or the container's memory)", maxHeap >> 20);
        return "answering this request ran out of memory: the JVM's " + limit + " cannot hold it beside the requests "
                + "running with it. Send fewer or shorter inputs in a request, or give the service more memory";
    }
}
