/**
 * Reading and writing model files: GloVe and word2vec text, word2vec binary, and wordvec's
 * converted (memory-mapped) format with its cache. Uses {@code vectors} for what it builds;
 * knows nothing of configuration or HTTP.
 */
package dev.wordvec.formats;
