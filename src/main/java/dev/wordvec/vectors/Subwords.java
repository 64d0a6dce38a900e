package dev.wordvec.vectors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * fastText's character n-grams: a word's n-grams (n from {@code minn} to {@code maxn}, over the
 * UTF-8 bytes of {@code <word>}, never splitting a character), each hashed with fastText's 32-bit
 * FNV-1a into one of {@code bucket} rows. A word outside the vocabulary gets the mean of its
 * n-grams' rows, as fastText's {@code getWordVector} computes it.
 *
 * @param rows the {@code bucket} n-gram rows, never written after loading
 */
public record Subwords(int minn, int maxn, int bucket, RowBlocks rows) {

    /** The rows of {@code word}'s n-grams, in fastText's order; empty when it has none. */
    public int[] ngramRows(String word) {
        if (maxn <= 0 || bucket <= 0) {
            return new int[0];
        }
        byte[] bytes = ("<" + word + ">").getBytes(StandardCharsets.UTF_8);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xC0) == 0x80) {
                continue; // a character's continuation byte: n-grams start on whole characters
            }
            int hash = 0x811C9DC5;
            int j = i;
            for (int n = 1; j < bytes.length && n <= maxn; n++) {
                hash = step(hash, bytes[j++]);
                while (j < bytes.length && (bytes[j] & 0xC0) == 0x80) {
                    hash = step(hash, bytes[j++]);
                }
                // Single characters at the edges ("<" and ">") are no n-grams.
                if (n >= minn && !(n == 1 && (i == 0 || j == bytes.length))) {
                    rows.add((int) (Integer.toUnsignedLong(hash) % bucket));
                }
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One byte of FNV-1a as fastText computes it: the byte sign-extended to 32 bits first. */
    private static int step(int hash, byte b) {
        return (hash ^ b) * 0x01000193;
    }

    /**
     * The mean of {@code word}'s n-gram rows, or null when it has no n-gram (then the caller's
     * unknown-word policy applies).
     */
    public float[] vector(String word) {
        int[] ngrams = ngramRows(word);
        if (ngrams.length == 0) {
            return null;
        }
        int dimension = rows.dimension();
        double[] sum = new double[dimension];
        float[] row = new float[dimension];
        for (int ngram : ngrams) {
            rows.read(ngram, row, 0);
            for (int d = 0; d < dimension; d++) {
                sum[d] += row[d];
            }
        }
        float[] mean = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            mean[d] = (float) (sum[d] / ngrams.length);
        }
        return mean;
    }
}
