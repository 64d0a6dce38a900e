package dev.wordvec.testing;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelReader;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.query.TokenWeights;
import dev.wordvec.query.WordModel;
import dev.wordvec.vectors.CaseForm;
import dev.wordvec.vectors.Dtype;
import dev.wordvec.vectors.SearchBatcher;
import dev.wordvec.vectors.WordLookup;
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

    /**
     * The model file at {@code file} as the routes ask it: exact lookup, uniform weights, its
     * n-grams when it has them, one search worker. Close it after use.
     */
    public static WordModel wordModel(String name, String file) throws Exception {
        ParsedVectors parsed = ModelReader.read(ModelSource.of(file), ModelFormat.AUTO, p -> { });
        WordVectors vectors = float32(parsed.vocabulary(), parsed.matrix());
        WordLookup lookup = new WordLookup(parsed.vocabulary(), List.of(CaseForm.EXACT), false);
        return new WordModel(name, vectors, new SearchBatcher(vectors, name, 1, 8, 0), lookup,
                new SentenceEncoder(name, vectors, lookup, parsed.subwords()), TokenWeights.uniform(), null, null,
                parsed.subwords(), null);
    }

    /** One direct, native-order buffer of {@code vocabulary.size() x dimension} float32 values. */
    public static WordVectors float32(Vocabulary vocabulary, int dimension, ByteBuffer matrix) {
        return float32(vocabulary, new RowBlocks(dimension, Math.max(1, vocabulary.size()), List.of(matrix)));
    }
}
