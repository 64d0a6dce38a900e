package dev.wordvec.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The word the probe asks about: one that reads as a word. */
class ProbeWordTests {

    private static String pick(String words) {
        return ProbeCommand.wordToAsk(JsonMapper.builder().build().readTree(words));
    }

    @Test
    void skipsSentenceMarksAndPunctuationForTheFirstWordWithALetter() {
        // The first words of fastText's cc.en.300.vec, after its </s>.
        assertThat(pick("[\"</s>\", \",\", \".\", \"the\", \"and\"]")).isEqualTo("the");
        assertThat(pick("[\"the\", \",\"]")).isEqualTo("the");
        assertThat(pick("[\"1\", \"été\"]")).isEqualTo("été");
    }

    @Test
    void withoutAWordThatReadsAsOneTakesTheFirst() {
        assertThat(pick("[\".\", \"..\", \",\", \"1\"]")).isEqualTo(".");
        assertThat(pick("[\"</s>\", \".\"]")).isEqualTo("</s>");
    }
}
