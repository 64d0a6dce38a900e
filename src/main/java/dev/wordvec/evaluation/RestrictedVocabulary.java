package dev.wordvec.evaluation;

import dev.wordvec.vectors.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first {@code restrictVocab} words (the most frequent), found as gensim's evaluations find
 * them: by exact spelling, or case-insensitively by upper case, where the most frequent of the
 * spellings that fold together answers.
 */
final class RestrictedVocabulary {

    private final Map<String, Integer> rows;
    /** The rows of the less frequent spellings of a key, for keys with more than one. */
    private final Map<String, List<Integer>> otherSpellings = new HashMap<>();
    private final boolean caseInsensitive;
    private final int size;

    RestrictedVocabulary(Vocabulary vocabulary, int restrictVocab, boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
        this.size = Math.min(restrictVocab, vocabulary.size());
        this.rows = new HashMap<>(size * 2);
        for (int row = 0; row < size; row++) {
            String key = key(vocabulary.word(row));
            if (rows.putIfAbsent(key, row) != null) {
                otherSpellings.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
    }

    /** A word as the evaluation compares it: upper case when case-insensitive. */
    String key(String word) {
        return caseInsensitive ? Words.upper(word) : word;
    }

    /** The row of a key, or -1 when it is not among the first words. */
    int row(String key) {
        Integer row = rows.get(key);
        return row == null ? -1 : row;
    }

    /**
     * The rows, besides {@link #row}, whose words have this key: the less frequent spellings
     * ("Paris" when "paris" answers), which gensim's evaluation sees as the same word.
     */
    List<Integer> otherRows(String key) {
        return otherSpellings.getOrDefault(key, List.of());
    }

    boolean contains(String key) {
        return rows.containsKey(key);
    }

    /** How many rows are searched. */
    int size() {
        return size;
    }
}
