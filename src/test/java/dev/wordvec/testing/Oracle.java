package dev.wordvec.testing;

/** Reference maths for tests, in double and written plainly, so it does not share the code under test. */
public final class Oracle {

    private Oracle() {
    }

    /** The cosine of two vectors, summed in double; 0 when either is zero. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** The Euclidean length of a vector, summed in double. */
    public static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }
}
