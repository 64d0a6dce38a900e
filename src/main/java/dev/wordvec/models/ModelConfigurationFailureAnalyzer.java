package dev.wordvec.models;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a model setting the service cannot start with into a short start-up report. */
class ModelConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ModelConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
