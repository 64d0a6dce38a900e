package dev.wordvec.models;

import dev.wordvec.contextual.ContextualEncoder;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.query.NotAContextualModelException;
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
 * @param contextual the sentence encoder, for a contextual model; else null
 */
public record LoadedModel(String name, TextEncoder texts, WordModel words, ModelFormat format, Duration loadTime,
        ContextualEncoder contextual) {

    /** A word-vector model: it answers both kinds of route. */
    public static LoadedModel of(WordModel words, ModelFormat format, Duration loadTime) {
        return new LoadedModel(words.name(), words, words, format, loadTime, null);
    }

    /** A contextual model: the text routes and token vectors, no word routes. */
    public static LoadedModel of(ContextualEncoder encoder, Duration loadTime) {
        return new LoadedModel(encoder.name(), encoder, null, ModelFormat.ONNX, loadTime, encoder);
    }

    /** What kind of model it is, as {@code /models} and errors name it. */
    public ModelKind kind() {
        return contextual != null ? ModelKind.CONTEXTUAL : ModelKind.WORDS;
    }

    /**
     * The sentence encoder, for tokens and their vectors.
     *
     * @throws NotAContextualModelException when the model is a word-vector model
     */
    @Override
    public ContextualEncoder contextual() {
        if (contextual == null) {
            throw new NotAContextualModelException(name);
        }
        return contextual;
    }

    /** Frees the engine memory it holds. */
    public void close() {
        if (contextual != null) {
            contextual.close();
        } else {
            words.close();
        }
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
