package dev.wordvec.models;

import java.util.Locale;

/** A request reached a model that is still loading (or never loaded). */
public final class ModelNotReadyException extends RuntimeException {

    private final String model;
    private final ModelStatus status;

    public ModelNotReadyException(String model, ModelStatus status) {
        super("model '" + model + "' is not ready yet (" + status.name().toLowerCase(Locale.ROOT) + ")");
        this.model = model;
        this.status = status;
    }

    public String model() {
        return model;
    }

    public ModelStatus status() {
        return status;
    }
}
