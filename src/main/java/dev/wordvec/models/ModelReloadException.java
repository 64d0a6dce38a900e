package dev.wordvec.models;

/** A reload that failed: the model keeps answering from the version it had, and this says why. */
public final class ModelReloadException extends RuntimeException {

    private final String model;
    private final int version;

    public ModelReloadException(String model, int version, Exception cause) {
        super("model '" + model + "' was not reloaded (version " + version + " keeps answering): "
                + cause.getMessage(), cause);
        this.model = model;
        this.version = version;
    }

    public String model() {
        return model;
    }

    /** The version that keeps answering. */
    public int version() {
        return version;
    }
}
