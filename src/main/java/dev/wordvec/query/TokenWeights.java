package dev.wordvec.query;

import dev.wordvec.vectors.WordMatch;
import dev.wordvec.vectors.Vocabulary;
import java.util.Map;

/** How much each matched word counts in a sentence vector. */
@FunctionalInterface
public interface TokenWeights {

    float weight(WordMatch match);

    /** Every word counts once: the plain mean. */
    static TokenWeights uniform() {
        return match -> 1f;
    }

    /**
     * Smooth inverse frequency (Arora, Liang and Ma 2017): {@code a / (a + p(w))}, so frequent
     * words count little. Word files carry no counts, but they are sorted by frequency, so p(w)
     * comes from the word's rank r by Zipf's law: {@code p = 1 / (r * H(n))}, with H(n) the n-th
     * harmonic number for a vocabulary of n words.
     *
     * @param a the smoothing constant; the paper's recommended 1e-3 suits most corpora
     */
    static TokenWeights sif(Vocabulary vocabulary, double a) {
        double harmonic = 0;
        for (int rank = vocabulary.size(); rank >= 1; rank--) {
            harmonic += 1.0 / rank;
        }
        double normalizer = harmonic;
        return match -> {
            // A word answered from its n-grams is outside the vocabulary: rarer than its last word.
            int rank = match.hasRow() ? match.row() + 1 : vocabulary.size() + 1;
            double p = 1.0 / (rank * normalizer);
            return (float) (a / (a + p));
        };
    }

    /**
     * Weights chosen by the client, looked up by the word as written, then as matched, then
     * lower-cased; words not listed weigh {@code otherwise}.
     */
    static TokenWeights given(Map<String, Float> weights, float otherwise) {
        return match -> {
            Float weight = weights.get(match.word());
            if (weight == null && match.matched() != null) {
                weight = weights.get(match.matched());
            }
            if (weight == null) {
                weight = weights.get(match.word().toLowerCase(java.util.Locale.ROOT));
            }
            return weight != null ? weight : otherwise;
        };
    }
}
