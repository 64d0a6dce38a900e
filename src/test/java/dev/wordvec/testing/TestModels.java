package dev.wordvec.testing;

import dev.wordvec.vectors.Dtype;
import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Vocabulary;
import dev.wordvec.vectors.WordVectors;
import java.nio.ByteBuffer;
import java.util.List;

/** Float32 models for tests, from a matrix already in blocks or in one buffer. */
public final class TestModels {

    private TestModels() {
    }

    public static WordVectors float32(Vocabulary vocabulary, RowBlocks matrix) {
        return new WordVectors(vocabulary, matrix, Dtype.FLOAT32);
    }

    /** One direct, native-order buffer of {@code vocabulary.size() x dimension} float32 values. */
    public static WordVectors float32(Vocabulary vocabulary, int dimension, ByteBuffer matrix) {
        return float32(vocabulary, new RowBlocks(dimension, Math.max(1, vocabulary.size()), List.of(matrix)));
    }
}
