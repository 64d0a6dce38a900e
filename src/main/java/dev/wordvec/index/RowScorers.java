package dev.wordvec.index;

import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's view of a model's rows: scorers that compare one unit vector with rows by cosine,
 * shifted to {@code (1 + cosine) / 2} so that scores are never negative, as Lucene's own
 * similarity functions are (its graph code compares scores only, so the ranking is the cosine's).
 * Each scorer has its own buffers: a supplier's copies serve the build threads.
 */
final class RowScorers implements RandomVectorScorerSupplier {

    private final UnitRows rows;

    RowScorers(UnitRows rows) {
        this.rows = rows;
    }

    /** A scorer against row {@code ord}, for building the graph. */
    @Override
    public RandomVectorScorer scorer(int ord) {
        float[] query = new float[rows.dimension()];
        rows.readUnit(ord, query);
        return query(query);
    }

    /** A scorer against a unit query vector. */
    RandomVectorScorer query(float[] unitQuery) {
        float[] scratch = new float[rows.dimension()];
        return new RandomVectorScorer() {
            @Override
            public float score(int node) {
                return (1 + rows.cosine(unitQuery, node, scratch)) / 2;
            }

            @Override
            public int maxOrd() {
                return rows.size();
            }
        };
    }

    @Override
    public RandomVectorScorerSupplier copy() {
        return new RowScorers(rows);
    }
}
