package dev.wordvec.vectors;

/**
 * A word as asked and what the vocabulary matched it to.
 *
 * @param word the word as written in the request
 * @param matched the vocabulary entry found (another case, or a phrase joined with {@code _}),
 *     or null when none was
 * @param row the entry's row, or -1 when the word is unknown
 */
public record WordMatch(String word, String matched, int row) {

    public static WordMatch unknown(String word) {
        return new WordMatch(word, null, -1);
    }

    public boolean known() {
        return row >= 0;
    }
}
