package dev.wordvec.training;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * Draws negative words with probability proportional to count^0.75 (word2vec's unigram table),
 * in constant time by Vose's alias method: exact probabilities, where word2vec's fixed table
 * rounds rare words, and no binary search, which at five draws per pair would cost more than
 * everything else that makes a batch.
 */
final class NegativeSampler {

    private final double[] acceptance;
    private final int[] alias;

    NegativeSampler(long[] counts, double exponent) {
        int n = counts.length;
        double[] scaled = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = Math.pow(counts[i], exponent);
            total += scaled[i];
        }
        acceptance = new double[n];
        alias = new int[n];
        ArrayDeque<Integer> small = new ArrayDeque<>();
        ArrayDeque<Integer> large = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            scaled[i] = scaled[i] * n / total;
            (scaled[i] < 1 ? small : large).add(i);
        }
        while (!small.isEmpty() && !large.isEmpty()) {
            int less = small.poll();
            int more = large.poll();
            acceptance[less] = scaled[less];
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            (scaled[more] < 1 ? small : large).add(more);
        }
        // What is left is 1 up to rounding.
        for (Integer i : large) {
            acceptance[i] = 1;
            alias[i] = i;
        }
        for (Integer i : small) {
            acceptance[i] = 1;
            alias[i] = i;
        }
    }

    int draw(SplittableRandom random) {
        int column = random.nextInt(acceptance.length);
        return random.nextDouble() < acceptance[column] ? column : alias[column];
    }

    /** The probability of drawing {@code word}, for tests. */
    double probability(int word) {
        double p = acceptance[word];
        for (int i = 0; i < alias.length; i++) {
            if (alias[i] == word && i != word) {
                p += 1 - acceptance[i];
            }
        }
        return p / acceptance.length;
    }
}
