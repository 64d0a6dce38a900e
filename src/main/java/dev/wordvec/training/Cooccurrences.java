package dev.wordvec.training;

import java.util.Arrays;

/**
 * Windowed co-occurrence counts of a corpus, sparse: an open-addressing table from the pair
 * (word, context), packed in one long, to its count. Each pair of words at most {@code window}
 * apart within a sentence counts once in each direction, so the counts are symmetric.
 */
final class Cooccurrences {

    private static final long EMPTY = -1L;

    private long[] keys;
    private float[] values;
    private int size;

    Cooccurrences(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[capacity];
        values = new float[capacity];
        Arrays.fill(keys, EMPTY);
    }

    static Cooccurrences count(Corpus corpus, int window) {
        Cooccurrences counts = new Cooccurrences(Math.min(1 << 24, corpus.tokens().length * 2));
        int[] tokens = corpus.tokens();
        int start = 0;
        for (int end : corpus.sentenceEnds()) {
            for (int i = start; i < end; i++) {
                for (int j = i + 1; j <= Math.min(end - 1, i + window); j++) {
                    counts.add(tokens[i], tokens[j], 1);
                    counts.add(tokens[j], tokens[i], 1);
                }
            }
            start = end;
        }
        return counts;
    }

    void add(int word, int context, float count) {
        if (size * 2 >= keys.length) {
            grow();
        }
        long key = (long) word << 32 | (context & 0xffffffffL);
        int slot = slot(key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            size++;
        }
        values[slot] += count;
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        key ^= key >>> 33;
        return key;
    }

    private void grow() {
        long[] oldKeys = keys;
        float[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new float[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    /** Distinct pairs counted. */
    int size() {
        return size;
    }

    /** The count of {@code (word, context)}; 0 when never seen together. */
    float get(int word, int context) {
        long key = (long) word << 32 | (context & 0xffffffffL);
        int slot = slot(key);
        return keys[slot] == EMPTY ? 0 : values[slot];
    }

    /** Each pair and its count. */
    void forEach(PairConsumer action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept((int) (keys[i] >>> 32), (int) keys[i], values[i]);
            }
        }
    }

    @FunctionalInterface
    interface PairConsumer {
        void accept(int word, int context, float count);
    }
}
