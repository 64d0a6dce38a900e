package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrincipalComponentTests {

    /** Expected values from numpy: {@code np.linalg.svd(X)[2][0]}, the top right singular vector. */
    private static final List<float[]> ROWS = List.of(
            new float[] {3, 1, 0.5f}, new float[] {2.5f, 1.2f, 0.1f}, new float[] {-1, 0.2f, 0.3f},
            new float[] {0.5f, -0.4f, 2});

    @Test
    void firstComponentIsNumpysTopSingularVectorUpToSign() {
        float[] component = PrincipalComponent.first(ROWS);
        float sign = Math.signum(component[0]) * -1;
        assertThat((double) component[0] * sign).isCloseTo(-0.93399316, within(1e-5));
        assertThat((double) component[1] * sign).isCloseTo(-0.32177789, within(1e-5));
        assertThat((double) component[2] * sign).isCloseTo(-0.15529253, within(1e-5));
    }

    @Test
    void removingTheComponentLeavesWhatIsOrthogonalToIt() {
        float[] component = PrincipalComponent.first(ROWS);
        float[] rest = PrincipalComponent.remove(new float[] {1, 2, 3}, component);
        assertThat((double) rest[0]).isCloseTo(-0.90854641, within(1e-5));
        assertThat((double) rest[1]).isCloseTo(1.34247052, within(1e-5));
        assertThat((double) rest[2]).isCloseTo(2.68267111, within(1e-5));
        double dot = rest[0] * component[0] + rest[1] * component[1] + rest[2] * component[2];
        assertThat(dot).isCloseTo(0, within(1e-6));
    }

    @Test
    void noVectorsOrOnlyZerosHaveNoComponent() {
        assertThatThrownBy(() -> PrincipalComponent.first(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrincipalComponent.first(List.of(new float[3], new float[3])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all zero");
    }
}
