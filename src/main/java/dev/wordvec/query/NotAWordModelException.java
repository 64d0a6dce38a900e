package dev.wordvec.query;

/** A word route (a word's vector, neighbours, analogies) asked of a model that has no word matrix. */
public final class NotAWordModelException extends RuntimeException {

    private final String model;
    private final String kind;

    public NotAWordModelException(String model, String kind) {
        super("model '" + model + "' is a " + kind + " model: it encodes texts (/sentence-vector, text /similarity, "
                + "/v1/embeddings) but has no word vectors; ask a word-vector model");
        this.model = model;
        this.kind = kind;
    }

    public String model() {
        return model;
    }

    public String kind() {
        return kind;
    }
}
