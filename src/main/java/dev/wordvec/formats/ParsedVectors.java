package dev.wordvec.formats;

import dev.wordvec.vectors.Vocabulary;
import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Subwords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * For a command to print, one line each: how many words came again and which row was kept
     * (gensim's text loader keeps the first too), and a byte-order mark kept in the first word.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (duplicates > 0) {
            notes.add(duplicates + (duplicates == 1 ? " word appears again after its first row"
                    : " words appear again after their first rows")
                    + "; the first row of each is kept, as gensim's load_word2vec_format keeps it");
        }
        firstWordAfterByteOrderMark().ifPresent(plain -> notes.add("the file starts with a byte-order mark (U+FEFF), "
                + "kept as part of its first word as gensim keeps it: that word is '\\uFEFF" + plain + "', not '"
                + plain + "'; save the file without the mark to read it plainly"));
        return notes;
    }

    /**
     * The first word without the byte-order mark (U+FEFF) it starts with, when it does: a file saved
     * "as UTF-8 with BOM" keeps the mark in that word, as gensim keeps it, and the word then answers
     * only with the mark in front; said, so that the file's most frequent word missing is no mystery.
     */
    public Optional<String> firstWordAfterByteOrderMark() {
        return vocabulary.size() > 0 && vocabulary.word(0).startsWith("\uFEFF")
                ? Optional.of(vocabulary.word(0).substring(1)) : Optional.empty();
    }
}
