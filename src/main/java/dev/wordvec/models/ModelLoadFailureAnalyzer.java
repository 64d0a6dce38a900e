package dev.wordvec.models;

import dev.wordvec.cli.OutOfMemory;
import dev.wordvec.query.ModelSetting;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a model that failed to load into a short start-up report instead of a stack trace. */
class ModelLoadFailureAnalyzer extends AbstractFailureAnalyzer<ModelLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelLoadException cause) {
        String model = cause.model();
        if (model == null) {
            return new FailureAnalysis(cause.getMessage(),
                    "Fix or replace the model file, or point wordvec.models.<name>.path (and .format) at another one.",
                    cause);
        }
        String settings = ModelSetting.of(model);
        // A contextual model has neither .format nor .sif-reference: naming them would be advice refused.
        boolean contextual = cause.kind() == ModelKind.CONTEXTUAL;
        String action = OutOfMemory.in(cause) != null
                ? "Give the JVM more memory, as the description says (README.md, \"Speed and memory\")."
                : cause.fetched()
                ? "Do as the description says, or set " + settings + ".path to a copy of your own ("
                        + (contextual ? "the model's folder" : "the file") + ") in place of " + settings + ".source."
                : contextual
                ? "Fix or replace the file named, or point " + settings + ".path at another directory with "
                        + "model.onnx and tokenizer.json (a sentence-transformers ONNX export)."
                : "Fix or replace the file named, or point the setting that names it at another one: " + settings
                        + ".path (and .format), or " + settings + ".sif-reference for a SIF reference file.";
        return new FailureAnalysis("Model '" + model + "': " + cause.getMessage(), action, cause);
    }
}
