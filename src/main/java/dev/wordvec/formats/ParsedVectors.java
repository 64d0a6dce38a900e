package dev.wordvec.formats;

import dev.wordvec.vectors.Vocabulary;
import java.nio.ByteBuffer;

/**
 * A model file as read: its words, and a direct native-order float32 buffer of
 * {@code vocabulary.size() x dimension} values, row {@code i} belonging to word {@code i}.
 *
 * @param format the format the file was read as (detected or configured)
 * @param duplicates words that appeared again after their first row and were skipped
 */
public record ParsedVectors(Vocabulary vocabulary, int dimension, ByteBuffer matrix, ModelFormat format, int duplicates) {
}
