package dev.wordvec.vectors;

import java.util.List;

/** Test shorthand: searches that all share {@code k} and the least similarity. */
final class TestSearches {

    private TestSearches() {
    }

    static List<List<Neighbor>> mostSimilar(WordVectors vectors, List<List<Term>> queries, int k, int restrictRows,
            float minSimilarity) {
        return vectors.search(queries.stream().map(q -> new Search(q, k, minSimilarity)).toList(), restrictRows);
    }
}
