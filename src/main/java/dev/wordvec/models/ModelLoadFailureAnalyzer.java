package dev.wordvec.models;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a model that failed to load into a short start-up report instead of a stack trace. */
class ModelLoadFailureAnalyzer extends AbstractFailureAnalyzer<ModelLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelLoadException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix or replace the model file, or point wordvec.models.<name>.path (and .format) at another one.",
                cause);
    }
}
