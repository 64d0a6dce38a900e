package dev.wordvec.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PyTorch checkpoints written by torch.save (PyTorch 1.13, {@code make_bin.py} in
 * {@code src/test/resources/reference/minilm-dense}) read back as torch converts them to float32.
 */
class TorchCheckpointTests {

    private static final Path DIR = Path.of("src/test/resources/reference/minilm-dense");

    @Test
    void everyDtypeAndAStorageSliceReadAsTorchReadsThem() throws Exception {
        JsonNode expected;
        try (InputStream in = Files.newInputStream(DIR.resolve("checkpoint-dtypes.json"))) {
            expected = JsonMapper.builder().build().readTree(in);
        }
        Map<String, TorchCheckpoint.Tensor> tensors = TorchCheckpoint.read(DIR.resolve("checkpoint-dtypes.bin"));
        assertThat(tensors.keySet()).containsExactly("f32", "f64", "f16", "bf16", "slice", "base");
        for (Map.Entry<String, TorchCheckpoint.Tensor> tensor : tensors.entrySet()) {
            JsonNode theirs = expected.get(tensor.getKey());
            assertThat(tensor.getValue().shape()).as(tensor.getKey())
                    .containsExactly(theirs.get("shape").valueStream().mapToLong(JsonNode::asLong).toArray());
            float[] values = new float[theirs.get("values").size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) theirs.get("values").get(i).asDouble();
            }
            assertThat(tensor.getValue().values()).as(tensor.getKey()).containsExactly(values);
        }
    }

    @Test
    void whatCannotBeReadIsNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TorchCheckpoint.read(DIR.resolve("checkpoint-strided.bin")))
                .hasMessageContaining("tensor t is not contiguous");
        Path old = Files.writeString(dir.resolve("pytorch_model.bin"), "not a zip");
        assertThatThrownBy(() -> TorchCheckpoint.read(old)).hasMessageContaining(old + ": not a zip")
                .hasMessageContaining("before 1.6");
    }

    @Test
    void halfPrecisionValuesConvertExactly() {
        assertThat(TorchCheckpoint.half((short) 0x3c00)).isEqualTo(1f);
        assertThat(TorchCheckpoint.half((short) 0xc000)).isEqualTo(-2f);
        assertThat(TorchCheckpoint.half((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(TorchCheckpoint.half((short) 0x7bff)).isEqualTo(65504f);
        assertThat(TorchCheckpoint.half((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(TorchCheckpoint.half((short) 0x8000)).isEqualTo(-0f);
    }
}
