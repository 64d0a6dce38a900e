/**
 * Hugging Face text-embeddings-inference's routes ({@code /embed}, {@code /embed_all},
 * {@code /tokenize}, {@code /decode}, {@code /info}, {@code /health} and {@code POST /}), with
 * TEI's request and answer shapes, so clients written for TEI work against wordvec. A thin adapter over the query layer's
 * {@code TextEncoder} and the contextual encoder; its errors are the service's problems with TEI's
 * {@code error} and {@code error_type} added; never uses {@code web} or {@code openai}.
 */
package dev.wordvec.tei;
