package dev.wordvec.training;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns the corpus into training examples the way word2vec (and gensim) does, batch after batch:
 * each epoch drops frequent words at random (subsampling), gives each remaining word a reduced
 * window (a random 1..window words each side), and pairs each example with {@code negative}
 * words drawn from the unigram^0.75 distribution. Each training thread makes the examples of its
 * share of the sentences (as word2vec's threads each take a part of the file) from a random
 * stream of its own, so one thread and a seed always give the same batches.
 *
 * <p>Skip-gram: one example per word and its window; each context word's input vector predicts
 * the word, as in word2vec's code, and the window's context words share the word's negatives
 * (as in Ji et al.'s pWord2Vec, "Parallelizing Word2Vec in Shared and Distributed Memory", 2016),
 * which lets the engine train a window as one small matrix product instead of a pair at a time.
 * CBOW: one example per word; the mean of its context words' input vectors predicts it.
 */
final class Examples {

    /**
     * One batch, ready for the engine.
     *
     * @param size examples in the batch: words with their windows
     * @param width context slots per example: the most context words any example of the batch has
     *     (at most 2 x window; fewer where sentences are shorter than the window)
     * @param inputs {@code width} context words per example, unused slots holding the padding row
     *     (the vocabulary size)
     * @param contextWeights per slot, 0 when unused; when used, skip-gram 1, CBOW 1 / (context words)
     * @param outputs per example, the word to predict then the negative words
     * @param alpha the learning rate for this batch
     * @param wordsDone corpus words (before subsampling) done by all threads, over all epochs
     * @param epoch the batch's epoch, from 0
     *
     * <p>The arrays are reused for the next batch: use them before asking for it.
     */
    record Batch(int size, int width, long[] inputs, float[] contextWeights, long[] outputs, double alpha,
            long wordsDone, int epoch) {
    }

    private final Corpus corpus;
    private final Word2Vec settings;
    private final NegativeSampler negatives;
    private final double[] keep;
    private final SplittableRandom random;
    private final int padding;
    private final int firstSentence;
    private final int endSentence;
    private final AtomicLong wordsDone;

    /**
     * The examples of sentences {@code [firstSentence, endSentence)}, drawn with {@code seed};
     * {@code wordsDone} counts the words all threads have done, for the learning rate.
     */
    Examples(Corpus corpus, Word2Vec settings, NegativeSampler negatives, double[] keep, long seed, int firstSentence,
            int endSentence, AtomicLong wordsDone) {
        this.corpus = corpus;
        this.settings = settings;
        this.negatives = negatives;
        this.keep = keep;
        this.random = new SplittableRandom(seed);
        this.padding = corpus.words().size();
        this.firstSentence = firstSentence;
        this.endSentence = endSentence;
        this.wordsDone = wordsDone;
    }

    /**
     * word2vec's subsampling as gensim computes it: with t = sample x (words in the kept
     * vocabulary), a word seen c times is kept with probability (sqrt(c / t) + 1) t / c, at most 1.
     */
    static double[] keepProbabilities(long[] counts, double sample) {
        double[] keep = new double[counts.length];
        long total = Arrays.stream(counts).sum();
        double threshold = sample < 1 ? sample * total : sample;
        for (int w = 0; w < counts.length; w++) {
            keep[w] = sample <= 0 ? 1 : Math.min(1, (Math.sqrt(counts[w] / threshold) + 1) * threshold / counts[w]);
        }
        return keep;
    }


    /** Makes every batch of every epoch, in order, handing each to {@code sink}; stops when the thread is interrupted. */
    void produce(int examplesPerBatch, Consumer<Batch> sink) {
        boolean cbow = settings.method() == Word2Vec.Method.CBOW;
        int window = settings.window();
        int outputsPerExample = 1 + settings.negative();
        int slots = 2 * window;
        int[] tokens = corpus.tokens();
        int[] ends = corpus.sentenceEnds();
        int[] kept = new int[0];
        long total = settings.totalWords(corpus);
        // A batch ends at examplesPerBatch words (CBOW) or pairs (skip-gram): at most that many windows.
        Builder batch = new Builder(examplesPerBatch, slots, outputsPerExample);
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            int start = firstSentence == 0 ? 0 : ends[firstSentence - 1];
            for (int sentence = firstSentence; sentence < endSentence; sentence++) {
                int end = ends[sentence];
                if (kept.length < end - start) {
                    kept = new int[end - start];
                }
                int length = 0;
                for (int i = start; i < end; i++) {
                    if (keep[tokens[i]] >= 1 || random.nextDouble() < keep[tokens[i]]) {
                        kept[length++] = tokens[i];
                    }
                }
                long done = wordsDone.addAndGet(end - start);
                start = end;
                for (int i = 0; i < length; i++) {
                    int reach = window - random.nextInt(window);
                    int from = Math.max(0, i - reach);
                    int to = Math.min(length, i + reach + 1);
                    if (to - from > 1) {
                        batch.addWindow(kept, from, to, i, padding, cbow, this);
                    }
                    if ((cbow ? batch.size : batch.pairs) >= examplesPerBatch) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        sink.accept(batch.build(alpha(done, total), done, epoch));
                    }
                }
            }
            if (batch.size > 0) {
                sink.accept(batch.build(alpha(wordsDone.get(), total), wordsDone.get(), epoch));
            }
        }
    }

    /** word2vec's linear decay from alpha to minAlpha over all epochs' words. */
    double alpha(long done, long total) {
        double progress = total == 0 ? 1 : (double) done / total;
        return Math.max(settings.minAlpha(), settings.alpha() - (settings.alpha() - settings.minAlpha()) * progress);
    }

    /** Fills the arrays of the next batch. */
    private static final class Builder {
        private final int slots;
        private final int outputsPerExample;
        private final long[] inputs;
        private final float[] weights;
        private final long[] outputs;
        int size;
        int pairs;
        /** The most context words an example of this batch has so far. */
        private int width;

        Builder(int capacity, int slots, int outputsPerExample) {
            this.slots = slots;
            this.outputsPerExample = outputsPerExample;
            inputs = new long[capacity * slots];
            weights = new float[capacity * slots];
            outputs = new long[capacity * outputsPerExample];
        }

        /** The word at {@code at} with its context words {@code [from, to)}; CBOW weighs each by their mean's share. */
        void addWindow(int[] kept, int from, int to, int at, int padding, boolean cbow, Examples examples) {
            int base = size * slots;
            int contexts = to - from - 1;
            float weight = cbow ? 1f / contexts : 1f;
            int slot = 0;
            for (int j = from; j < to; j++) {
                if (j != at) {
                    inputs[base + slot] = kept[j];
                    weights[base + slot] = weight;
                    slot++;
                }
            }
            for (; slot < slots; slot++) {
                inputs[base + slot] = padding;
                weights[base + slot] = 0;
            }
            pairs += contexts;
            width = Math.max(width, contexts);
            addOutputs(kept[at], examples);
        }

        private void addOutputs(int word, Examples examples) {
            int base = size * outputsPerExample;
            outputs[base] = word;
            for (int k = 1; k < outputsPerExample; k++) {
                int negative = examples.negatives.draw(examples.random);
                while (negative == word) {
                    negative = examples.negatives.draw(examples.random);
                }
                outputs[base + k] = negative;
            }
            size++;
        }

        /**
         * The batch so far, in this builder's arrays; the next example starts the next batch. Its
         * examples are packed to the batch's width: the engine's work for a window grows with its
         * slots, and a window of 200 on lines of 10 words would otherwise pay for 400 slots.
         */
        Batch build(double alpha, long done, int epoch) {
            int packed = Math.max(1, width);
            if (packed < slots) {
                for (int e = 1; e < size; e++) {
                    System.arraycopy(inputs, e * slots, inputs, e * packed, packed);
                    System.arraycopy(weights, e * slots, weights, e * packed, packed);
                }
            }
            Batch batch = new Batch(size, packed, inputs, weights, outputs, alpha, done, epoch);
            size = 0;
            pairs = 0;
            width = 0;
            return batch;
        }
    }
}
