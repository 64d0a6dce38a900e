package dev.wordvec.models;

import dev.wordvec.formats.ModelFileException;

/** A configured model could not be loaded, so the service does not start. */
public final class ModelLoadException extends RuntimeException {

    public ModelLoadException(ModelFileException cause) {
        super(cause.getMessage(), cause);
    }
}
