package dev.wordvec.models;

import dev.wordvec.formats.ModelFileException;

/** A configured model could not be loaded, so the service does not start. */
public final class ModelLoadException extends RuntimeException {

    private final String model;

    /** @param model the configured name of the model that failed; null when not known */
    public ModelLoadException(String model, ModelFileException cause) {
        super(cause.getMessage(), cause);
        this.model = model;
    }

    /** The configured name of the model that failed, or null. */
    public String model() {
        return model;
    }
}
