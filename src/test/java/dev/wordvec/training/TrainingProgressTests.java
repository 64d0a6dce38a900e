package dev.wordvec.training;

import static org.assertj.core.api.Assertions.assertThat;

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
}
