package dev.wordvec.models;

import dev.wordvec.formats.ModelFileException;

/** A configured model could not be loaded, so the service does not start. */
public final class ModelLoadException extends RuntimeException {

    private final String model;
    private final ModelKind kind;
    private final boolean fetched;

    /**
     * @param model the configured name of the model that failed; null when not known
     * @param kind that model's kind; null when not known
     * @param fetched whether that model is named by {@code source} rather than by {@code path}
     */
    public ModelLoadException(String model, ModelKind kind, boolean fetched, ModelFileException cause) {
        super(cause.getMessage(), cause);
        this.model = model;
        this.kind = kind;
        this.fetched = fetched;
    }

    /** The configured name of the model that failed, or null. */
    public String model() {
        return model;
    }

    /** The kind of the model that failed (its settings differ), or null. */
    public ModelKind kind() {
        return kind;
    }

    /** Whether the model that failed is named by {@code source} (downloaded into the cache). */
    public boolean fetched() {
        return fetched;
    }
}
