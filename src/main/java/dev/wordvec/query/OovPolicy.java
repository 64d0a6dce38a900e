package dev.wordvec.query;

/** What a query does with a word the model does not know. */
public enum OovPolicy {

    /** Refuse the query, naming the unknown words (404). */
    ERROR,
    /** Leave the word out, and say so in the response. */
    SKIP,
    /** Use a zero vector for the word, and say so in the response. */
    ZERO,
    /**
     * Answer with the mean of the word's character n-grams, as fastText does (fastText {@code .bin}
     * models, where it is the default); a word with no n-gram is left out, as under {@link #SKIP}.
     */
    SUBWORD,
    /**
     * {@link #SUBWORD}, but a word with no n-gram is refused as under {@link #ERROR}: the default of a
     * route that refuses unknown words, on a fastText model (a word too short for its shortest n-gram,
     * or one whose n-grams a quantised model pruned, has none). Not a value a request names.
     */
    SUBWORD_ELSE_ERROR;

    /** Whether unknown words are answered from the model's character n-grams. */
    public boolean usesSubwords() {
        return this == SUBWORD || this == SUBWORD_ELSE_ERROR;
    }

    /** Whether a word left unknown refuses the query (404). */
    public boolean refusesUnknown() {
        return this == ERROR || this == SUBWORD_ELSE_ERROR;
    }
}
