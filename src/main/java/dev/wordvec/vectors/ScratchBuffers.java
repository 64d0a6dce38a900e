package dev.wordvec.vectors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers of one size, lent to one caller at a time and kept for the next. A native buffer
 * past the service's mmap threshold (1 MiB) made afresh for each use is a fresh mapping, which the
 * kernel faults in and zeroes page by page; one kept is mapped once and warm. At most {@code most}
 * are made, so that many callers at once cannot pin much memory: past that, {@link #take()} says
 * none is free and the caller makes its own.
 */
final class ScratchBuffers {

    private final int bytes;
    private final int most;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger made = new AtomicInteger();

    ScratchBuffers(int bytes, int most) {
        this.bytes = bytes;
        this.most = most;
    }

    /** A native-order buffer of {@link #bytes()} bytes, the caller's alone until given back; null if none is free. */
    ByteBuffer take() {
        ByteBuffer buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (made.incrementAndGet() > most) {
            made.decrementAndGet();
            return null;
        }
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    /** Returns a buffer from {@link #take()}: nothing may use it afterwards. */
    void give(ByteBuffer buffer) {
        free.offer(buffer);
    }

    int bytes() {
        return bytes;
    }

    /** Buffers made so far (at most {@code most}). */
    int made() {
        return made.get();
    }
}
