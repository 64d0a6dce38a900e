package dev.wordvec.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.RowBlocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * word2vec's skip-gram and CBOW with negative sampling, trained on the PyTorch engine. The two
 * tables (input vectors, the ones kept, and output vectors) are tensors; a Java thread makes
 * the examples ({@link Examples}), and the engine trains on them batch by batch: it gathers the
 * rows a batch touches, computes the logistic loss's gradient in closed form, and adds the
 * updates back with a sparse (row-indexed) add, which sums the updates of a word that occurs
 * several times in a batch. That is plain SGD in mini-batches, word2vec's step size per example,
 * instead of word2vec's one example at a time; autograd would compute the same gradient with a
 * graph per batch and a dense gradient the size of the table, for nothing. Skip-gram trains each
 * word's window at once, its context words sharing the word's negatives: the scores, and both
 * gradients, are then batched matrix products (a window's 2 x window context rows against its
 * 1 + negative output rows), 2.5x less engine time per pair than scoring pair by pair.
 *
 * @param method skip-gram or CBOW
 * @param dim dimensions of the vectors
 * @param window the largest distance between a word and a context word
 * @param negative negative words per example
 * @param sample the subsampling threshold (0: keep every word)
 * @param alpha the learning rate at the start
 * @param minAlpha the learning rate at the end
 * @param epochs passes over the corpus
 * @param seed seeds the initial vectors and every random choice
 * @param batch examples per batch: skip-gram pairs, or CBOW words
 */
public record Word2Vec(Method method, int dim, int window, int negative, double sample, double alpha, double minAlpha,
        int epochs, long seed, int batch) {

    /**
     * The default examples per batch. Smaller batches keep a batch's intermediate tensors in the
     * cache: one epoch of skip-gram ran at 267,000 words/s with 256 and 183,000 with 1,024 (see
     * docs/benchmarks.md); below 256 the engine's per-operation cost takes over.
     */
    public static final int DEFAULT_BATCH = 256;

    /** Batches between two whose loss is computed for the progress line. */
    private static final int LOSS_EVERY = 8;

    /** word2vec's MAX_EXP: a score this far from 0 is saturated (see {@link #crowded}). */
    private static final float MAX_SCORE = 6;
    /** A batch expected to hold one word this many times is crowded (see {@link #crowded}). */
    private static final double CROWDED = 8;

    public enum Method {
        SKIPGRAM, CBOW
    }

    public Word2Vec {
        if (dim < 1 || window < 1 || negative < 1 || epochs < 1 || batch < 1 || sample < 0 || !(alpha > 0)
                || minAlpha < 0 || minAlpha > alpha) {
            throw new IllegalArgumentException("dim, window, negative, epochs and batch are at least 1, sample at least 0, "
                    + "and 0 <= min alpha <= alpha");
        }
    }

    /**
     * Where training is.
     *
     * @param epoch the current epoch, from 1
     * @param fraction of all epochs' work done, 0 to 1
     * @param wordsPerSecond corpus words (before subsampling) per second so far, as gensim counts them
     * @param alpha the current learning rate
     * @param loss the mean negative-sampling loss per example over recent batches (smoothed)
     * @param seconds since training started
     */
    public record Progress(int epoch, int epochs, double fraction, double wordsPerSecond, double alpha, double loss,
            double seconds) {

        /** Seconds left at the speed so far. */
        public double etaSeconds() {
            return fraction <= 0 ? Double.NaN : seconds * (1 - fraction) / fraction;
        }
    }

    /**
     * Trains on {@code corpus} with {@code threads} threads, starting the input vectors from
     * {@code initial} where it has a row (null: all random, as word2vec starts them), and reports
     * progress about every {@code reportNanos}, and once at the end (fraction 1). Threads share the tables as
     * word2vec's do (Hogwild): each reads rows without waiting and trains on its share of the sentences with one
     * engine thread; only a batch's addition to a table waits its turn ({@link #addRows}).
     */
    public RowBlocks train(Corpus corpus, float[][] initial, int threads, long reportNanos, Consumer<Progress> progress) {
        int words = corpus.words().size();
        if (words < 2) {
            throw new IllegalArgumentException("the vocabulary has " + words + " word(s): training needs at least 2");
        }
        NegativeSampler negatives = new NegativeSampler(corpus.counts(), 0.75);
        double[] keep = Examples.keepProbabilities(corpus.counts(), sample);
        boolean crowded = crowded(corpus.counts(), keep, batch);
        AtomicLong wordsDone = new AtomicLong();
        int[] firstSentences = shares(corpus, threads);
        try (NDManager manager = PyTorchEngine.get().newBaseManager()) {
            NDArray input = initialTable(manager, words, initial);
            NDArray output = manager.zeros(new Shape(words, dim));
            float[] labelRow = new float[1 + negative];
            labelRow[0] = 1;
            NDArray labels = manager.create(labelRow, new Shape(1, 1 + negative));
            long started = System.nanoTime();
            AtomicLong lastReport = new AtomicLong(started);
            double[] lastLoss = {Double.NaN};
            AtomicBoolean reported = new AtomicBoolean();
            long total = totalWords(corpus);
            List<Callable<Void>> workers = new ArrayList<>();
            AtomicBoolean failed = new AtomicBoolean();
            for (int t = 0; t < threads; t++) {
                Examples examples = new Examples(corpus, this, negatives, keep, seed + t, firstSentences[t],
                        firstSentences[t + 1], wordsDone);
                Step step = new Step(input, output, labels, crowded);
                workers.add(() -> {
                    // The loss of every LOSS_EVERY-th batch, smoothed: cheap, and steadier than one batch's.
                    double[] smoothed = {Double.NaN};
                    long[] batches = {0};
                    examples.produce(batch, b -> {
                        if (failed.get()) {
                            throw new Stopped(); // another worker failed: end here, the tables are not to be written
                        }
                        boolean sampled = batches[0]++ % LOSS_EVERY == 0;
                        double loss = step.run(b, sampled);
                        if (sampled && Double.isNaN(loss)) {
                            throw new DivergedException(b.epoch() + 1, (double) b.wordsDone() / total, alpha);
                        }
                        if (sampled) {
                            smoothed[0] = Double.isNaN(smoothed[0]) ? loss : 0.9 * smoothed[0] + 0.1 * loss;
                        }
                        long now = System.nanoTime();
                        long last = lastReport.get();
                        // The first batch reports too: its loss is the baseline to watch fall.
                        boolean first = !reported.get() && reported.compareAndSet(false, true);
                        if (first || (now - last >= reportNanos && lastReport.compareAndSet(last, now))) {
                            lastLoss[0] = smoothed[0];
                            double seconds = (now - started) / 1e9;
                            synchronized (progress) { // the first report and a timed one may meet
                                progress.accept(new Progress(b.epoch() + 1, epochs, (double) b.wordsDone() / total,
                                        b.wordsDone() / seconds, b.alpha(), smoothed[0], seconds));
                            }
                        }
                    });
                    if (!Double.isNaN(smoothed[0])) { // a worker with no sentences has no loss to give
                        lastLoss[0] = smoothed[0];
                    }
                    return null;
                });
            }
            runAll(workers, failed);
            RowBlocks trained = copyOut(input, words);
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.accept(new Progress(epochs, epochs, 1, total / seconds, minAlpha, lastLoss[0], seconds));
            return trained;
        }
    }

    /**
     * The input table: each word's row random in (-1/dim, 1/dim) (or {@code initial}'s, where it
     * has one), and after them one row of zeros, which pads short windows and which the updates
     * leave at zero. Filled a chunk of rows at a time, so that the heap never holds the whole
     * table beside the corpus (a 300,000-word table of 100 dimensions is 120 MB).
     */
    private NDArray initialTable(NDManager manager, int words, float[][] initial) {
        NDArray table = manager.zeros(new Shape(words + 1, dim));
        SplittableRandom random = new SplittableRandom(seed);
        int chunkRows = chunkRows();
        float[] chunk = new float[Math.min(chunkRows, words) * dim];
        for (int first = 0; first < words; first += chunkRows) {
            int count = Math.min(chunkRows, words - first);
            for (int w = first; w < first + count; w++) {
                int at = (w - first) * dim;
                for (int k = 0; k < dim; k++) {
                    chunk[at + k] = (float) ((2 * random.nextDouble() - 1) / dim);
                }
                if (initial != null && initial[w] != null) {
                    System.arraycopy(initial[w], 0, chunk, at, dim);
                }
            }
            try (NDArray rows = manager.create(FloatBuffer.wrap(chunk, 0, count * dim), new Shape(count, dim))) {
                table.set(new NDIndex(first + ":" + (first + count)), rows);
            }
        }
        return table;
    }

    /**
     * The trained rows of the words, copied out of the table a chunk at a time into direct memory
     * (the whole table as one Java array doubled the heap at the end of training). A rate too high
     * for the corpus overflows the tables, which the sampled losses may have missed: checked here,
     * in the copy, rather than with table-sized engine masks.
     */
    private RowBlocks copyOut(NDArray table, int words) {
        int rowsPerBlock = RowBlocks.rowsPerBlock(dim, RowBlocks.DEFAULT_BLOCK_BYTES);
        int chunkRows = chunkRows();
        List<ByteBuffer> blocks = new ArrayList<>();
        for (int first = 0; first < words; first += rowsPerBlock) {
            int count = Math.min(rowsPerBlock, words - first);
            ByteBuffer block = direct((long) count * dim * Float.BYTES);
            for (int from = first; from < first + count; from += chunkRows) {
                try (NDArray rows = table.get(new NDIndex(from + ":" + Math.min(first + count, from + chunkRows)))) {
                    float[] values = rows.toFloatArray();
                    for (float value : values) {
                        if (!Float.isFinite(value)) {
                            throw new DivergedException(epochs, 1, alpha);
                        }
                    }
                    block.asFloatBuffer().put((from - first) * dim, values);
                }
            }
            blocks.add(block);
        }
        return new RowBlocks(dim, rowsPerBlock, blocks);
    }

    /** Rows in 16 MB: how much of a table passes through the heap at a time. */
    private int chunkRows() {
        return Math.max(1, (16 << 20) / (dim * Float.BYTES));
    }

    /** Training that ran off to infinities and NaN (a learning rate too high for the corpus): nothing to write. */
    public static final class DivergedException extends IllegalStateException {
        DivergedException(int epoch, double fraction, double alpha) {
            super(String.format(java.util.Locale.ROOT, "training diverged in epoch %d (%.1f%% done): the vectors are no "
                    + "longer numbers (NaN or infinity), so nothing was written; --alpha %s is too high for this corpus, "
                    + "lower it (the default is 0.025)", epoch, 100 * fraction, alpha));
        }
    }

    /** Words in all epochs: the learning rate reaches its minimum after this many. */
    long totalWords(Corpus corpus) {
        return (long) epochs * corpus.tokens().length;
    }

    /** Where each thread's sentences start (and, last, the end): shares of about equal words. */
    private static int[] shares(Corpus corpus, int threads) {
        int[] ends = corpus.sentenceEnds();
        int[] first = new int[threads + 1];
        int sentence = 0;
        for (int t = 1; t < threads; t++) {
            long target = (long) corpus.tokens().length * t / threads;
            while (sentence < ends.length && ends[sentence] < target) {
                sentence++;
            }
            first[t] = sentence;
        }
        first[threads] = ends.length;
        return first;
    }

    /** A worker's way out when another one failed. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs the workers on threads of their own (the calling one for one worker). The first failure
     * sets {@code failed}, which ends the others at their next batch, and is thrown once all have
     * ended: the tables must not be closed under a worker still running engine operations on them.
     */
    private static void runAll(List<Callable<Void>> workers, AtomicBoolean failed) {
        if (workers.size() == 1) {
            call(workers.get(0));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), r -> {
            Thread thread = new Thread(r, "wordvec-train");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<Void>> running = new ArrayList<>();
        for (Callable<Void> worker : workers) {
            running.add(pool.submit(() -> {
                try {
                    return worker.call();
                } catch (Exception | Error e) {
                    failed.set(true);
                    throw e;
                }
            }));
        }
        pool.shutdown();
        RuntimeException first = null;
        boolean interrupted = false;
        for (Future<Void> future : running) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (!(cause instanceof Stopped) && first == null) {
                        first = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                    }
                    break;
                } catch (InterruptedException e) {
                    // Ask the workers to end, and still wait for them: they use the tables.
                    interrupted = true;
                    failed.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training was interrupted");
        }
        if (first != null) {
            throw first;
        }
    }

    private static void call(Callable<Void> worker) {
        try {
            worker.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One thread's engine work: for a batch, with h the input vectors (skip-gram: each context
     * word's; CBOW: their mean) and u the output vectors of the word and its negatives,
     * s = sigmoid(u·h) and g = alpha (label - s); then u += g h and each input row += g u (CBOW:
     * each context word). The ids go to the engine through direct buffers made once, which
     * tensors wrap without a copy. (Package-visible for TrainingStepBenchmarks, which measures it
     * against autograd.)
     */
    final class Step {
        private final NDArray input;
        private final NDArray output;
        private final NDArray labels;
        private final boolean cbow;
        /** No update from a pair whose score is saturated, as in word2vec and gensim ({@link #crowded}). */
        private final boolean skipSaturated;
        private final int slots;
        private final ByteBuffer inputIds;
        private final ByteBuffer outputIds;
        private final ByteBuffer weights;
        private final ByteBuffer usedIds;
        private final ByteBuffer usedOwners;
        private final long[] used;
        private final long[] owners;

        Step(NDArray input, NDArray output, NDArray labels, boolean skipSaturated) {
            this.skipSaturated = skipSaturated;
            this.input = input;
            this.output = output;
            this.labels = labels;
            this.cbow = method == Method.CBOW;
            this.slots = 2 * window;
            this.inputIds = direct((long) batch * slots * Long.BYTES);
            this.outputIds = direct((long) batch * (1 + negative) * Long.BYTES);
            this.weights = direct(cbow ? (long) batch * slots * Float.BYTES : 0);
            this.usedIds = direct((long) batch * slots * Long.BYTES);
            this.usedOwners = direct((long) batch * slots * Long.BYTES);
            this.used = new long[batch * slots];
            this.owners = new long[batch * slots];
        }

        /** Trains on {@code b}; returns the batch's mean loss when asked (it costs a copy), else NaN. */
        double run(Examples.Batch b, boolean withLoss) {
            int n = b.size();
            int width = b.width();
            int outputs = 1 + negative;
            try (NDManager step = input.getManager().newSubManager()) {
                NDArray in = wrap(step, inputIds, b.inputs(), n * width, new Shape(n, width));
                NDArray out = wrap(step, outputIds, b.outputs(), n * outputs, new Shape(n, outputs));
                NDArray contexts = gather(in, input);
                NDArray u = gather(out, output);
                // h, the rows that predict the word: skip-gram each context word's (a window at
                // once; an unused slot's row is the zero padding row, so it adds nothing to the
                // output rows' gradient), CBOW their mean. Then s and both gradients are
                // (rows x outputs) and (rows or outputs x dim) products per example.
                NDArray h = cbow ? wrapFloats(step, b.contextWeights(), n * width).reshape(n, 1, width)
                        .batchMatMul(contexts) : contexts;
                NDArray scores = h.batchMatMul(u.transpose(0, 2, 1));
                NDArray s = Activation.sigmoid(scores);
                double loss = withLoss ? loss(s.toFloatArray(), outputs, cbow ? null : b.contextWeights()) : Double.NaN;
                NDArray g = s.neg().addi(labels).muli((float) b.alpha());
                if (skipSaturated) {
                    g.muli(scores.abs().lt(MAX_SCORE));
                }
                addRows(output, out.reshape(1, (long) n * outputs),
                        g.transpose(0, 2, 1).batchMatMul(h).reshape((long) n * outputs, dim));
                // Skip-gram: each used slot gets its own row's gradient. CBOW: as in word2vec and
                // gensim, every context word gets the mean's whole gradient, not its share.
                int slotsPerRow = cbow ? width : 1;
                addToUsedSlots(b, g.batchMatMul(u).reshape((long) n * width / slotsPerRow, dim), slotsPerRow);
                return loss;
            }
        }

        /**
         * Adds row {@code slot / slotsPerRow} of {@code rows} to the input row of each slot in use:
         * padding slots are left out, as all their rows would be zeros added to one padding row that
         * every thread writes (40% of the slots, with word2vec's reduced window).
         */
        private void addToUsedSlots(Examples.Batch b, NDArray rows, int slotsPerRow) {
            int count = 0;
            for (int slot = 0; slot < b.size() * b.width(); slot++) {
                if (b.contextWeights()[slot] != 0) {
                    used[count] = b.inputs()[slot];
                    owners[count++] = slot / slotsPerRow;
                }
            }
            NDManager step = rows.getManager();
            NDArray spread = gather(wrap(step, usedOwners, owners, count, new Shape(count)), rows);
            addRows(input, wrap(step, usedIds, used, count, new Shape(1, count)), spread);
        }

        private NDArray wrapFloats(NDManager step, float[] values, int count) {
            weights.clear();
            weights.asFloatBuffer().put(values, 0, count);
            return step.create(weights.slice(0, count * Float.BYTES).order(ByteOrder.nativeOrder()), new Shape(count),
                    DataType.FLOAT32);
        }
    }

    private static NDArray wrap(NDManager step, ByteBuffer buffer, long[] values, int count, Shape shape) {
        buffer.clear();
        buffer.asLongBuffer().put(values, 0, count);
        return step.create(buffer.slice(0, count * Long.BYTES).order(ByteOrder.nativeOrder()), shape, DataType.INT64);
    }

    /**
     * Whether a batch of {@code batch} examples is expected to hold its most frequent word (after
     * subsampling) at least {@link #CROWDED} times. Its rows then get the sum of that many steps,
     * each computed before any is taken, and with a small vocabulary or no subsampling that sum
     * overshoots and the scores run off to infinity (nine words and --sample 0: CBOW on every seed),
     * where gensim, taking its steps one by one and none from a pair whose score is saturated
     * (|u·h| >= 6), trains. Such batches skip saturated pairs as gensim does; others need not, and
     * the rule would cost them a tenth of skip-gram's CPU (three more engine operations a batch).
     */
    static boolean crowded(long[] counts, double[] keep, int batch) {
        double top = 0;
        double total = 0;
        for (int w = 0; w < counts.length; w++) {
            double kept = counts[w] * keep[w];
            top = Math.max(top, kept);
            total += kept;
        }
        return top / total * batch >= CROWDED;
    }

    private static ByteBuffer direct(long bytes) {
        return ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
    }

    /** The rows {@code ids} of {@code table}, in {@code ids}' shape plus one axis; owned by {@code ids}' manager. */
    private static NDArray gather(NDArray ids, NDArray table) {
        return JniUtils.embedding((PtNDArray) ids, (PtNDArray) table, false);
    }

    /**
     * table[ids[i]] += rows[i] for every i, summing repeated ids: a sparse tensor added in place.
     * One thread at a time per table: libtorch's in-place sparse add is not atomic, and two
     * threads adding to the same rows at once lost some of each other's additions
     * ({@code ConcurrentRowUpdatesTests}); threads that trained neighbouring text (sharing many
     * rows) diverged. The lock cost no speed beyond the runs' noise (docs/benchmarks.md).
     */
    static void addRows(NDArray table, NDArray ids, NDArray rows) {
        NDArray sparse = JniUtils.createSparseCoo((PtNDArray) ids, (PtNDArray) rows, table.getShape());
        synchronized (table) {
            table.addi(sparse);
        }
    }

    /**
     * Mean over examples of -log s(word) - sum log(1 - s(negative)), {@code s} holding
     * {@code outputs} scores per example; with {@code used} (skip-gram), an example per slot, those
     * whose weight is 0 left out.
     */
    private static double loss(float[] s, int outputs, float[] used) {
        double sum = 0;
        int examples = 0;
        for (int e = 0; e < s.length / outputs; e++) {
            if (used != null && used[e] == 0) {
                continue;
            }
            examples++;
            for (int k = 0; k < outputs; k++) {
                double p = k == 0 ? s[e * outputs] : 1 - s[e * outputs + k];
                sum -= Math.log(Math.max(p, 1e-7));
            }
        }
        return sum / examples;
    }
}
