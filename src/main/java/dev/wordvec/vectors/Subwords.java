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
 * @param rows the {@code bucket} n-gram rows in float32, as read (and as the converted format keeps
 *     them); never written after loading
 * @param compact the same rows in float16 or int8, read instead of {@code rows} when the model is
 *     held in that dtype; null for float32
 */
public record Subwords(int minn, int maxn, int bucket, RowBlocks rows, CompactRows compact) {

    public Subwords(int minn, int maxn, int bucket, RowBlocks rows) {
        this(minn, maxn, bucket, rows, null);
    }

    /**
     * These n-grams held as {@code dtype}: float32 as they are; float16 or int8 in compact rows of
     * their own, with no reference kept to the float32 rows, so those can be freed.
     */
    public Subwords in(Dtype dtype) {
        if (dtype == Dtype.FLOAT32 || compact != null) {
            return this;
        }
        return new Subwords(minn, maxn, bucket, null, CompactRows.of(rows, dtype));
    }

    /** Whether any word has n-grams: false for a model trained with {@code -maxn 0} (or no buckets). */
    public boolean hasNgrams() {
        return maxn > 0 && bucket > 0;
    }

    /** The same n-grams with other float32 rows: a copy of these, or these mapped as a model's words were. */
    public Subwords withRows(RowBlocks replaced) {
        return new Subwords(minn, maxn, bucket, replaced);
    }

    /** Bytes the n-gram rows take. */
    public long bytes() {
        return compact != null ? compact.bytes() : rows.bytes();
    }

    /** The rows of {@code word}'s n-grams, in fastText's order; empty when it has none. */
    public int[] ngramRows(String word) {
        if (!hasNgrams()) {
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

    private int dimension() {
        return compact != null ? compact.dimension() : rows.dimension();
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
        double[] sum = new double[dimension()];
        float[] row = new float[dimension()];
        for (int ngram : ngrams) {
            if (compact != null) {
                compact.read(ngram, row, 0);
            } else {
                rows.read(ngram, row, 0);
            }
            for (int d = 0; d < sum.length; d++) {
                sum[d] += row[d];
            }
        }
        float[] mean = new float[dimension()];
        for (int d = 0; d < mean.length; d++) {
            mean[d] = (float) (sum[d] / ngrams.length);
        }
        return mean;
    }
}
