package dev.wordvec.vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * One nearest-word search: the terms summed into the query, how many answers, the least
 * similarity. A batch of searches may each have their own {@code k} and least similarity and
 * still be scored in one matrix product.
 *
 * <p>With {@code cosMulPositives} above 0, a 3CosMul analogy instead (gensim's
 * {@code most_similar_cosmul}): the first that many terms are the positive words, the others the
 * negative ones, each scored by itself; the terms' weights play no part.
 */
public record Search(List<Term> terms, int k, float minSimilarity, int cosMulPositives) {

    public Search {
        if (cosMulPositives < 0 || cosMulPositives > terms.size()) {
            throw new IllegalArgumentException("3CosMul's positive terms: " + cosMulPositives + " of " + terms.size());
        }
    }

    /** A search by the terms' weighted sum (3CosAdd for an analogy). */
    public Search(List<Term> terms, int k, float minSimilarity) {
        this(terms, k, minSimilarity, 0);
    }

    /** A 3CosMul analogy: {@code positive} words (at least one) over {@code negative} ones, the best {@code k}. */
    public static Search cosMul(List<Term> positive, List<Term> negative, int k) {
        if (positive.isEmpty()) {
            throw new IllegalArgumentException("3CosMul needs at least one positive word");
        }
        List<Term> terms = new ArrayList<>(positive);
        terms.addAll(negative);
        return new Search(List.copyOf(terms), k, Float.NEGATIVE_INFINITY, positive.size());
    }

    public boolean isCosMul() {
        return cosMulPositives > 0;
    }
}
