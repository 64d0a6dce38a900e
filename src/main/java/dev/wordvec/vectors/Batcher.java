package dev.wordvec.vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Dynamic batching: work items that arrive together are processed in one call, so the expensive
 * part (reading a matrix, running a network) is paid once per batch instead of once per item,
 * and throughput grows with load instead of collapsing. A worker takes every item waiting when
 * it becomes free (up to {@code maxBatch}), then waits at most {@code maxWait} for more; at low
 * load an item starts at once, alone.
 *
 * <p>Every item submitted gets an answer: its result, the processing's exception or error, or a
 * {@link ModelClosedException} once {@link #close} has begun, whether it was queued before,
 * during or after the close. A worker outlives a failed batch, even one that ran out of memory:
 * the batch's memory is free again once it has failed, and a dead worker would leave every later
 * item waiting forever.
 *
 * @param <T> a work item
 * @param <R> its result
 */
public final class Batcher<T, R> implements AutoCloseable {

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private final Function<List<T>, List<R>> process;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong items = new AtomicLong();

    /**
     * @param process answers a batch, one result per item in order (called by one worker at a time per batch)
     * @param threadName the workers' name, numbered
     * @param workers threads each processing one batch at a time
     * @param maxBatch most items in one batch
     * @param maxWaitMicros how long a worker waits for more items once it has some (0: not at all)
     */
    public Batcher(Function<List<T>, List<R>> process, String threadName, int workers, int maxBatch,
            long maxWaitMicros) {
        this.process = process;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MICROSECONDS.toNanos(maxWaitMicros);
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::run, threadName + "-" + (i + 1));
            worker.setDaemon(true);
            worker.start();
            this.workers.add(worker);
        }
    }

    /**
     * Processes {@code items} (with the next batch of other callers' items) and waits for the results.
     *
     * @throws ModelClosedException when the batcher is closed before the items are processed
     */
    public List<R> submit(List<T> items) {
        if (closed) {
            throw new ModelClosedException();
        }
        List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            CompletableFuture<R> future = new CompletableFuture<>();
            futures.add(future);
            queue.add(new Pending<>(item, future));
        }
        if (closed) {
            // close() may have drained the queue before these went in: nobody else will answer them.
            failQueued();
        }
        List<R> results = new ArrayList<>(items.size());
        try {
            for (CompletableFuture<R> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - batch.size());
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch && maxWaitNanos > 0) {
                    Pending<T, R> more = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (more == null) {
                        break;
                    }
                    batch.add(more);
                    queue.drainTo(batch, maxBatch - batch.size());
                }
                answer(batch);
            } catch (InterruptedException e) {
                // Closed while gathering a batch: the items in hand still need an answer.
                batch.forEach(p -> p.result().completeExceptionally(new ModelClosedException()));
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void answer(List<Pending<T, R>> batch) {
        try {
            List<R> results = process.apply(batch.stream().map(Pending::item).toList());
            batches.incrementAndGet();
            items.addAndGet(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    private void failQueued() {
        Pending<T, R> pending;
        while ((pending = queue.poll()) != null) {
            pending.result().completeExceptionally(new ModelClosedException());
        }
    }

    /** Batches processed so far. */
    public long batches() {
        return batches.get();
    }

    /** Items answered so far; divided by {@link #batches()}, the mean batch size. */
    public long items() {
        return items.get();
    }

    /**
     * Stops the workers and answers every queued item with {@link ModelClosedException}. A batch
     * being processed finishes (or fails, if what it needs is closed meanwhile).
     */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        failQueued();
    }
}
