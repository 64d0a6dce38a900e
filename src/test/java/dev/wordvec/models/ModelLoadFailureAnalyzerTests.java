package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.formats.ModelFileException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The start-up report of a model that failed: named, with advice that fits why it failed. */
class ModelLoadFailureAnalyzerTests {

    private static FailureAnalysis analyze(String model, boolean fetched, ModelFileException failure) {
        return new ModelLoadFailureAnalyzer().analyze(new ModelLoadException(model, fetched, failure));
    }

    @Test
    void aBadFileIsToBeFixedOrReplacedInTheModelsOwnSetting() {
        FailureAnalysis report = analyze("bad", false, ModelFileException.atLine("/m/bad.txt", 3, "value 2 ('x') is "
                + "not a number"));
        assertThat(report.getDescription()).isEqualTo("Model 'bad': Cannot load model file /m/bad.txt, line 3: value 2 "
                + "('x') is not a number");
        assertThat(report.getAction()).startsWith("Fix or replace the file named").contains("wordvec.models.bad.path");
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
