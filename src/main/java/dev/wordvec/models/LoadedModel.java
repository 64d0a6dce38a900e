package dev.wordvec.models;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.query.NotAWordModelException;
import dev.wordvec.query.TextEncoder;
import dev.wordvec.query.WordModel;
import java.time.Duration;

/**
 * A model that is ready to answer: what encodes its texts, and its word vectors when it has them.
 *
 * @param name its configured name
 * @param texts what the text routes ask
 * @param words what the word routes ask; null for a model with no word matrix
 * @param format the format its file was read as
 * @param loadTime how long reading it took
 */
public record LoadedModel(String name, TextEncoder texts, WordModel words, ModelFormat format, Duration loadTime) {

    /** A word-vector model: it answers both kinds of route. */
    public static LoadedModel of(WordModel words, ModelFormat format, Duration loadTime) {
        return new LoadedModel(words.name(), words, words, format, loadTime);
    }

    /**
     * The word vectors, for the word routes.
     *
     * @throws NotAWordModelException when the model has none
     */
    @Override
    public WordModel words() {
        if (words == null) {
            throw new NotAWordModelException(name, "contextual");
        }
        return words;
    }

    /** Whether the model has word vectors (the word routes answer). */
    public boolean hasWords() {
        return words != null;
    }
}
