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
    SUBWORD
}
