package dev.wordvec.contextual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.contextual.SentenceTransformer.Pooling;
import org.junit.jupiter.api.Test;

/** sentence-transformers' six pooling modes on three 2-d token vectors, worked by hand. */
class PoolingTests {

    private static final float[][] TOKENS = {{1, -2}, {4, 0}, {-2, 8}};

    @Test
    void eachModeGivesSentenceTransformersAnswer() {
        assertThat(Pooling.CLS.apply(TOKENS)).containsExactly(1, -2);
        assertThat(Pooling.LAST_TOKEN.apply(TOKENS)).containsExactly(-2, 8);
        assertThat(Pooling.MAX.apply(TOKENS)).containsExactly(4, 8);
        assertThat(Pooling.MEAN.apply(TOKENS)).containsExactly(1, 2);
        // The sum (3, 6) over the square root of the count.
        assertThat(Pooling.MEAN_SQRT_LEN.apply(TOKENS))
                .containsExactly((float) (3 / Math.sqrt(3)), (float) (6 / Math.sqrt(3)));
        // Weights 1, 2, 3: (1 + 8 - 6, -2 + 0 + 24) / 6.
        assertThat(Pooling.WEIGHTED_MEAN.apply(TOKENS)).containsExactly(0.5f, (float) (22 / 6.0));
    }

    /**
     * A prompt left out of the pooling (sentence-transformers' {@code include_prompt: false}): its
     * tokens' attention mask is 0, so the first token here counts in no mean, maximum or weight, and
     * the weights still count positions from the first token.
     */
    @Test
    void aMaskedPromptIsLeftOutOfEveryModeButClsAndLastToken() {
        assertThat(Pooling.CLS.apply(TOKENS, 1)).containsExactly(1, -2);
        assertThat(Pooling.LAST_TOKEN.apply(TOKENS, 1)).containsExactly(-2, 8);
        assertThat(Pooling.MAX.apply(TOKENS, 1)).containsExactly(4, 8);
        assertThat(Pooling.MAX.apply(new float[][] {{9, 9}, {1, 2}}, 1)).containsExactly(1, 2);
        assertThat(Pooling.MEAN.apply(TOKENS, 1)).containsExactly(1, 4);
        assertThat(Pooling.MEAN_SQRT_LEN.apply(TOKENS, 1))
                .containsExactly((float) (2 / Math.sqrt(2)), (float) (8 / Math.sqrt(2)));
        // Weights 2 and 3: (8 - 6, 0 + 24) / 5.
        assertThat(Pooling.WEIGHTED_MEAN.apply(TOKENS, 1)).containsExactly(0.4f, 4.8f);
        // Nothing left: zeros, as sentence-transformers' clamped division gives.
        assertThat(Pooling.MEAN.apply(TOKENS, 3)).containsExactly(0, 0);
        assertThat(Pooling.MEAN.apply(TOKENS, 0)).containsExactly(Pooling.MEAN.apply(TOKENS));
    }

    @Test
    void poolingLeavesTheTokenVectorsAsTheyWere() {
        float[][] tokens = {{1, -2}, {4, 0}};
        for (Pooling pooling : Pooling.values()) {
            pooling.apply(tokens)[0] = 99;
        }
        assertThat(tokens[0]).containsExactly(1, -2);
        assertThat(tokens[1]).containsExactly(4, 0);
    }
}
