package dev.wordvec.index;

import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's view of a model's rows: scorers that compare one unit vector with rows by cosine,
 * shifted to {@code (1 + cosine) / 2} so that scores are never negative, as Lucene's own
 * similarity functions are (its graph code compares scores only, so the ranking is the cosine's).
 * Each scorer has its own buffers: a supplier's copies serve the build threads. The graph is
 * built from exact scores; a search walks it by the rows' int8 codes when there are some.
 */
final class RowScorers implements RandomVectorScorerSupplier {

    private final UnitRows rows;
    private final RowCodes codes;

    /** @param codes the rows' codes for walking the graph; null to walk it by the rows themselves */
    RowScorers(UnitRows rows, RowCodes codes) {
        this.rows = rows;
        this.codes = codes;
    }

    /** A scorer against row {@code ord}, for building the graph. */
    @Override
    public RandomVectorScorer scorer(int ord) {
        float[] query = new float[rows.dimension()];
        rows.readUnit(ord, query);
        return query(query);
    }

    /**
     * A scorer for a search's walk towards a unit query: by the rows' codes when there are some,
     * else exact. Its scores only rank candidates; the search scores the ones it keeps again.
     */
    RandomVectorScorer walk(float[] unitQuery) {
        if (codes == null) {
            return query(unitQuery);
        }
        byte[] code = new byte[unitQuery.length];
        float scale = RowCodes.quantise(unitQuery, code);
        byte[] scratch = new byte[unitQuery.length];
        return new RandomVectorScorer() {
            @Override
            public float score(int node) {
                // Rounding can take the cosine of near-opposite vectors a hair below -1.
                return Math.max(0, (1 + codes.cosine(code, scale, node, scratch)) / 2);
            }

            @Override
            public int maxOrd() {
                return codes.size();
            }
        };
    }

    /** Brings the memory a walk scores {@code row} from into the caches (see {@link PackedGraph.RowTouch}). */
    float touch(int row) {
        return codes == null ? rows.touch(row) : codes.touch(row);
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
        return new RowScorers(rows, codes);
    }
}
