package dev.wordvec.query;

import dev.wordvec.vectors.VectorMath;
import dev.wordvec.vectors.WordVectors;
import dev.wordvec.vectors.Subwords;
import dev.wordvec.vectors.WordLookup;
import dev.wordvec.vectors.WordMatch;
import dev.wordvec.vectors.WordSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * One vector for a piece of text: the weighted mean of the vectors of its words. Splits on
 * whitespace and punctuation, then matches the tokens with the model's {@link WordLookup} (case
 * forms, and phrases such as {@code New_York} when the model has them). What happens to unknown
 * words is the caller's {@link OovPolicy}; they are always reported.
 */
public final class SentenceEncoder {

    private final String modelName;
    private final WordVectors vectors;
    private final WordLookup lookup;
    /** A fastText model's n-grams, for unknown words under {@link OovPolicy#SUBWORD}; else null. */
    private final Subwords subwords;

    public SentenceEncoder(String modelName, WordVectors vectors, WordLookup lookup) {
        this(modelName, vectors, lookup, null);
    }

    public SentenceEncoder(String modelName, WordVectors vectors, WordLookup lookup, Subwords subwords) {
        this.modelName = modelName;
        this.vectors = vectors;
        this.lookup = lookup;
        this.subwords = subwords;
    }

    /**
     * The encoding of one text.
     *
     * @param tokens each word or phrase in text order, as matched in the vocabulary, or as
     *     written when unknown
     * @param unknown the words the model does not know, in text order
     * @param vector the weighted mean, or null when no word is known (under {@link OovPolicy#ZERO},
     *     a zero vector for a text with words but none known)
     * @param truncated whether the text was cut to the model's maximum input (a contextual model's
     *     token limit); word-vector models read every word
     */
    public record Encoded(List<String> tokens, List<String> unknown, float[] vector, boolean truncated) {

        public Encoded(List<String> tokens, List<String> unknown, float[] vector) {
            this(tokens, unknown, vector, false);
        }
    }

    /** Splits {@code text} into tokens at whitespace and punctuation ({@link WordSplitter#SERVICE}); empty for a text with no words. */
    public static List<String> tokenize(String text) {
        return WordSplitter.SERVICE.split(text);
    }

    /** {@link #encode(String, TokenWeights, OovPolicy, boolean)} of the words' vectors as they are. */
    public Encoded encode(String text, TokenWeights weights, OovPolicy policy) {
        return encode(text, weights, policy, false);
    }

    /**
     * {@code text}'s vector: Σ weight(w)·v(w) / n over its n counted words (known words, and under
     * {@link OovPolicy#SUBWORD} unknown ones with n-grams, as their n-grams' mean; unknown ones as
     * zero vectors under {@link OovPolicy#ZERO}).
     *
     * @param unitWords use each word's vector scaled to unit length (gensim's {@code pre_normalize});
     *     a word whose vector is all zeros then has no direction and is not counted, as in fastText's
     *     {@code print-sentence-vectors}
     * @throws UnknownWordException under {@link OovPolicy#ERROR} when a word is unknown
     */
    public Encoded encode(String text, TokenWeights weights, OovPolicy policy, boolean unitWords) {
        List<WordMatch> matches = lookup.findText(text, policy.usesSubwords() && subwords != null);
        List<String> tokens = new ArrayList<>(matches.size());
        List<String> unknown = new ArrayList<>();
        int[] rows = new int[matches.size()];
        float[] rowWeights = new float[matches.size()];
        int known = 0;
        int directionless = 0;
        List<float[]> fromSubwords = new ArrayList<>();
        List<Float> subwordWeights = new ArrayList<>();
        for (WordMatch match : matches) {
            float[] ngrams = match.known() || !policy.usesSubwords() || subwords == null ? null
                    : subwords.vector(match.word());
            if (match.known()) {
                tokens.add(match.matched());
                float scale = unitWords ? inverseNorm(vectors.vector(match.row())) : 1f;
                if (scale == 0f) {
                    directionless++;
                    continue;
                }
                rows[known] = match.row();
                rowWeights[known++] = scale * weights.weight(match);
            } else if (ngrams != null) {
                tokens.add(match.word());
                float scale = unitWords ? inverseNorm(ngrams) : 1f;
                if (scale == 0f) {
                    directionless++;
                    continue;
                }
                fromSubwords.add(ngrams);
                subwordWeights.add(scale * weights.weight(WordMatch.subword(match.word(), ngrams)));
            } else {
                tokens.add(match.word());
                unknown.add(match.word());
            }
        }
        if (policy.refusesUnknown() && !unknown.isEmpty()) {
            throw new UnknownWordException(modelName, unknown.stream().distinct().toList());
        }
        int counted = policy == OovPolicy.ZERO ? matches.size() - directionless : known + fromSubwords.size();
        float[] vector;
        if (known > 0) {
            vector = vectors.weightedMean(java.util.Arrays.copyOf(rows, known),
                    java.util.Arrays.copyOf(rowWeights, known), counted);
        } else {
            vector = counted > 0 && (policy == OovPolicy.ZERO || !fromSubwords.isEmpty())
                    ? new float[vectors.dimension()] : null;
        }
        for (int i = 0; i < fromSubwords.size(); i++) {
            float[] ngrams = fromSubwords.get(i);
            for (int d = 0; d < vector.length; d++) {
                vector[d] += subwordWeights.get(i) * ngrams[d] / counted;
            }
        }
        return new Encoded(tokens, unknown, vector);
    }

    /** 1 / |v|, or 0 for a vector with no length. */
    private static float inverseNorm(float[] vector) {
        double norm = VectorMath.norm(vector);
        return norm > 0 ? (float) (1 / norm) : 0f;
    }
}
