package dev.wordvec.models;

/**
 * A {@code wordvec.models} or {@code wordvec.default-model} setting the service cannot start with.
 * {@link ModelConfigurationFailureAnalyzer} turns it into a short start-up report naming the
 * setting and what to do, instead of a stack trace through the bean factory.
 */
public final class ModelConfigurationException extends IllegalArgumentException {

    private final String action;

    ModelConfigurationException(String message, String action) {
        super(message);
        this.action = action;
    }

    /** What the person starting the service should change. */
    public String action() {
        return action;
    }
}
