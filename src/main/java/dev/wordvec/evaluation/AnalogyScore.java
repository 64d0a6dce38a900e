package dev.wordvec.evaluation;

import java.util.List;

/**
 * How a model did on an analogy set, as gensim's {@code evaluate_word_analogies} counts it.
 *
 * @param dummy4unknown whether questions with an unknown word count as wrong answers (gensim's
 *     {@code dummy4unknown}, then in {@code incorrect}) rather than being skipped
 * @param sections each section's counts, in file order (gensim's list without its
 *     {@code Total accuracy} entry, which is {@code correct}, {@code incorrect} and {@code accuracy} here)
 * @param accuracy correct / (correct + incorrect); 0 when no question was asked
 * @param questions questions in the set (valid lines)
 * @param oov questions skipped because a word is not among the first {@code restrictVocab} words
 * @param oovRatio {@code oov} in percent of {@code questions}
 * @param invalidLines lines of the set skipped as not four words (gensim skips them too, with a log line)
 */
public record AnalogyScore(String set, String method, int restrictVocab, boolean caseInsensitive,
        boolean dummy4unknown, List<Section> sections, int correct, int incorrect, double accuracy, int questions,
        int oov, double oovRatio, int invalidLines) {

    public record Section(String section, int correct, int incorrect) {
    }
}
