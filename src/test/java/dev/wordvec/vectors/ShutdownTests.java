package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Closing a model while it answers: every caller gets an answer or a {@link ModelClosedException}
 * within a bounded time, and the native matrix is never freed under a running product (which
 * would crash the JVM, taking the test run with it).
 */
class ShutdownTests {

    private static final int ROWS = 20_000;
    private static final int DIM = 64;

    private static WordVectors model(Dtype dtype) {
        Random random = new Random(11);
        ByteBuffer buffer = ByteBuffer.allocateDirect(ROWS * DIM * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < ROWS * DIM; i++) {
            buffer.putFloat((float) random.nextGaussian());
        }
        List<String> words = IntStream.range(0, ROWS).mapToObj(i -> "w" + i).toList();
        return new WordVectors(new Vocabulary(words), new RowBlocks(DIM, ROWS, List.of(buffer.flip())), dtype);
    }

    @RepeatedTest(2)
    void closingDuringABurstOfSearchesAnswersEveryCaller() throws Exception {
        for (Dtype dtype : Dtype.values()) {
            WordVectors vectors = model(dtype);
            SearchBatcher batcher = new SearchBatcher(vectors, "shutdown", 2, 16, 200);
            int threads = 16;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch started = new CountDownLatch(threads);
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                callers.add(pool.submit(() -> {
                    started.countDown();
                    for (int i = 0; ; i++) {
                        int row = (seed * 997 + i * 31) % ROWS;
                        try {
                            switch ((seed + i) % 4) {
                                case 0 -> batcher.search(List.of(new Search(List.of(Term.word(row, 1)), 10, -1f)), 0);
                                case 1 -> vectors.search(List.of(new Search(List.of(Term.word(row, 1)), 10, -1f),
                                        new Search(List.of(Term.word((row + 1) % ROWS, 1)), 5, -1f)), 0);
                                case 2 -> vectors.mostSimilarCosMul(new int[] {row}, new int[] {(row + 7) % ROWS}, 5, 0);
                                default -> vectors.centrality(new int[] {row, (row + 3) % ROWS, (row + 5) % ROWS});
                            }
                            answered.incrementAndGet();
                        } catch (ModelClosedException e) {
                            refused.incrementAndGet();
                            return;
                        } catch (Throwable e) {
                            unexpected.add(e);
                            return;
                        }
                    }
                }));
            }
            started.await();
            Thread.sleep(150);
            batcher.close();
            vectors.close();
            pool.shutdown();
            assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).as("every caller answered (%s)", dtype).isTrue();
            for (Future<?> caller : callers) {
                caller.get();
            }
            assertThat(unexpected).as("errors other than 'closed' (%s)", dtype).isEmpty();
            assertThat(refused.get()).as("callers told the model closed (%s)", dtype).isEqualTo(threads);
            assertThat(answered.get()).as("searches answered before the close (%s)", dtype).isPositive();
        }
    }

    @Test
    void searchesAfterCloseAreRefusedNotHung() {
        WordVectors vectors = model(Dtype.FLOAT32);
        SearchBatcher batcher = new SearchBatcher(vectors, "closed", 1, 8, 0);
        batcher.close();
        vectors.close();
        Search search = new Search(List.of(Term.word(1, 1)), 3, -1f);
        assertThatThrownBy(() -> batcher.search(List.of(search), 0)).isInstanceOf(ModelClosedException.class);
        assertThatThrownBy(() -> vectors.search(List.of(search), 0)).isInstanceOf(ModelClosedException.class);
        assertThatThrownBy(() -> vectors.centrality(new int[] {1, 2})).isInstanceOf(ModelClosedException.class);
        assertThatThrownBy(() -> vectors.setSimilarity(new int[] {1}, new int[] {2}))
                .isInstanceOf(ModelClosedException.class);
        // Rows are read from Java buffers, not the engine: still safe to read.
        assertThat(vectors.vector(1)).hasSize(DIM);
        vectors.close();
    }

    @Test
    void aQueryMayNotReturnAnEngineArray() {
        ByteBuffer row = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        try (EngineMemory memory = new EngineMemory(Dtype.FLOAT32, new RowBlocks(2, 1, List.of(row)))) {
            int arrays = memory.managedArrays();
            assertThatThrownBy(() -> memory.query(request -> request.zeros(new ai.djl.ndarray.types.Shape(2))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not engine arrays");
            assertThat(memory.managedArrays()).as("the refused array was freed with its scope").isEqualTo(arrays);
        }
    }
}
