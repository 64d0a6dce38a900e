package dev.wordvec.training;

/**
 * The permutation numpy's {@code np.argsort(a)} returns for an {@code int64} array with its default
 * {@code kind='quicksort'}, ties included. gensim sorts a vocabulary with it
 * ({@code KeyedVectors.sort_by_descending_frequency}: the argsort of the counts, reversed), and
 * that sort is not stable: words with the same count come out in an order only this algorithm
 * gives. Reproducing it step by step makes {@code train}'s vocabulary gensim's, order and all.
 *
 * <p>The algorithm is numpy's introsort for argsort as numpy 1.24 (Debian 12's) runs it: a
 * median-of-three quicksort whose partitions of more than 16 elements are split and of at most 16
 * finished by insertion sort, the larger part deferred on a stack, and a heapsort for any part
 * whose depth exceeds twice the array size's log2. (numpy 1.25 and later send this call to a SIMD
 * sort on processors with AVX-512, whose order of ties differs.) Checked against numpy on random
 * arrays with many ties and on inputs built to force the heapsort ({@code NumpyArgsortTests}).
 */
final class NumpyArgsort {

    /** Parts longer than this many elements plus one are partitioned; shorter ones insertion-sorted. */
    private static final int SMALL_PART = 15;

    private NumpyArgsort() {
    }

    /** Indexes of {@code values} in ascending order, ties ordered as numpy's argsort orders them. */
    static int[] argsort(long[] values) {
        int[] order = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (order.length < 2) {
            return order;
        }
        new Sorter(values, order).sort();
        return order;
    }

    /** The sort's state: the values, the permutation being sorted, and the deferred parts. */
    private static final class Sorter {
        private final long[] v;
        private final int[] t;

        Sorter(long[] values, int[] order) {
            this.v = values;
            this.t = order;
        }

        void sort() {
            // Each deferred part: its first and last position and the depth budget left for it.
            int[] stack = new int[3 * 128];
            int top = 0;
            int low = 0;
            int high = t.length - 1;
            int depthLeft = 2 * (31 - Integer.numberOfLeadingZeros(t.length));
            while (true) {
                if (depthLeft < 0) {
                    heapsort(low, high - low + 1);
                } else {
                    while (high - low > SMALL_PART) {
                        int pivot = partition(low, high);
                        depthLeft--;
                        // Defer the larger part, go on with the smaller.
                        if (pivot - low < high - pivot) {
                            stack[top++] = pivot + 1;
                            stack[top++] = high;
                            high = pivot - 1;
                        } else {
                            stack[top++] = low;
                            stack[top++] = pivot - 1;
                            low = pivot + 1;
                        }
                        stack[top++] = depthLeft;
                    }
                    insertionSort(low, high);
                }
                if (top == 0) {
                    return;
                }
                depthLeft = stack[--top];
                high = stack[--top];
                low = stack[--top];
            }
        }

        /** Median of three moved next to the end, Hoare's scan; returns where the pivot lands. */
        private int partition(int low, int high) {
            int middle = low + ((high - low) >> 1);
            if (less(middle, low)) {
                swap(middle, low);
            }
            if (less(high, middle)) {
                swap(high, middle);
            }
            if (less(middle, low)) {
                swap(middle, low);
            }
            long pivot = v[t[middle]];
            int i = low;
            int j = high - 1;
            swap(middle, j);
            while (true) {
                do {
                    i++;
                } while (v[t[i]] < pivot);
                do {
                    j--;
                } while (pivot < v[t[j]]);
                if (i >= j) {
                    break;
                }
                swap(i, j);
            }
            swap(i, high - 1);
            return i;
        }

        private void insertionSort(int low, int high) {
            for (int i = low + 1; i <= high; i++) {
                int moving = t[i];
                long value = v[moving];
                int j = i;
                while (j > low && value < v[t[j - 1]]) {
                    t[j] = t[j - 1];
                    j--;
                }
                t[j] = moving;
            }
        }

        /** numpy's heapsort of the {@code n} positions from {@code low}, counted from 1 as it counts. */
        private void heapsort(int low, int n) {
            int base = low - 1;
            for (int root = n >> 1; root > 0; root--) {
                siftDown(base, root, n, t[base + root]);
            }
            for (int last = n; last > 1; ) {
                int moving = t[base + last];
                t[base + last] = t[base + 1];
                last--;
                siftDown(base, 1, last, moving);
            }
        }

        private void siftDown(int base, int start, int n, int moving) {
            int i = start;
            for (int j = start << 1; j <= n; ) {
                if (j < n && v[t[base + j]] < v[t[base + j + 1]]) {
                    j++;
                }
                if (v[moving] < v[t[base + j]]) {
                    t[base + i] = t[base + j];
                    i = j;
                    j += j;
                } else {
                    break;
                }
            }
            t[base + i] = moving;
        }

        private boolean less(int a, int b) {
            return v[t[a]] < v[t[b]];
        }

        private void swap(int a, int b) {
            int x = t[a];
            t[a] = t[b];
            t[b] = x;
        }
    }
}
