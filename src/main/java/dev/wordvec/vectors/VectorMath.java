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
