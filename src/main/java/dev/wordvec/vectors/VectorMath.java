package dev.wordvec.vectors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Base64;

/** Small float[] operations on results already copied out of the engine (one vector, not the matrix). */
public final class VectorMath {

    private VectorMath() {
    }

    /**
     * The int8 rule, for an int8 model's rows, for {@link CompactRows} and for the HNSW index's
     * codes: the {@code dimension} values of {@code source} from {@code from} as bytes in
     * {@code target} from {@code to}, each value / scale rounded and kept within ±127; returns the
     * scale (largest absolute value / 127, 0 for a zero row).
     */
    public static float quantizeInt8(FloatBuffer source, int from, int dimension, ByteBuffer target, int to) {
        float max = 0;
        for (int d = 0; d < dimension; d++) {
            max = Math.max(max, Math.abs(source.get(from + d)));
        }
        float scale = max / 127f;
        for (int d = 0; d < dimension; d++) {
            int q = scale == 0 ? 0 : Math.round(source.get(from + d) / scale);
            target.put(to + d, (byte) Math.max(-127, Math.min(127, q)));
        }
        return scale;
    }

    /** The L2 norm, summed in double. */
    public static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** The L2 norm of a vector of doubles. */
    public static double norm(double[] vector) {
        double sum = 0;
        for (double v : vector) {
            sum += v * v;
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

    /**
     * The power of two that brings {@code largest} into [1, 2) (1 for zero): scaling by it is
     * exact in float32, barring values it pushes below float32's normal range.
     */
    public static double powerOfTwoScale(double largest) {
        return largest > 0 && Double.isFinite(largest) ? Math.scalb(1.0, -Math.getExponent(largest)) : 1;
    }

    /**
     * The vector's float32 values as bytes, little-endian, in base64 (numpy reads it back with
     * {@code np.frombuffer(base64.b64decode(s), dtype='<f4')}): OpenAI's {@code encoding_format:
     * base64}, and word2vec-api's vector.
     */
    public static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /** A copy of {@code vector} scaled to unit length; a zero vector stays zero. */
    public static float[] unitLength(float[] vector) {
        double[] wide = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            wide[i] = vector[i];
        }
        return unitLength(wide);
    }

    /**
     * {@code vector} scaled to unit length in double, then rounded to float32 (a sum of float32
     * vectors may pass float32's range before it is scaled); a zero vector stays zero.
     */
    public static float[] unitLength(double[] vector) {
        double norm = norm(vector);
        float[] out = new float[vector.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (norm > 0 ? vector[i] / norm : vector[i]);
        }
        return out;
    }
}
