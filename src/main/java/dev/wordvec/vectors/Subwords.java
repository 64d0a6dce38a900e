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
 * @param wordNgrams fastText's {@code -wordNgrams}: a classifier also hashes runs of up to this many
 *     words into the same buckets (1: none)
 * @param classifier whether the model is a fastText classifier ({@code fasttext supervised}),
 *     whose sentence vectors fastText computes from these rows directly
 * @param pruned the buckets a quantised model kept ({@code fasttext quantize -cutoff}) and the row
 *     of each, the others having none; null when every bucket has its row ({@code rows} holds
 *     {@code bucket} rows)
 */
public record Subwords(int minn, int maxn, int bucket, RowBlocks rows, CompactRows compact, int wordNgrams,
        boolean classifier, PrunedBuckets pruned) {

    public Subwords(int minn, int maxn, int bucket, RowBlocks rows) {
        this(minn, maxn, bucket, rows, null, 1, false, null);
    }

    public Subwords(int minn, int maxn, int bucket, RowBlocks rows, int wordNgrams, boolean classifier,
            PrunedBuckets pruned) {
        this(minn, maxn, bucket, rows, null, wordNgrams, classifier, pruned);
    }

    /**
     * These n-grams held as {@code dtype}: float32 as they are; float16 or int8 in compact rows of
     * their own, with no reference kept to the float32 rows, so those can be freed.
     */
    public Subwords in(Dtype dtype) {
        if (dtype == Dtype.FLOAT32 || compact != null) {
            return this;
        }
        return new Subwords(minn, maxn, bucket, null, CompactRows.of(rows, dtype), wordNgrams, classifier, pruned);
    }

    /**
     * Whether any word has n-grams: false for a model trained with {@code -maxn 0} (or no buckets),
     * and for a quantised one that kept no n-gram.
     */
    public boolean hasNgrams() {
        return maxn > 0 && bucket > 0 && (pruned == null || pruned.size() > 0);
    }

    /** How many n-gram rows there are: {@code bucket}, or the buckets a pruned model kept. */
    public int rowCount() {
        return pruned == null ? bucket : pruned.size();
    }

    /** The same n-grams with other float32 rows: a copy of these, or these mapped as a model's words were. */
    public Subwords withRows(RowBlocks replaced) {
        return new Subwords(minn, maxn, bucket, replaced, null, wordNgrams, classifier, pruned);
    }

    /** The row of {@code hashBucket}, as fastText's {@code pushHash} finds it; -1 when a pruned model dropped it. */
    private int rowOf(int hashBucket) {
        return pruned == null ? hashBucket : pruned.rowOf(hashBucket);
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
                    int row = rowOf((int) (Integer.toUnsignedLong(hash) % bucket));
                    if (row >= 0) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private int dimension() {
        return compact != null ? compact.dimension() : rows.dimension();
    }

    /** fastText's hash of a whole word (its {@code Dictionary::hash}): FNV-1a over its UTF-8 bytes. */
    public static int hash(String word) {
        int hash = 0x811C9DC5;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            hash = step(hash, b);
        }
        return hash;
    }

    /**
     * The buckets of a classifier's word n-grams (fastText's {@code addWordNgrams}): each run of 2
     * to {@code wordNgrams} words, from the words' hashes, chained in 64 bits as fastText chains
     * them (each 32-bit hash sign-extended, as its {@code int32_t} vector holds them).
     */
    public int[] wordNgramRows(int[] wordHashes) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < wordHashes.length && bucket > 0; i++) {
            long h = wordHashes[i];
            for (int j = i + 1; j < wordHashes.length && j < i + wordNgrams; j++) {
                h = h * 116049371L + wordHashes[j];
                int row = rowOf((int) Long.remainderUnsigned(h, bucket));
                if (row >= 0) {
                    found.add(row);
                }
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds the n-gram rows {@code ngrams} (as {@link #ngramRows} and {@link #wordNgramRows} give them) to {@code sum}. */
    public void addRows(int[] ngrams, double[] sum) {
        float[] row = new float[dimension()];
        for (int ngram : ngrams) {
            read(ngram, row);
            for (int d = 0; d < sum.length; d++) {
                sum[d] += row[d];
            }
        }
    }

    /** Row {@code ngram} into {@code row}, from the compact copy when the model holds one. */
    private void read(int ngram, float[] row) {
        if (compact != null) {
            compact.read(ngram, row, 0);
        } else {
            rows.read(ngram, row, 0);
        }
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
        addRows(ngrams, sum);
        float[] mean = new float[dimension()];
        for (int d = 0; d < mean.length; d++) {
            mean[d] = (float) (sum[d] / ngrams.length);
        }
        return mean;
    }
}
