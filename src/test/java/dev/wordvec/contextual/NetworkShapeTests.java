package dev.wordvec.contextual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory whose network is not a sentence-transformers encoder fails its load with the reason,
 * instead of serving numbers cut from the wrong output. The networks are written here as ONNX
 * protobuf bytes: one node that casts {@code input_ids} to float, so its first output is
 * {@code [texts, tokens]}, not {@code [texts, tokens, dimension]}.
 */
class NetworkShapeTests {

    @TempDir
    Path dir;

    @Test
    void aFirstOutputWithoutTokenVectorsFailsTheLoad() throws IOException {
        assertThatLoading(castNetwork("input_ids"))
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("the network's output 'out' has shape (1, 3)")
                .hasMessageContaining("[texts, tokens, dimension]");
    }

    @Test
    void anInputAnEncoderDoesNotTakeFailsTheLoad() throws IOException {
        assertThatLoading(castNetwork("pixel_values"))
                .hasMessageContaining("the network takes an input 'pixel_values'");
    }

    /**
     * Some exports list a pooled output before the token vectors: the one named
     * {@code last_hidden_state} is used, whatever its place. The network here gives each token its
     * id as a one-number vector.
     */
    @Test
    void theTokenVectorsAreFoundByName() throws IOException {
        try (SentenceTransformer network = load(idNetwork(1))) {
            assertThat(network.tokenDimension()).isEqualTo(1);
            float[][] tokens = network.tokenVectors(java.util.List.of(network.tokenize("hello")))[0];
            // [CLS] hello [SEP]
            assertThat(tokens).isDeepEqualTo(new float[][] {{101}, {7592}, {102}});
        }
    }

    /** A float16 network (an export's model_fp16.onnx) gives half-precision values, widened exactly. */
    @Test
    void float16TokenVectorsAreWidened() throws IOException {
        try (SentenceTransformer network = load(idNetwork(10))) {
            float[][] tokens = network.tokenVectors(java.util.List.of(network.tokenize("hello")))[0];
            assertThat(tokens).isDeepEqualTo(new float[][] {{101}, {7592}, {102}});
        }
    }

    /**
     * A decoder export (optimum's feature-extraction task for Qwen3 or Gemma) takes
     * {@code position_ids}: each token's place, from 0, also when the text is padded in a batch
     * with a longer one. The network here adds each token's position to its id.
     */
    @Test
    void positionsCountEachTextsTokensFromZero() throws IOException {
        try (SentenceTransformer network = load(positionNetwork())) {
            float[][][] tokens = network.tokenVectors(java.util.List.of(network.tokenize("hello"),
                    network.tokenize("hello hello")));
            // [CLS] hello [SEP] is 101 7592 102, at places 0, 1, 2.
            assertThat(tokens[0]).isDeepEqualTo(new float[][] {{101}, {7593}, {104}});
            assertThat(tokens[1]).isDeepEqualTo(new float[][] {{101}, {7593}, {7594}, {105}});
        }
    }

    /** A decoder export with a key-value cache is refused, saying which export to make instead. */
    @Test
    void anExportWithACacheFailsTheLoad() throws IOException {
        assertThatLoading(castNetwork("past_key_values.0.key")).hasMessageContaining("past_key_values")
                .hasMessageContaining("feature-extraction task without it");
    }

    private SentenceTransformer load(byte[] network) throws IOException {
        Files.write(dir.resolve("model.onnx"), network);
        try (InputStream in = EncoderFiles.builtIn(false).tokenizer().open()) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
        return SentenceTransformer.load(EncoderFiles.directory(dir), SentenceTransformer.Settings.defaults(1, false));
    }

    /**
     * ONNX (IR 8, opset 11): {@code sentence_embedding = Cast(input_ids, to=type)} ([b, n]) listed
     * first, and {@code last_hidden_state = Unsqueeze(sentence_embedding, axes=[2])} ([b, n, 1]).
     *
     * @param type the ONNX element type of both outputs (1 float, 10 float16)
     */
    private static byte[] idNetwork(int type) {
        byte[] to = new Proto().string(1, "to").varint(20, 2).varint(3, type).bytes();
        byte[] cast = new Proto().string(1, "input_ids").string(2, "sentence_embedding").string(4, "Cast")
                .message(5, to).bytes();
        byte[] axes = new Proto().string(1, "axes").varint(20, 7).varint(8, 2).bytes();
        byte[] unsqueeze = new Proto().string(1, "sentence_embedding").string(2, "last_hidden_state")
                .string(4, "Unsqueeze").message(5, axes).bytes();
        byte[] graph = new Proto().message(1, cast).message(1, unsqueeze).string(2, "g")
                .message(11, valueInfo("input_ids", 7)).message(12, valueInfo("sentence_embedding", type))
                .message(12, valueInfo3("last_hidden_state", type)).bytes();
        byte[] opset = new Proto().string(1, "").varint(2, 11).bytes();
        return new Proto().varint(1, 8).message(7, graph).message(8, opset).bytes();
    }

    /**
     * ONNX (IR 8, opset 11): {@code last_hidden_state = Unsqueeze(Cast(Add(input_ids, position_ids),
     * to=float), axes=[2])}, of shape [b, n, 1]; {@code attention_mask} is an input the graph leaves unused.
     */
    private static byte[] positionNetwork() {
        byte[] add = new Proto().string(1, "input_ids").string(1, "position_ids").string(2, "sum").string(4, "Add")
                .bytes();
        byte[] to = new Proto().string(1, "to").varint(20, 2).varint(3, 1).bytes();
        byte[] cast = new Proto().string(1, "sum").string(2, "floats").string(4, "Cast").message(5, to).bytes();
        byte[] axes = new Proto().string(1, "axes").varint(20, 7).varint(8, 2).bytes();
        byte[] unsqueeze = new Proto().string(1, "floats").string(2, "last_hidden_state").string(4, "Unsqueeze")
                .message(5, axes).bytes();
        byte[] graph = new Proto().message(1, add).message(1, cast).message(1, unsqueeze).string(2, "g")
                .message(11, valueInfo("input_ids", 7)).message(11, valueInfo("attention_mask", 7))
                .message(11, valueInfo("position_ids", 7)).message(12, valueInfo3("last_hidden_state", 1)).bytes();
        byte[] opset = new Proto().string(1, "").varint(2, 11).bytes();
        return new Proto().varint(1, 8).message(7, graph).message(8, opset).bytes();
    }

    /** A tensor of {@code elementType} and shape [b, n, 1]. */
    private static byte[] valueInfo3(String name, int elementType) {
        byte[] shape = new Proto().message(1, new Proto().string(2, "b").bytes())
                .message(1, new Proto().string(2, "n").bytes()).message(1, new Proto().varint(1, 1).bytes()).bytes();
        byte[] tensor = new Proto().varint(1, elementType).message(2, shape).bytes();
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor).bytes()).bytes();
    }

    /** Loading {@code network} beside MiniLM's tokenizer: it must fail with an IOException. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertThatLoading(byte[] network) throws IOException {
        Files.write(dir.resolve("model.onnx"), network);
        try (InputStream in = EncoderFiles.builtIn(false).tokenizer().open()) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
        assertThat(dir.resolve("tokenizer.json")).isNotEmptyFile();
        return assertThatThrownBy(() -> SentenceTransformer.load(EncoderFiles.directory(dir),
                SentenceTransformer.Settings.defaults(1, false))).isInstanceOf(IOException.class);
    }

    /** ONNX (IR 8, opset 13): {@code out = Cast(input, to=float)}, both of shape [b, n]. */
    private static byte[] castNetwork(String input) {
        byte[] attribute = new Proto().string(1, "to").varint(20, 2).varint(3, 1).bytes();
        byte[] node = new Proto().string(1, input).string(2, "out").string(4, "Cast").message(5, attribute).bytes();
        byte[] graph = new Proto().message(1, node).string(2, "g")
                .message(11, valueInfo(input, 7)).message(12, valueInfo("out", 1)).bytes();
        byte[] opset = new Proto().string(1, "").varint(2, 13).bytes();
        return new Proto().varint(1, 8).message(7, graph).message(8, opset).bytes();
    }

    /** A tensor of {@code elementType} (7 int64, 1 float) and shape [b, n]. */
    private static byte[] valueInfo(String name, int elementType) {
        byte[] shape = new Proto().message(1, new Proto().string(2, "b").bytes())
                .message(1, new Proto().string(2, "n").bytes()).bytes();
        byte[] tensor = new Proto().varint(1, elementType).message(2, shape).bytes();
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor).bytes()).bytes();
    }

    /** Just enough of protobuf's wire format: varints and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((long) field << 3);
            raw(value);
            return this;
        }

        Proto string(int field, String value) {
            return message(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, byte[] value) {
            raw((long) field << 3 | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
