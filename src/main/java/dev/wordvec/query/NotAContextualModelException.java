package dev.wordvec.query;

/** A contextual route (a text's token vectors) asked of a word-vector model. */
public final class NotAContextualModelException extends RuntimeException {

    private final String model;

    public NotAContextualModelException(String model) {
        super("model '" + model + "' is a word-vector model: token vectors come from a contextual model "
                + "(kind: contextual); its words have one vector each, whatever the text (GET /vector/{word})");
        this.model = model;
    }

    public String model() {
        return model;
    }
}
