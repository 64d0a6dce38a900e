/**
 * Approximate nearest words: an HNSW graph per model, built with Lucene's HNSW builder over the
 * model's own rows (no second copy of the vectors), kept as a packed file beside the converted
 * cache and memory-mapped on later starts. Searched with Lucene's graph searcher, then the
 * answers are scored exactly. No Spring, no HTTP: the query layer decides when to use it.
 */
package dev.wordvec.index;
