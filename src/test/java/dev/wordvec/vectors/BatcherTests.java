package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatcherTests {

    /**
     * A batch that fails, even with an error such as running out of memory, fails its own items
     * only: the worker lives on and answers the next batch (a dead worker left every later item of
     * the model waiting forever).
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aWorkerOutlivesAFailedBatch() {
        try (Batcher<Integer, Integer> batcher = new Batcher<>(items -> {
            if (items.contains(-1)) {
                throw new OutOfMemoryError("Java heap space (thrown by the test)");
            }
            if (items.contains(-2)) {
                throw new IllegalArgumentException("bad item");
            }
            return items.stream().map(i -> i * 2).toList();
        }, "test-batcher", 1, 8, 0)) {
            assertThatThrownBy(() -> batcher.submit(List.of(-1))).isInstanceOf(OutOfMemoryError.class);
            assertThat(batcher.submit(List.of(1, 2, 3))).containsExactly(2, 4, 6);
            assertThatThrownBy(() -> batcher.submit(List.of(-2))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad item");
            assertThat(batcher.submit(List.of(5))).containsExactly(10);
        }
    }

    /**
     * A call of one item that comes while a call of many waits is answered in the next batch, not
     * after all of the many: batches take the waiting calls' items in turns (first come, first
     * served made a short query wait 19 s behind a request of 1,000 texts on a contextual model).
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aShortCallIsNotQueuedBehindALongOne() throws Exception {
        try (HeldBatcher held = new HeldBatcher(2, item -> 1)) {
            List<Integer> many = IntStream.rangeClosed(100, 109).boxed().toList();
            CompletableFuture<List<Integer>> longCall = held.waitingCall(many);
            CompletableFuture<List<Integer>> shortCall = held.waitingCall(List.of(1));
            held.release();

            assertThat(shortCall.get()).containsExactly(1);
            assertThat(longCall.get()).isEqualTo(many);
            assertThat(held.batches).containsExactly(List.of(0), List.of(100, 1), List.of(101, 102),
                    List.of(103, 104), List.of(105, 106), List.of(107, 108), List.of(109));
        }
    }

    /**
     * An item as large as a batch (a contextual model's long text, which runs alone) is a batch by
     * itself, and small items fill batches around it: a call's large items do not hold a batch, and
     * with it other callers, for many runs.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void anItemAsLargeAsABatchRunsAloneAndSmallOnesFillTheBatchesAroundIt() throws Exception {
        try (HeldBatcher held = new HeldBatcher(4, item -> item >= 100 ? 4 : 1)) {
            CompletableFuture<List<Integer>> large = held.waitingCall(List.of(100, 101, 102));
            CompletableFuture<List<Integer>> small = held.waitingCall(List.of(1, 2, 3, 4, 5));
            held.release();

            assertThat(large.get()).containsExactly(100, 101, 102);
            assertThat(small.get()).containsExactly(1, 2, 3, 4, 5);
            assertThat(held.batches).containsExactly(List.of(0), List.of(100), List.of(1, 2, 3, 4), List.of(101),
                    List.of(5), List.of(102));
        }
    }

    /**
     * A call whose batch failed takes no more turns: its items still waiting are dropped, not run
     * for an answer nobody reads (a request of 2,048 texts answered 503 after its first batch ran out
     * of memory went on running the other 2,047 beside the requests still being answered). The
     * other call's first batch waits here until the failed call has returned.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aCallThatFailedTakesNoMoreTurns() throws Exception {
        CompletableFuture<Void> failedCallReturned = new CompletableFuture<>();
        try (HeldBatcher held = new HeldBatcher(1, item -> 1, items -> {
            if (items.contains(1)) {
                failedCallReturned.join();
            }
        })) {
            CompletableFuture<List<Integer>> failing = held.waitingCall(List.of(-1, 10, 11, 12));
            failing.whenComplete((result, failure) -> failedCallReturned.complete(null));
            CompletableFuture<List<Integer>> other = held.waitingCall(List.of(1, 2, 3));
            held.release();

            assertThat(other.get()).containsExactly(1, 2, 3);
            assertThat(failing).failsWithin(java.time.Duration.ofSeconds(10))
                    .withThrowableThat().withMessageContaining("item -1 fails");
            assertThat(held.batches).containsExactly(List.of(0), List.of(-1), List.of(1), List.of(2), List.of(3));
        }
    }

    /**
     * A call of more items than one batch holds is spread over the idle workers, not left to one:
     * each batch here waits until all four are being processed at once, so a worker left asleep
     * would fail the call.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aCallLargerThanABatchKeepsEveryWorkerBusy() {
        CountDownLatch allRunning = new CountDownLatch(4);
        try (Batcher<Integer, Integer> batcher = new Batcher<>(items -> {
            allRunning.countDown();
            try {
                if (!allRunning.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not every worker took a batch");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return items;
        }, "test-batcher", 4, 1, 0)) {
            assertThat(batcher.submit(List.of(1, 2, 3, 4))).containsExactly(1, 2, 3, 4);
        }
    }

    /**
     * A batcher with one worker, held in its first batch (the item 0) until {@link #release}, so
     * that calls can queue in a known order; it records every batch it processes, and fails a
     * batch that holds a negative item.
     */
    private static final class HeldBatcher implements AutoCloseable {

        final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final Batcher<Integer, Integer> batcher;
        private final CompletableFuture<List<Integer>> first;

        private final Consumer<List<Integer>> alsoOnEachBatch;

        HeldBatcher(int maxBatch, ToIntFunction<Integer> size) throws InterruptedException {
            this(maxBatch, size, items -> { });
        }

        HeldBatcher(int maxBatch, ToIntFunction<Integer> size, Consumer<List<Integer>> alsoOnEachBatch)
                throws InterruptedException {
            this.alsoOnEachBatch = alsoOnEachBatch;
            batcher = new Batcher<>(this::process, "test-batcher", 1, maxBatch, 0, size);
            first = CompletableFuture.supplyAsync(() -> batcher.submit(List.of(0)));
            held.await();
        }

        private List<Integer> process(List<Integer> items) {
            batches.add(List.copyOf(items));
            alsoOnEachBatch.accept(items);
            items.stream().filter(item -> item < 0).findFirst().ifPresent(item -> {
                throw new IllegalStateException("item " + item + " fails");
            });
            if (items.contains(0)) {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return items;
        }

        /** Submits {@code items} from a thread of its own; returns once they are queued (the thread then waits). */
        CompletableFuture<List<Integer>> waitingCall(List<Integer> items) throws InterruptedException {
            CompletableFuture<List<Integer>> answer = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    answer.complete(batcher.submit(items));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
            caller.start();
            while (caller.getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
            return answer;
        }

        void release() throws Exception {
            release.countDown();
            assertThat(first.get()).containsExactly(0);
        }

        @Override
        public void close() {
            release.countDown();
            batcher.close();
        }
    }
}
