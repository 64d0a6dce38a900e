package dev.wordvec.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the live line prints for a loss and a time, measured or not yet. */
class TrainingProgressTests {

    @Test
    void anUnmeasuredLossOrTimeIsADashNotNaN() {
        assertThat(TrainingProgress.loss(Double.NaN)).isEqualTo("-");
        assertThat(TrainingProgress.loss(2.28019)).isEqualTo("2.2802");
        assertThat(TrainingProgress.duration(Double.NaN)).isEqualTo("-");
        assertThat(TrainingProgress.duration(125.4)).isEqualTo("2m05s");
    }

    @Test
    void speedAndTimeLeftWaitUntilTheyAreMeasured() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingProgress line = new TrainingProgress(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        // The first batch, after the engine's warm-up: a speed over it would promise hours.
        line.show(new Word2Vec.Progress(1, 5, 0.00001, 3210, 0.025, 4.1589, 0.05));
        line.show(new Word2Vec.Progress(2, 5, 0.311, 530065, 0.01726, 1.0622, 10));
        line.done();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "  epoch 1/5    0.0%  - words/s  alpha 0.02500  loss 4.1589  ETA -",
                "  epoch 2/5   31.1%  530,065 words/s  alpha 0.01726  loss 1.0622  ETA 22s",
                "  trained 5 epochs in 10s: 530,065 words/s, last loss 1.0622");
    }

    @Test
    void oneEpochIsOne() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingProgress line = new TrainingProgress(new PrintStream(out, true, StandardCharsets.UTF_8), false);
        line.show(new Word2Vec.Progress(1, 1, 1.0, 120174, 0.0001, 4.1225, 3));
        line.done();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .endsWith("  trained 1 epoch in 3s: 120,174 words/s, last loss 4.1225");
    }
}
