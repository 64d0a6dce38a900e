package dev.wordvec.index;

import dev.wordvec.vectors.WordVectors;
import org.apache.lucene.util.VectorUtil;

/**
 * A model's rows read as unit vectors: each row straight from the model's buffers (any dtype,
 * widened to float32) times its inverse norm, computed once. The index holds no copy of the
 * vectors, only these norms (4 bytes a row).
 */
final class UnitRows {

    private final WordVectors vectors;
    private final float[] inverseNorms;

    private UnitRows(WordVectors vectors, float[] inverseNorms) {
        this.vectors = vectors;
        this.inverseNorms = inverseNorms;
    }

    static UnitRows of(WordVectors vectors) {
        int rows = vectors.vocabulary().size();
        float[] inverse = new float[rows];
        float[] row = new float[vectors.dimension()];
        for (int r = 0; r < rows; r++) {
            vectors.read(r, row);
            double norm = Math.sqrt(VectorUtil.dotProduct(row, row));
            // A zero row stays zero: cosine 0 with everything, as in the exact search.
            inverse[r] = norm > 0 ? (float) (1 / norm) : 0f;
        }
        return new UnitRows(vectors, inverse);
    }

    /** The rows of {@code vectors} with inverse norms kept from an earlier computation (one per row). */
    static UnitRows kept(WordVectors vectors, float[] inverseNorms) {
        if (inverseNorms.length != vectors.vocabulary().size()) {
            throw new IllegalArgumentException(inverseNorms.length + " norms for " + vectors.vocabulary().size() + " rows");
        }
        return new UnitRows(vectors, inverseNorms);
    }

    /** Each row's inverse norm (0 for a zero row), for keeping beside the graph. */
    float[] inverseNorms() {
        return inverseNorms;
    }

    int size() {
        return inverseNorms.length;
    }

    int dimension() {
        return vectors.dimension();
    }

    /** {@code row} as a unit vector, into {@code target}. */
    void readUnit(int row, float[] target) {
        vectors.read(row, target);
        float scale = inverseNorms[row];
        for (int d = 0; d < target.length; d++) {
            target[d] *= scale;
        }
    }

    /** One value from each cache line of {@code row} (see {@link WordVectors#touch}). */
    float touch(int row) {
        return vectors.touch(row);
    }

    /** Cosine of a unit {@code query} with {@code row}; {@code scratch} is overwritten. */
    float cosine(float[] query, int row, float[] scratch) {
        vectors.read(row, scratch);
        return VectorUtil.dotProduct(query, scratch) * inverseNorms[row];
    }

    /** The bytes this holds besides the model's own rows. */
    long bytes() {
        return 4L * inverseNorms.length;
    }
}
