package dev.wordvec.vectors;

/** Small float[] operations on results already copied out of the engine (one vector, not the matrix). */
public final class VectorMath {

    private VectorMath() {
    }

    /** A copy of {@code vector} scaled to unit length; a zero vector stays zero. Norm summed in double. */
    public static float[] unitLength(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        float[] out = vector.clone();
        for (int i = 0; norm > 0 && i < out.length; i++) {
            out[i] = (float) (out[i] / norm);
        }
        return out;
    }
}
