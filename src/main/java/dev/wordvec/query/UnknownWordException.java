package dev.wordvec.query;

import java.util.List;

/** A word (or several) that the model's vocabulary does not hold. */
public final class UnknownWordException extends RuntimeException {

    private final String model;
    private final List<String> words;

    public UnknownWordException(String model, List<String> words) {
        this(model, words, "");
    }

    /** With {@code why} added to the message, after a semicolon, when it is not empty. */
    public UnknownWordException(String model, List<String> words, String why) {
        super((words.size() == 1
                ? "'" + words.get(0) + "' is not in the vocabulary of model '" + model + "'"
                : "these words are not in the vocabulary of model '" + model + "': " + words)
                + (why.isEmpty() ? "" : "; " + why));
        this.model = model;
        this.words = List.copyOf(words);
    }

    public String model() {
        return model;
    }

    /** The unknown words, in request order. */
    public List<String> words() {
        return words;
    }
}
