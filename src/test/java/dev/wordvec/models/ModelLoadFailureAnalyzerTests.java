package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.formats.ModelFileException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The start-up report of a model that failed: named, with advice that fits why it failed. */
class ModelLoadFailureAnalyzerTests {

    private static FailureAnalysis analyze(String model, boolean fetched, ModelFileException failure) {
        return analyze(model, ModelKind.WORDS, fetched, failure);
    }

    private static FailureAnalysis analyze(String model, ModelKind kind, boolean fetched, ModelFileException failure) {
        return new ModelLoadFailureAnalyzer().analyze(new ModelLoadException(model, kind, fetched, failure));
    }

    @Test
    void aBadFileIsToBeFixedOrReplacedInTheModelsOwnSetting() {
        FailureAnalysis report = analyze("bad", false, ModelFileException.atLine("/m/bad.txt", 3, "value 2 ('x') is "
                + "not a number"));
        assertThat(report.getDescription()).isEqualTo("Model 'bad': Cannot load model file /m/bad.txt, line 3: value 2 "
                + "('x') is not a number");
        assertThat(report.getAction()).startsWith("Fix or replace the file named").contains("wordvec.models.bad.path");
    }

    /**
     * A contextual model has no .format or .sif-reference (setting them is refused at start), and
     * what replaces a downloaded one is a folder.
     */
    @Test
    void aContextualModelIsAdvisedOnlyTheSettingsItHas() {
        ModelFileException bad = ModelFileException.of("/m/minilm", "no tokenizer.json in /m/minilm", null);
        assertThat(analyze("mini.lm", ModelKind.CONTEXTUAL, false, bad).getAction()).isEqualTo("Fix or replace the "
                + "file named, or point wordvec.models[mini.lm].path at another directory with model.onnx and "
                + "tokenizer.json (a sentence-transformers ONNX export).");
        assertThat(analyze("minilm", ModelKind.CONTEXTUAL, true, bad).getAction()).isEqualTo("Do as the description "
                + "says, or set wordvec.models.minilm.path to a copy of your own (the model's folder) in place of "
                + "wordvec.models.minilm.source.");
        assertThat(analyze("glove", ModelKind.WORDS, true, bad).getAction()).contains("a copy of your own (the file)");
    }

    /** Running out of memory is no fault of the file: the advice is memory, which the description names. */
    @Test
    void runningOutOfMemoryIsAdvisedAsSuch() {
        FailureAnalysis report = analyze("demo", false, ModelFileException.of("classpath:models/demo.vec.gz",
                "not enough memory (Java heap space): the JVM's heap is at most 48 MB here; start it with a larger "
                        + "-Xmx",
                new OutOfMemoryError("Java heap space")));
        assertThat(report.getDescription()).startsWith("Model 'demo': Cannot load model file "
                + "classpath:models/demo.vec.gz: not enough memory (Java heap space)");
        assertThat(report.getAction()).isEqualTo("Give the JVM more memory, as the description says (README.md, "
                + "\"Speed and memory\").");
    }
}
