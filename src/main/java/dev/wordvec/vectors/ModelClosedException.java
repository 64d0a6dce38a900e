package dev.wordvec.vectors;

/**
 * A query reached a model whose native memory is being or has been freed (shut down, or replaced).
 * Never a crash and never a hang: the caller can try again once a model answers.
 */
public final class ModelClosedException extends RuntimeException {

    public ModelClosedException() {
        super("the model was closed (the service is shutting down or the model is being replaced); try again");
    }
}
