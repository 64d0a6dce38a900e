package dev.wordvec.vectors;

/**
 * A word as asked and what the model matched it to: a vocabulary entry, or (for a fastText model
 * under the {@code subword} policy) the mean of the word's character n-grams.
 *
 * @param word the word as written in the request
 * @param matched the vocabulary entry found (another case, or a phrase joined with {@code _}),
 *     {@link #SUBWORDS} for a vector made from n-grams, or null when none was found
 * @param row the entry's row, or -1 when the word has none
 * @param vector the word's vector from its n-grams when it has no row; else null
 */
public record WordMatch(String word, String matched, int row, float[] vector) {

    /** What {@code matched} says of a word answered from its character n-grams. */
    public static final String SUBWORDS = "(subwords)";

    public WordMatch(String word, String matched, int row) {
        this(word, matched, row, null);
    }

    public static WordMatch unknown(String word) {
        return new WordMatch(word, null, -1, null);
    }

    /** A word outside the vocabulary, answered by the mean of its character n-grams. */
    public static WordMatch subword(String word, float[] vector) {
        return new WordMatch(word, SUBWORDS, -1, vector);
    }

    /** True when the word has a vector: a row, or its n-grams'. */
    public boolean known() {
        return row >= 0 || vector != null;
    }

    /** True when the word has a vocabulary row. */
    public boolean hasRow() {
        return row >= 0;
    }
}
