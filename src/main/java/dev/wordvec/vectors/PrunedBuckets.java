package dev.wordvec.vectors;

import java.util.Arrays;

/**
 * The n-gram buckets a quantised fastText model kept ({@code fasttext quantize -cutoff}), each with
 * its row among the kept rows: fastText's {@code pruneidx}. A bucket it dropped has no row, and
 * fastText leaves its n-gram out of a word's vector (its {@code pushHash}), not counting it in the mean.
 */
public final class PrunedBuckets {

    private final int[] buckets;
    private final int[] rows;

    /**
     * @param buckets the kept buckets, in any order, each once
     * @param rows the row of each, a permutation of 0 to {@code buckets.length - 1}
     */
    public PrunedBuckets(int[] buckets, int[] rows) {
        if (buckets.length != rows.length) {
            throw new IllegalArgumentException(buckets.length + " buckets, " + rows.length + " rows");
        }
        Integer[] order = new Integer[buckets.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(buckets[a], buckets[b]));
        this.buckets = new int[buckets.length];
        this.rows = new int[rows.length];
        for (int i = 0; i < order.length; i++) {
            this.buckets[i] = buckets[order[i]];
            this.rows[i] = rows[order[i]];
            if (i > 0 && this.buckets[i] == this.buckets[i - 1]) {
                throw new IllegalArgumentException("bucket " + this.buckets[i] + " is listed twice");
            }
            if (this.rows[i] < 0 || this.rows[i] >= rows.length) {
                throw new IllegalArgumentException("bucket " + this.buckets[i] + " has row " + this.rows[i] + " of "
                        + rows.length);
            }
        }
    }

    /** How many buckets were kept. */
    public int size() {
        return buckets.length;
    }

    /** The row of {@code bucket}, or -1 when it was dropped. */
    public int rowOf(int bucket) {
        int at = Arrays.binarySearch(buckets, bucket);
        return at < 0 ? -1 : rows[at];
    }

    /** The kept buckets, in increasing order (a copy). */
    public int[] buckets() {
        return buckets.clone();
    }

    /** The row of each of {@link #buckets()}, in the same order (a copy). */
    public int[] rows() {
        return rows.clone();
    }
}
