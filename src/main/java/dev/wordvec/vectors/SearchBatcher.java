package dev.wordvec.vectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dynamic batching for nearest-word searches. Requests that arrive together are scored in one
 * matrix product: the matrix is read once per batch instead of once per request, so throughput
 * grows with load instead of collapsing. A worker takes every search waiting when it becomes free
 * (up to {@code maxBatch}), then waits at most {@code maxWait} for more; at low load a search
 * starts at once, alone.
 *
 * <p>Every search submitted gets an answer: its neighbours, or a {@link ModelClosedException}
 * once {@link #close} has begun, whether it was queued before, during or after the close.
 */
public final class SearchBatcher implements AutoCloseable {

    private record Pending(Search search, int restrictRows, CompletableFuture<List<Neighbor>> result) {
    }

    private final WordVectors vectors;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;
    private final AtomicLong products = new AtomicLong();
    private final AtomicLong searched = new AtomicLong();

    /**
     * @param workers threads scoring batches (each batch is one product)
     * @param maxBatch most searches in one product
     * @param maxWaitMicros how long a worker waits for more searches once it has some (0: not at all)
     */
    public SearchBatcher(WordVectors vectors, String name, int workers, int maxBatch, long maxWaitMicros) {
        this.vectors = vectors;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MICROSECONDS.toNanos(maxWaitMicros);
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::run, "wordvec-search-" + name + "-" + (i + 1));
            worker.setDaemon(true);
            worker.start();
            this.workers.add(worker);
        }
    }

    /**
     * Scores {@code searches} (with the next batch of other requests' searches) and waits for the answers.
     *
     * @throws ModelClosedException when the batcher is closed before the searches are scored
     */
    public List<List<Neighbor>> search(List<Search> searches, int restrictRows) {
        if (closed) {
            throw new ModelClosedException();
        }
        List<CompletableFuture<List<Neighbor>>> futures = new ArrayList<>(searches.size());
        for (Search search : searches) {
            CompletableFuture<List<Neighbor>> future = new CompletableFuture<>();
            futures.add(future);
            queue.add(new Pending(search, restrictRows, future));
        }
        if (closed) {
            // close() may have drained the queue before these went in: nobody else will answer them.
            failQueued();
        }
        List<List<Neighbor>> results = new ArrayList<>(searches.size());
        try {
            for (CompletableFuture<List<Neighbor>> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a search", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - batch.size());
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch && maxWaitNanos > 0) {
                    Pending more = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (more == null) {
                        break;
                    }
                    batch.add(more);
                    queue.drainTo(batch, maxBatch - batch.size());
                }
                score(batch);
            } catch (InterruptedException e) {
                // Closed while gathering a batch: the searches in hand still need an answer.
                batch.forEach(p -> p.result().completeExceptionally(new ModelClosedException()));
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** One product per distinct {@code restrictRows} in the batch (almost always one). */
    private void score(List<Pending> batch) {
        Map<Integer, List<Pending>> byRestriction = new LinkedHashMap<>();
        for (Pending pending : batch) {
            byRestriction.computeIfAbsent(pending.restrictRows(), r -> new ArrayList<>()).add(pending);
        }
        byRestriction.forEach((restrictRows, group) -> {
            try {
                List<List<Neighbor>> results = vectors.search(group.stream().map(Pending::search).toList(), restrictRows);
                products.incrementAndGet();
                searched.addAndGet(group.size());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result().complete(results.get(i));
                }
            } catch (RuntimeException e) {
                group.forEach(p -> p.result().completeExceptionally(e));
            }
        });
    }

    private void failQueued() {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.result().completeExceptionally(new ModelClosedException());
        }
    }

    /** Matrix products run so far. */
    public long products() {
        return products.get();
    }

    /** Searches answered so far; divided by {@link #products()}, the mean batch size. */
    public long searches() {
        return searched.get();
    }

    /**
     * Stops the workers and answers every queued search with {@link ModelClosedException}. A
     * batch being scored finishes (or fails the same way, if the model's memory is closed
     * meanwhile); {@link WordVectors#close} waits for it before freeing the matrix.
     */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        failQueued();
    }
}
