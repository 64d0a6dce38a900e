package dev.wordvec.vectors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A thread that scores part of a search's rows while a core would otherwise idle: a search that
 * arrives alone is one matrix product on one thread (the engine runs each operation on one), so
 * on a quiet service it took one core and left the other idle. It takes one part at a time and
 * never queues one: a caller that finds it busy scores all its rows itself.
 */
final class SpareCore implements AutoCloseable {

    private final ExecutorService thread;
    private final Semaphore free = new Semaphore(1);
    private final AtomicLong parts = new AtomicLong();

    SpareCore(String name) {
        this.thread = Executors.newSingleThreadExecutor(work -> {
            Thread spare = new Thread(work, name);
            spare.setDaemon(true);
            return spare;
        });
    }

    /** Starts {@code work} on the spare thread if it is free; null if it is not (or is closed). */
    <T> CompletableFuture<T> tryStart(Supplier<T> work) {
        if (!free.tryAcquire()) {
            return null;
        }
        try {
            parts.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return work.get();
                } finally {
                    free.release();
                }
            }, thread);
        } catch (RejectedExecutionException e) {
            free.release();
            return null;
        }
    }

    /** Parts started so far. */
    long parts() {
        return parts.get();
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
