package dev.wordvec.vectors;

import java.util.List;

/**
 * The first principal component of a set of sentence vectors, as SIF removes it: the top right
 * singular vector of the (uncentred) matrix, which carries what all sentences share (syntax,
 * frequent words) rather than what tells them apart.
 */
public final class PrincipalComponent {

    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-10;

    private PrincipalComponent() {
    }

    /**
     * The unit direction of largest variance (uncentred), by power iteration on XᵀX starting from
     * the mean row, which is close to it for sentence vectors and makes the result deterministic.
     *
     * @throws IllegalArgumentException for no rows or rows that are all zero
     */
    public static float[] first(List<float[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no vectors to fit a principal component on");
        }
        int dimension = rows.get(0).length;
        double[] v = new double[dimension];
        for (float[] row : rows) {
            for (int j = 0; j < dimension; j++) {
                v[j] += row[j];
            }
        }
        if (normalize(v) == 0) {
            v[0] = 1;
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] next = new double[dimension];
            for (float[] row : rows) {
                double projection = 0;
                for (int j = 0; j < dimension; j++) {
                    projection += row[j] * v[j];
                }
                for (int j = 0; j < dimension; j++) {
                    next[j] += projection * row[j];
                }
            }
            if (normalize(next) == 0) {
                throw new IllegalArgumentException("the vectors are all zero: no principal component");
            }
            double change = 0;
            for (int j = 0; j < dimension; j++) {
                change += (next[j] - v[j]) * (next[j] - v[j]);
            }
            v = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        float[] component = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            component[j] = (float) v[j];
        }
        return component;
    }

    /** {@code vector} minus its projection on the unit {@code component}. */
    public static float[] remove(float[] vector, float[] component) {
        double projection = 0;
        for (int j = 0; j < vector.length; j++) {
            projection += vector[j] * component[j];
        }
        float[] out = new float[vector.length];
        for (int j = 0; j < vector.length; j++) {
            out[j] = (float) (vector[j] - projection * component[j]);
        }
        return out;
    }

    private static double normalize(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= norm;
            }
        }
        return norm;
    }
}
