package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfTests {

    @Test
    void conversionsAreExactlyPyTorchs() {
        Random random = new Random(9);
        float[] values = new float[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 5) {
                case 0 -> (float) random.nextGaussian();
                case 1 -> (float) (random.nextGaussian() * 1e-5);
                case 2 -> (float) (random.nextGaussian() * 7e4);
                case 3 -> Float.intBitsToFloat(random.nextInt());
                default -> (float) (random.nextGaussian() * 1e-7);
            };
        }
        values[0] = 65520f;
        values[1] = -0f;
        values[2] = 5.9604645e-8f;
        values[3] = 2.9802322e-8f;
        try (NDManager manager = PyTorchEngine.get().newBaseManager()) {
            NDArray torch = manager.create(values).toType(DataType.FLOAT16, false).toType(DataType.FLOAT32, false);
            float[] expected = torch.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                float ours = Half.toFloat(Half.fromFloat(values[i]));
                if (Float.isNaN(expected[i])) {
                    assertThat(ours).as("%s", values[i]).isNaN();
                } else {
                    assertThat(Float.floatToRawIntBits(ours)).as("%s", values[i]).isEqualTo(Float.floatToRawIntBits(expected[i]));
                }
            }
        }
    }
}
