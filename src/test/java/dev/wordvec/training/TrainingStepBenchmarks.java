package dev.wordvec.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.wordvec.vectors.PyTorchEngine;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One skip-gram batch on the engine, two ways: wordvec's explicit update (the gradient in closed
 * form, added back as a sparse tensor) and the engine's autograd (sparse embedding gradients,
 * then an SGD step), on tables of the built-in model's size (57,686 x 100). Batches hold about
 * {@code batch} pairs: windows of 2 to 10 context words (word2vec's reduced window of 5), padded
 * to 10, each sharing its word's 5 negatives; ids drawn Zipf-like as in text. Scores are per
 * batch; divide by the batch's pairs for the cost of one. Run with
 * {@code src/test/bench/jmh.sh TrainingStep}; figures in docs/benchmarks.md.
 */
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
    "-Dai.djl.pytorch.num_interop_threads=1"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TrainingStepBenchmarks {

    private static final int WORDS = 57_686;
    private static final int DIM = 100;
    private static final int OUTPUTS = 6;
    private static final int SLOTS = 10;

    @Param({"256", "1024"})
    int batch;

    private NDManager manager;
    private NDArray input;
    private NDArray output;
    private Word2Vec.Step step;
    private Examples.Batch[] batches;
    private NDArray signs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        PyTorchEngine.start(1);
        manager = PyTorchEngine.get().newBaseManager();
        // The last row pads short windows, as in training.
        input = manager.randomUniform(-0.01f, 0.01f, new Shape(WORDS + 1, DIM));
        output = manager.zeros(new Shape(WORDS, DIM));
        float[] labelRow = new float[OUTPUTS];
        labelRow[0] = 1;
        Word2Vec settings = new Word2Vec(Word2Vec.Method.SKIPGRAM, DIM, 5, OUTPUTS - 1, 1e-3, 0.025, 0.0001, 1, 1, batch);
        step = settings.new Step(input, output, manager.create(labelRow, new Shape(1, OUTPUTS)), false);
        float[] signRow = new float[OUTPUTS];
        Arrays.fill(signRow, -1);
        signRow[0] = 1;
        signs = manager.create(signRow, new Shape(1, 1, OUTPUTS));
        SplittableRandom random = new SplittableRandom(1);
        batches = new Examples.Batch[16];
        for (int b = 0; b < batches.length; b++) {
            long[] inputs = new long[batch * SLOTS];
            float[] used = new float[batch * SLOTS];
            long[] outputs = new long[batch * OUTPUTS];
            int windows = 0;
            for (int pairs = 0; pairs < batch; windows++) {
                int contexts = 2 * (1 + random.nextInt(5));
                for (int j = 0; j < SLOTS; j++) {
                    inputs[windows * SLOTS + j] = j < contexts ? zipf(random) : WORDS;
                    used[windows * SLOTS + j] = j < contexts ? 1 : 0;
                }
                for (int k = 0; k < OUTPUTS; k++) {
                    outputs[windows * OUTPUTS + k] = zipf(random);
                }
                pairs += contexts;
            }
            batches[b] = new Examples.Batch(windows, SLOTS, inputs, used, outputs, 0.025, 0, 0);
        }
    }

    /** A word id with probability about 1 / rank, as words in text. */
    private static long zipf(SplittableRandom random) {
        return Math.min(WORDS - 1, (long) Math.exp(random.nextDouble() * Math.log(WORDS)) - 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    @Benchmark
    public double explicitUpdate() {
        return step.run(batches[next++ & 15], false);
    }

    @Benchmark
    public void autograd() {
        Examples.Batch b = batches[next++ & 15];
        input.setRequiresGradient(true);
        output.setRequiresGradient(true);
        try (NDManager scope = manager.newSubManager()) {
            int n = b.size();
            NDArray in = scope.create(Arrays.copyOf(b.inputs(), n * SLOTS), new Shape(n, SLOTS));
            NDArray out = scope.create(Arrays.copyOf(b.outputs(), n * OUTPUTS), new Shape(n, OUTPUTS));
            NDArray used = scope.create(Arrays.copyOf(b.contextWeights(), n * SLOTS), new Shape(n, SLOTS, 1));
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray h = JniUtils.embedding((PtNDArray) in, (PtNDArray) input, true);
                NDArray u = JniUtils.embedding((PtNDArray) out, (PtNDArray) output, true);
                NDArray dots = h.batchMatMul(u.transpose(0, 2, 1));
                collector.backward(Activation.sigmoid(dots.mul(signs)).log().mul(used).sum().neg());
            }
            input.subi(input.getGradient().mul((float) b.alpha()));
            output.subi(output.getGradient().mul((float) b.alpha()));
            JniUtils.zeroGrad((PtNDArray) input);
            JniUtils.zeroGrad((PtNDArray) output);
        }
    }
}
