package dev.wordvec.evaluation;

/**
 * How a model's cosine similarities agree with human scores, as gensim's
 * {@code evaluate_word_pairs} measures it (two-sided p-values, as scipy gives them).
 *
 * @param pairs pairs scored (both words known)
 * @param oov pairs skipped because a word is not among the first {@code restrictVocab} words
 * @param oovRatio {@code oov} in percent of all valid pairs
 * @param dummy4unknown whether the {@code oov} pairs were scored with similarity 0 (gensim's
 *     {@code dummy4unknown}) rather than skipped
 * @param invalidLines lines of the set skipped as not {@code word1<TAB>word2<TAB>score} (gensim
 *     skips them too, with a log line)
 */
public record PairScore(String set, double pearson, double pearsonPValue, double spearman, double spearmanPValue,
        double oovRatio, int pairs, int oov, boolean dummy4unknown, int invalidLines) {
}
