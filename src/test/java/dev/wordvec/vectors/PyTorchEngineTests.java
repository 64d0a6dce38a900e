package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class PyTorchEngineTests {

    @Test
    void theConfiguredIntraOpThreadCountHoldsWhetherOrNotTheEngineHadStarted() {
        PyTorchEngine.startInBackground(1);
        assertThat(PyTorchEngine.start(2).getEngineName()).isEqualTo("PyTorch");
        assertThat(JniUtils.getNumThreads()).isEqualTo(2);
        PyTorchEngine.start(1);
        assertThat(JniUtils.getNumThreads()).isEqualTo(1);
    }

    @Test
    void theGraphOptimizerNoteIsOffUnlessTheUserChose() {
        String property = "ai.djl.pytorch.graph_optimizer";
        String before = System.getProperty(property);
        try {
            System.clearProperty(property);
            PyTorchEngine.get();
            assertThat(System.getProperty(property)).isEqualTo("false");
            System.setProperty(property, "true");
            PyTorchEngine.get();
            assertThat(System.getProperty(property)).isEqualTo("true");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }
}
