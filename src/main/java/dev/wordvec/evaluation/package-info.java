/**
 * Intrinsic evaluation with gensim's semantics: analogies ({@code evaluate_word_analogies}, batched
 * on the engine) and word-pair correlations ({@code evaluate_word_pairs}), the built-in sets, and
 * the {@code evaluate} command. Uses {@code vectors} (and {@code formats} to load a file for the
 * command); no Spring, no HTTP.
 */
package dev.wordvec.evaluation;
