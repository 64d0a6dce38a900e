/**
 * Python's pickles read as data, never run: gensim's saved models (read by {@code formats}) and
 * PyTorch's checkpoints (a sentence-transformers Dense module's {@code pytorch_model.bin}, read by
 * {@code contextual}). Depends on nothing else in wordvec.
 */
package dev.wordvec.pickle;
