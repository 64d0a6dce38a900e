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
