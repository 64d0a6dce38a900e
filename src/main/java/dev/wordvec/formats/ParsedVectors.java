package dev.wordvec.formats;

import dev.wordvec.vectors.Vocabulary;
import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Subwords;

/**
 * A model file as read: its words, and the float32 matrix of {@code vocabulary.size() x dimension}
 * values in row blocks, row {@code i} belonging to word {@code i}.
 *
 * @param format the format the file was read as (detected or configured)
 * @param duplicates words that appeared again after their first row and were skipped
 * @param subwords a fastText model's character n-grams, which answer words outside the vocabulary; else null
 */
public record ParsedVectors(Vocabulary vocabulary, int dimension, RowBlocks matrix, ModelFormat format, int duplicates,
        Subwords subwords) {

    /** Vectors with no character n-grams (every format but fastText's {@code .bin}). */
    public ParsedVectors(Vocabulary vocabulary, int dimension, RowBlocks matrix, ModelFormat format, int duplicates) {
        this(vocabulary, dimension, matrix, format, duplicates, null);
    }
}
