package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Words with spaces in word2vec binary files, as gensim's {@code save_word2vec_format(binary=True)}
 * writes them (the word as it is, a space, the little-endian values, no line end), which gensim's
 * own reader misreads. Random models from a seeded {@link Random}.
 */
class BinarySpacedWordsTests {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "äöüßéçñ日本語-.,&'\"()";

    @TempDir
    Path tmp;

    /** The row after a word with a space: its values as first read are 1e26 (from "york"). */
    @Test
    void aWordWithSpacesIsReadWhole() throws Exception {
        float[] halves = new float[4];
        Arrays.fill(halves, 0.5f); // the rest of its vector, "?\0\0\0?", would prefix the next word as valid UTF-8
        List<String> words = List.of("alpha", "new york", "beta");
        float[][] vectors = {{1, 2, 3, 4}, halves, {5, 6, 7, 8}};
        assertReadsAsWritten(words, vectors);
    }

    /** Every model of 16 dimensions or more, a fifth of its words with spaces, reads as it was written. */
    @Test
    void modelsWithWordsWithSpacesReadAsWritten() throws Exception {
        assertRandomModelsRead(65, 200, new int[] {16, 25, 50, 100, 300}, -3, 1.5, 0.2);
    }

    /** Values no word vector has (down to 1e-20, up to 1e9), in words without spaces, are read as they are. */
    @Test
    void oddValuesAreReadAsTheyAre() throws Exception {
        assertRandomModelsRead(66, 150, new int[] {3, 5, 10, 25, 50, 100, 300}, -20, 9, 0);
    }

    /** Bytes 'a', ' ', then 1e7's high bytes: as if a word's rest, but the next row starts where it should. */
    @Test
    void hugeValuesAfterBytesOfTextAreReadAsTheyAre() throws Exception {
        assertReadsAsWritten(List.of("w", "x"),
                new float[][] {{Float.intBitsToFloat(0x4B182061), 2e7f, -3e7f, 4e7f}, {1, 2, 3, 4}});
    }

    /**
     * {@code models} random models of 60 words, by turns of each dimension, their values scaled by
     * 10 to a power drawn between the two given, a share {@code spaced} of their words with spaces.
     */
    private void assertRandomModelsRead(long seed, int models, int[] dimensions, double lowestPower,
            double highestPower, double spaced) throws IOException {
        Random random = new Random(seed);
        for (int m = 0; m < models; m++) {
            float scale = (float) Math.pow(10, lowestPower + (highestPower - lowestPower) * random.nextDouble());
            float[][] vectors = vectors(random, 60, dimensions[m % dimensions.length], scale);
            assertReadsAsWritten(words(random, 60, spaced), vectors);
        }
    }

    private void assertReadsAsWritten(List<String> words, float[][] vectors) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((words.size() + " " + vectors[0].length + "\n").getBytes(StandardCharsets.US_ASCII));
        for (int w = 0; w < words.size(); w++) {
            out.write((words.get(w) + " ").getBytes(StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.allocate(vectors[w].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(vectors[w]);
            out.write(bytes.array());
        }
        Path file = Files.write(tmp.resolve("model.bin"), out.toByteArray());
        ParsedVectors parsed = ModelReader.read(ModelSource.of(file.toString()), ModelFormat.AUTO, p -> { });
        assertThat(IntStream.range(0, parsed.vocabulary().size()).mapToObj(parsed.vocabulary()::word))
                .containsExactlyElementsOf(words);
        float[] row = new float[parsed.dimension()];
        for (int w = 0; w < words.size(); w++) {
            parsed.matrix().read(w, row, 0);
            assertThat(row).as(words.get(w)).containsExactly(vectors[w]);
        }
    }

    /** {@code count} distinct words, each with spaces (one or two between two to four parts) at odds {@code spaced}. */
    private static List<String> words(Random random, int count, double spaced) {
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < count) {
            List<String> parts = new ArrayList<>();
            for (int p = random.nextDouble() < spaced ? 2 + random.nextInt(3) : 1; p > 0; p--) {
                StringBuilder part = new StringBuilder();
                for (int c = 1 + random.nextInt(9); c > 0; c--) {
                    part.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
                }
                parts.add(part.toString());
            }
            words.add(String.join(random.nextInt(4) == 0 ? "  " : " ", parts));
        }
        return List.copyOf(words);
    }

    /** Gaussian values times {@code scale}; in a third of the models a fifth of them 0.5, whose bytes hold zeros. */
    private static float[][] vectors(Random random, int rows, int dimension, float scale) {
        boolean halves = random.nextInt(3) == 0;
        float[][] vectors = new float[rows][dimension];
        for (float[] vector : vectors) {
            for (int d = 0; d < dimension; d++) {
                vector[d] = halves && random.nextInt(5) == 0 ? 0.5f : (float) random.nextGaussian() * scale;
            }
        }
        return vectors;
    }
}
