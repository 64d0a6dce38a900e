/**
 * Word vectors from a corpus: the corpus in memory ({@code LineSentence} layout), windowed
 * co-occurrence counts, and count-based training (shifted PPMI with a randomised SVD on the
 * engine); the {@code train} command. Uses {@code vectors}, {@code formats} (to write) and the
 * query layer's tokenizer; no Spring, no HTTP.
 */
package dev.wordvec.training;
