package dev.wordvec.vectors;

/** Small float[] operations on results already copied out of the engine (one vector, not the matrix). */
public final class VectorMath {

    private VectorMath() {
    }

    /** The L2 norm, summed in double. */
    public static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /**
     * The cosine of two vectors: the dot product of their unit vectors, as gensim computes it
     * (0 when either is zero). Sums in double, so the float32 result is within an ulp or two of
     * numpy's.
     */
    public static float cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        if (normA == 0 || normB == 0) {
            return 0f;
        }
        return (float) (dot / (Math.sqrt(normA) * Math.sqrt(normB)));
    }

    /** A copy of {@code vector} scaled to unit length; a zero vector stays zero. */
    public static float[] unitLength(float[] vector) {
        double norm = norm(vector);
        float[] out = vector.clone();
        for (int i = 0; norm > 0 && i < out.length; i++) {
            out[i] = (float) (out[i] / norm);
        }
        return out;
    }
}
