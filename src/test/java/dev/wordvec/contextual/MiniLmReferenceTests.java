package dev.wordvec.contextual;

import static dev.wordvec.testing.Oracle.cosine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * all-MiniLM-L6-v2 from the jars, on DJL's OnnxRuntime engine, against what Python onnxruntime
 * and Hugging Face tokenizers compute on the same files (src/test/resources/reference/minilm,
 * with the script that made them): same tokens, sentence vectors with cosine at least 0.9999.
 */
class MiniLmReferenceTests {

    private static final Path REFERENCE = Path.of("src/test/resources/reference/minilm");
    private static SentenceTransformer float32;
    private static SentenceTransformer quantized;

    @BeforeAll
    static void load() throws IOException {
        float32 = SentenceTransformer.load(EncoderFiles.builtIn(false),
                new SentenceTransformer.Settings(SentenceTransformer.Pooling.MEAN, true, 0, 1, false));
        quantized = SentenceTransformer.load(EncoderFiles.builtIn(true),
                new SentenceTransformer.Settings(SentenceTransformer.Pooling.MEAN, true, 0, 1, true));
    }

    @AfterAll
    static void close() {
        float32.close();
        quantized.close();
    }

    @Test
    void float32SentenceVectorsEqualTheReference() throws IOException {
        check(float32, "reference.json", 0.9999);
    }

    /**
     * The quantised network, on ONNX Runtime 1.21.1 (the version DJL 0.36.0 brings), against
     * Python's 1.30: 15 of the 16 texts reach cosine 0.9999; "How can I get to the railway
     * station?" gets 0.99969 under every optimisation level, a difference in how the two versions
     * quantise activations. The bound says what holds; the note asks about a newer onnxruntime.
     */
    @Test
    void quantizedSentenceVectorsAreCloseToTheReference() throws IOException {
        check(quantized, "reference-quantized.json", 0.9996);
    }

    private static void check(SentenceTransformer encoder, String file, double bound) throws IOException {
        JsonNode reference = JsonMapper.builder().build().readTree(REFERENCE.resolve(file).toFile());
        assertThat(encoder.dimension()).isEqualTo(384);
        for (JsonNode sentence : reference.get("sentences")) {
            String text = sentence.get("text").asString();
            SentenceTransformer.Tokenized tokenized = encoder.tokenize(text);
            assertThat(tokenized.ids()).as(text).containsExactly(longs(sentence.get("ids")));
            assertThat(tokenized.tokens()).as(text).containsExactly(strings(sentence.get("tokens")));
            float[] vector = encoder.pool(encoder.tokenVectors(List.of(tokenized))[0]);
            assertThat(cosine(vector, floats(sentence.get("embedding")))).as(file + ": " + text)
                    .isGreaterThanOrEqualTo(bound);
            assertThat(tokenized.truncated()).as(text).isEqualTo(tokenized.length() == 128 && text.length() > 500);
        }
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static String[] strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out.toArray(String[]::new);
    }
}
