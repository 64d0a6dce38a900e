package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
}
