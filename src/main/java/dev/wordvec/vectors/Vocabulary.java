package dev.wordvec.vectors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of a model in file order (most frequent first in GloVe, word2vec and fastText
 * files), and the row of each. Immutable once built; safe to share between threads.
 */
public final class Vocabulary {

    private final String[] words;
    private final Map<String, Integer> rows;

    /** Builds a vocabulary from distinct words; row {@code i} belongs to {@code words.get(i)}. */
    public Vocabulary(List<String> words) {
        this.words = words.toArray(String[]::new);
        this.rows = new HashMap<>(Math.max(16, (int) (this.words.length / 0.75f) + 1));
        for (int i = 0; i < this.words.length; i++) {
            if (rows.putIfAbsent(this.words[i], i) != null) {
                throw new IllegalArgumentException("duplicate word '" + this.words[i] + "' at rows "
                        + rows.get(this.words[i]) + " and " + i);
            }
        }
    }

    public int size() {
        return words.length;
    }

    /** The word at {@code row}. */
    public String word(int row) {
        return words[row];
    }

    /** The row of {@code word} (exact match), or -1 when the model does not know it. */
    public int rowOf(String word) {
        Integer row = rows.get(word);
        return row == null ? -1 : row;
    }

    public boolean contains(String word) {
        return rows.containsKey(word);
    }
}
