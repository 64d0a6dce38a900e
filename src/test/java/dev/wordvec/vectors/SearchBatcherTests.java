package dev.wordvec.vectors;

import dev.wordvec.testing.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchBatcherTests {

    private static WordVectors randomModel(int rows, int dimension) {
        Random random = new Random(3);
        ByteBuffer buffer = ByteBuffer.allocateDirect(rows * dimension * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < rows * dimension; i++) {
            buffer.putFloat((float) random.nextGaussian());
        }
        List<String> words = IntStream.range(0, rows).mapToObj(i -> "w" + i).toList();
        return TestModels.float32(new Vocabulary(words), dimension, buffer.flip());
    }

    /**
     * A search that is all the work there is has half its rows scored on the spare thread, so that
     * a quiet service answers it on both cores; the answer is the one-thread answer.
     */
    @Test
    void aSearchAloneTakesTheSpareCore() {
        try (WordVectors vectors = randomModel(70_000, 16);
                SearchBatcher batcher = new SearchBatcher(vectors, "test", 2, 64, 0)) {
            for (int row : IntStream.range(0, 200).map(i -> i * 347 % 70_000).toArray()) {
                long before = batcher.spareParts();
                Search search = new Search(List.of(Term.word(row, 1)), 10, -1f);
                assertThat(batcher.search(List.of(search), 0)).isEqualTo(vectors.search(List.of(search), 0));
                assertThat(batcher.spareParts()).isEqualTo(before + 1);
            }
        }
    }

    @Test
    void concurrentSearchesAreBatchedAndAnsweredAsAlone() throws Exception {
        try (WordVectors vectors = randomModel(20_000, 50);
                SearchBatcher batcher = new SearchBatcher(vectors, "test", 1, 64, 2_000)) {
            int arrays = vectors.managedArrays();
            ExecutorService clients = Executors.newFixedThreadPool(32);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int row = i * 37 % 20_000;
                int k = 1 + i % 12;
                float minSimilarity = i % 5 == 0 ? 0.1f : -1f;
                int restrict = i % 7 == 0 ? 5_000 : 0;
                answers.add(clients.submit(() -> {
                    start.await();
                    Search search = new Search(List.of(Term.word(row, 1)), k, minSimilarity);
                    List<Neighbor> batched = batcher.search(List.of(search), restrict).get(0);
                    List<Neighbor> alone = TestSearches.mostSimilar(vectors, List.of(List.of(Term.word(row, 1))), k, restrict,
                            minSimilarity).get(0);
                    assertThat(batched.stream().map(Neighbor::word).toList())
                            .isEqualTo(alone.stream().map(Neighbor::word).toList());
                    return true;
                }));
            }
            start.countDown();
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
            clients.shutdown();
            assertThat(batcher.searches()).isEqualTo(400);
            assertThat(batcher.products()).as("searches arriving together share a product").isLessThan(200);
            assertThat(vectors.managedArrays()).isEqualTo(arrays);
        }
    }

    @Test
    void aClosedBatcherRefusesSearches() {
        try (WordVectors vectors = randomModel(100, 5)) {
            SearchBatcher batcher = new SearchBatcher(vectors, "test", 1, 8, 0);
            batcher.close();
            assertThatThrownBy(() -> batcher.search(List.of(new Search(List.of(Term.word(1, 1)), 3, -1f)), 0))
                    .isInstanceOf(ModelClosedException.class);
        }
    }

    @Test
    void aSearchWaitingForItsBatchIsAnsweredWhenTheBatcherCloses() throws Exception {
        try (WordVectors vectors = randomModel(100, 5)) {
            // The worker takes the search, then waits up to 10 s for others to share its product.
            SearchBatcher batcher = new SearchBatcher(vectors, "test", 1, 64, 10_000_000);
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<?> search = caller.submit(() -> batcher.search(
                        List.of(new Search(List.of(Term.word(1, 1)), 3, -1f)), 0));
                Thread.sleep(200);
                batcher.close();
                assertThatThrownBy(() -> search.get(2, java.util.concurrent.TimeUnit.SECONDS))
                        .hasCauseInstanceOf(ModelClosedException.class);
            } finally {
                caller.shutdownNow();
            }
        }
    }

    @Test
    void searchesRacingTheCloseAreAllAnswered() throws Exception {
        try (WordVectors vectors = randomModel(100, 5)) {
            for (int round = 0; round < 50; round++) {
                // No workers: only close() (or the caller's own check after queueing) can answer.
                SearchBatcher batcher = new SearchBatcher(vectors, "test", 0, 8, 0);
                ExecutorService callers = Executors.newFixedThreadPool(8);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    done.add(callers.submit(() -> {
                        while (true) {
                            try {
                                batcher.search(List.of(new Search(List.of(Term.word(1, 1)), 3, -1f)), 0);
                            } catch (ModelClosedException e) {
                                return;
                            }
                        }
                    }));
                }
                Thread.sleep(2);
                batcher.close();
                callers.shutdown();
                assertThat(callers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS))
                        .as("round %d: every caller answered", round).isTrue();
                for (Future<?> f : done) {
                    f.get();
                }
            }
        }
    }
}
