package dev.wordvec.query;

import dev.wordvec.vectors.Subwords;
import dev.wordvec.vectors.VectorMath;
import dev.wordvec.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text's vector as fastText's own {@code getSentenceVector} (behind {@code print-sentence-vectors})
 * computes it for a {@code .bin} model: {@code "weighting": "fasttext"}. The text is split where
 * fastText splits it, at whitespace only, and words are looked up exactly as written.
 * <ul>
 * <li>A word-vector model: the mean of the words' unit vectors (an unknown word's from its
 *     n-grams); a word whose vector has no length is left out.</li>
 * <li>A classifier: the mean of the input rows of the ids fastText gives the text, none
 *     normalised: each known word's own row and its n-grams' rows, an unknown word's n-gram rows,
 *     the end of sentence {@code </s>}, and the buckets of the runs of up to {@code -wordNgrams}
 *     words. Labels ({@code __label__...}) count for nothing. A known word's rows are summed as
 *     its stored vector (their mean) times their number. A word {@code </s>} in the text ends it
 *     there, as it ends fastText's line: the words after it are not read.</li>
 * </ul>
 */
final class FastTextSentences {

    private static final String END_OF_SENTENCE = "</s>";
    private static final String LABEL = "__label__";

    private FastTextSentences() {
    }

    static SentenceEncoder.Encoded encode(String text, WordVectors vectors, Subwords subwords) {
        return subwords.classifier() ? classifier(text, vectors, subwords) : wordVectors(text, vectors, subwords);
    }

    private static SentenceEncoder.Encoded wordVectors(String text, WordVectors vectors, Subwords subwords) {
        List<String> tokens = split(text, false);
        List<String> unknown = new ArrayList<>();
        double[] sum = new double[vectors.dimension()];
        int counted = 0;
        for (String token : tokens) {
            int row = vectors.vocabulary().rowOf(token);
            float[] vector = row >= 0 ? vectors.vector(row) : subwords.vector(token);
            if (vector == null) {
                unknown.add(token);
                continue;
            }
            double norm = VectorMath.norm(vector);
            if (norm == 0) {
                continue;
            }
            double scale = 1 / norm;
            for (int d = 0; d < sum.length; d++) {
                sum[d] += scale * vector[d];
            }
            counted++;
        }
        return new SentenceEncoder.Encoded(tokens, unknown, counted == 0 ? null : mean(sum, counted));
    }

    private static SentenceEncoder.Encoded classifier(String text, WordVectors vectors, Subwords subwords) {
        List<String> split = split(text, true);
        // fastText's getLine stops at the first </s> (the word its reader makes of a line break),
        // so a text's own </s> ends it there; otherwise the line's end adds one.
        int end = split.indexOf(END_OF_SENTENCE);
        List<String> tokens = end < 0 ? split : split.subList(0, end + 1);
        List<String> unknown = new ArrayList<>();
        double[] sum = new double[vectors.dimension()];
        long ids = 0;
        List<String> words = new ArrayList<>(tokens);
        if (end < 0) {
            words.add(END_OF_SENTENCE);
        }
        int[] hashes = new int[words.size()];
        int hashed = 0;
        for (String word : words) {
            if (word.startsWith(LABEL)) {
                continue;
            }
            hashes[hashed++] = Subwords.hash(word);
            int row = vectors.vocabulary().rowOf(word);
            int[] ngrams = word.equals(END_OF_SENTENCE) ? new int[0] : subwords.ngramRows(word);
            if (row >= 0) {
                float[] vector = vectors.vector(row);
                int times = 1 + ngrams.length;
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += (double) times * vector[d];
                }
                ids += times;
            } else {
                if (ngrams.length == 0) {
                    unknown.add(word);
                }
                subwords.addRows(ngrams, sum);
                ids += ngrams.length;
            }
        }
        int[] wordNgrams = subwords.wordNgramRows(Arrays.copyOf(hashes, hashed));
        subwords.addRows(wordNgrams, sum);
        ids += wordNgrams.length;
        return new SentenceEncoder.Encoded(tokens, unknown, ids == 0 ? null : mean(sum, ids));
    }

    private static float[] mean(double[] sum, long count) {
        float[] mean = new float[sum.length];
        for (int d = 0; d < mean.length; d++) {
            mean[d] = (float) (sum[d] / count);
        }
        return mean;
    }

    /**
     * The text's words as fastText reads them: split at whitespace only (its {@code readWord}:
     * space, tab, line feed, carriage return, vertical tab, form feed, and for a classifier NUL).
     */
    static List<String> split(String text, boolean classifier) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || isSpace(text.charAt(i), classifier);
            if (space && start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private static boolean isSpace(char c, boolean classifier) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || classifier && c == '\0';
    }
}
