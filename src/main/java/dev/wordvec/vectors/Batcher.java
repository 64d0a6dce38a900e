package dev.wordvec.vectors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Dynamic batching: work items that arrive together are processed in one call, so the expensive
 * part (reading a matrix, running a network) is paid once per batch instead of once per item,
 * and throughput grows with load instead of collapsing. A worker takes every item waiting when
 * it becomes free (up to {@code maxBatch}), then waits at most {@code maxWait} for more; at low
 * load an item starts at once, alone.
 *
 * <p>Callers take turns: a batch takes one item of each waiting call in turn, not the items in
 * the order they came. In first-come order, a short query behind a call of 1,000 texts waited for
 * all of them (19 s on a contextual model with two cores); in turns, it goes into the next batch,
 * and a large call still has every batch to itself when nothing else waits. An item may count as
 * more than one ({@code size}): a text that runs alone fills a batch by itself, so that a batch
 * lasts one run, not dozens.
 *
 * <p>Every item submitted gets an answer (its result, the processing's exception or error, or a
 * {@link ModelClosedException} once {@link #close} has begun, whether it was queued before,
 * during or after the close), but for those of a call that has failed: such a call takes no more
 * turns, its items still waiting dropped, as its caller already has the failure. A worker
 * outlives a failed batch, even one that ran out of memory: the batch's memory is free again once
 * it has failed, and a dead worker would leave every later item waiting forever.
 *
 * @param <T> a work item
 * @param <R> its result
 */
public final class Batcher<T, R> implements AutoCloseable {

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private final Function<List<T>, List<R>> process;
    private final int maxBatch;
    private final ToIntFunction<T> size;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    /** The calls with items still waiting, each call's items in order, in the order of their turns. */
    private final ArrayDeque<ArrayDeque<Pending<T, R>>> calls = new ArrayDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final AtomicInteger busy = new AtomicInteger();

    /**
     * @param process answers a batch, one result per item in order (called by one worker at a time per batch)
     * @param threadName the workers' name, numbered
     * @param workers threads each processing one batch at a time
     * @param maxBatch most items in one batch (with {@code size}, the largest sum of their sizes)
     * @param maxWaitMicros how long a worker waits for more items once it has some (0: not at all)
     */
    public Batcher(Function<List<T>, List<R>> process, String threadName, int workers, int maxBatch,
            long maxWaitMicros) {
        this(process, threadName, workers, maxBatch, maxWaitMicros, item -> 1);
    }

    /**
     * @param size how much of a batch an item takes, from 1 to {@code maxBatch} (a batch holds at
     *     least one item, whatever its size)
     */
    public Batcher(Function<List<T>, List<R>> process, String threadName, int workers, int maxBatch,
            long maxWaitMicros, ToIntFunction<T> size) {
        this.process = process;
        this.maxBatch = maxBatch;
        this.size = size;
        this.maxWaitNanos = TimeUnit.MICROSECONDS.toNanos(maxWaitMicros);
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::run, threadName + "-" + (i + 1));
            worker.setDaemon(true);
            worker.start();
            this.workers.add(worker);
        }
    }

    /**
     * Processes {@code items} (with the next batches of other callers' items) and waits for the results.
     *
     * @throws ModelClosedException when the batcher is closed before the items are processed
     */
    public List<R> submit(List<T> items) {
        List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
        ArrayDeque<Pending<T, R>> call = new ArrayDeque<>(items.size());
        for (T item : items) {
            CompletableFuture<R> future = new CompletableFuture<>();
            futures.add(future);
            call.add(new Pending<>(item, future));
        }
        lock.lock();
        try {
            // Checked under the lock that close() takes: no item can be queued after close() emptied the queue.
            if (closed) {
                throw new ModelClosedException();
            }
            if (!call.isEmpty()) {
                calls.addLast(call);
                // Every waiting worker: waking one, which woke the next if it left items, cost about 12%
                // more CPU a search at 32 connections (two workers; docs/benchmarks.md).
                waiting.signalAll();
            }
        } finally {
            lock.unlock();
        }
        List<R> results = new ArrayList<>(items.size());
        try {
            for (CompletableFuture<R> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            withdraw(call);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            withdraw(call);
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

    /**
     * Takes a call that has failed out of the turns: its items still waiting are not processed, as
     * nobody will read their results (a request of 2,048 texts that ran out of memory at its first
     * batch went on running the other 2,047, beside the requests still being answered). Batches
     * already being processed finish.
     */
    private void withdraw(ArrayDeque<Pending<T, R>> call) {
        lock.lock();
        try {
            // ArrayDeque's equality is identity: this removes this call only.
            calls.remove(call);
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                gather(batch);
            } catch (InterruptedException e) {
                // Only close() interrupts: the items in hand are answered below.
            }
            if (closed) {
                // Closed while gathering a batch: the items in hand still need an answer.
                batch.forEach(p -> p.result().completeExceptionally(new ModelClosedException()));
                return;
            }
            if (!batch.isEmpty()) {
                answer(batch);
                batch.clear();
            }
        }
    }

    /** Fills {@code batch} with the next items, waiting for the first, until the batcher closes. */
    private void gather(List<Pending<T, R>> batch) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (calls.isEmpty() && !closed) {
                waiting.await();
            }
            int taken = takeInTurns(batch, 0);
            long deadline = System.nanoTime() + maxWaitNanos;
            while (taken < maxBatch && maxWaitNanos > 0 && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                waiting.awaitNanos(left);
                taken = takeInTurns(batch, taken);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves waiting items to {@code batch}, one of each call in turn (a call with more left goes to
     * the back), while they fit; a call whose next item does not fit keeps its place at the front,
     * for the next batch. Returns how full the batch is ({@code taken} before): the sum of its
     * items' sizes, or {@code maxBatch} when a waiting item did not fit (waiting for more is then
     * pointless).
     */
    private int takeInTurns(List<Pending<T, R>> batch, int taken) {
        // Made only when a call is passed over: most batches pass none (every item of size 1).
        ArrayDeque<ArrayDeque<Pending<T, R>>> passed = null;
        while (taken < maxBatch && !calls.isEmpty()) {
            ArrayDeque<Pending<T, R>> call = calls.pollFirst();
            int next = size.applyAsInt(call.peekFirst().item());
            if (!batch.isEmpty() && taken + next > maxBatch) {
                if (passed == null) {
                    passed = new ArrayDeque<>();
                }
                passed.addLast(call);
                continue;
            }
            batch.add(call.pollFirst());
            taken += next;
            if (!call.isEmpty()) {
                calls.addLast(call);
            }
        }
        if (passed == null) {
            return taken;
        }
        while (!passed.isEmpty()) {
            calls.addFirst(passed.pollLast());
        }
        return maxBatch;
    }

    private void answer(List<Pending<T, R>> batch) {
        try {
            List<R> results = processed(batch);
            batches.incrementAndGet();
            items.addAndGet(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    /**
     * Whether the batch a worker is processing is all the work there is: no other batch being
     * processed and no item waiting (asked from inside {@code process}).
     */
    public boolean alone() {
        if (busy.get() > 1) {
            return false;
        }
        lock.lock();
        try {
            return calls.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The batch's results, counted busy only while it is processed: a caller answered may send
     * its next item at once, and the worker must not still count as busy then ({@link #alone}).
     */
    private List<R> processed(List<Pending<T, R>> batch) {
        busy.incrementAndGet();
        try {
            return process.apply(batch.stream().map(Pending::item).toList());
        } finally {
            busy.decrementAndGet();
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
        List<Pending<T, R>> queued = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            calls.forEach(queued::addAll);
            calls.clear();
            waiting.signalAll();
        } finally {
            lock.unlock();
        }
        workers.forEach(Thread::interrupt);
        queued.forEach(p -> p.result().completeExceptionally(new ModelClosedException()));
    }
}
