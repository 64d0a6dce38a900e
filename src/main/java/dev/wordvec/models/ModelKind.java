package dev.wordvec.models;

/** What a configured model is: a word-vector file, or a contextual sentence encoder. */
public enum ModelKind {
    /** Word vectors (GloVe, word2vec, fastText): every route. */
    WORDS,
    /** A sentence encoder (an ONNX network): the text routes and {@code /token-vectors}. */
    CONTEXTUAL
}
