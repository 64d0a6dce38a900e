package dev.wordvec.query;

/** A contextual route (a text's tokens or their vectors) asked of a word-vector model. */
public final class NotAContextualModelException extends RuntimeException {

    private final String model;

    public NotAContextualModelException(String model) {
        super("model '" + model + "' is a word-vector model: tokens and their vectors come from a contextual model "
                + "(kind: contextual); its words have one vector each, whatever the text (GET /vector/{word})");
        this.model = model;
    }

    public String model() {
        return model;
    }
}
