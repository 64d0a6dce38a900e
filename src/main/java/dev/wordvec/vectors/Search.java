package dev.wordvec.vectors;

import java.util.List;

/**
 * One nearest-word search: the terms summed into the query, how many answers, the least
 * similarity. A batch of searches may each have their own {@code k} and least similarity and
 * still be scored in one matrix product.
 */
public record Search(List<Term> terms, int k, float minSimilarity) {
}
