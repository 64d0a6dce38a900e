package dev.wordvec.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.wordvec.vectors.PyTorchEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Training threads add their batches' gradients to the same tables, and their batches share rows
 * (frequent words always; neighbouring text, many). Every addition must land whole: libtorch's
 * in-place add of a sparse tensor is not safe for two threads writing the same rows at once,
 * and a run whose threads trained neighbouring text diverged (loss 10 to 18) until the additions
 * were serialised (docs/benchmarks.md).
 */
class ConcurrentRowUpdatesTests {

    @Test
    void additionsFromTwoThreadsToTheSameRowsAllLand() throws Exception {
        int rows = 64;
        int dim = 100;
        int perBatch = 512; // each batch adds 1 to rows 0..63, eight times each, in one sparse tensor
        int batches = 400;
        try (NDManager manager = PyTorchEngine.get().newBaseManager()) {
            NDArray table = manager.zeros(new Shape(rows, dim));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Void>> done = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    Callable<Void> worker = () -> {
                        long[] ids = new long[perBatch];
                        for (int i = 0; i < perBatch; i++) {
                            ids[i] = i % rows;
                        }
                        for (int b = 0; b < batches; b++) {
                            try (NDManager step = table.getManager().newSubManager()) {
                                NDArray index = step.create(ids, new Shape(1, perBatch));
                                NDArray ones = step.ones(new Shape(perBatch, dim));
                                Word2Vec.addRows(table, index, ones);
                            }
                        }
                        return null;
                    };
                    done.add(pool.submit(worker));
                }
                for (Future<Void> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            float expected = 2f * batches * perBatch / rows;
            float[] values = table.toFloatArray();
            float lowest = Float.MAX_VALUE;
            float highest = -Float.MAX_VALUE;
            for (float v : values) {
                lowest = Math.min(lowest, v);
                highest = Math.max(highest, v);
            }
            assertThat(lowest).as("every addition landed").isEqualTo(expected);
            assertThat(highest).as("no addition landed twice").isEqualTo(expected);
        }
    }
}
