/**
 * word2vec-api's routes ({@code GET /word2vec/similarity}, {@code n_similarity},
 * {@code most_similar}, {@code model}, {@code model_word_set}), with its parameters and answer
 * shapes, so clients written for that service work against wordvec. A thin adapter over the query
 * layer; its errors are the service's problems; never uses {@code web}, {@code openai} or {@code tei}.
 */
package dev.wordvec.word2vecapi;
