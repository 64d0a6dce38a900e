package dev.wordvec.vectors;

import java.util.List;

/**
 * The words of a model in file order (most frequent first in GloVe, word2vec and fastText
 * files), and the row of each. Immutable once built; safe to share between threads.
 *
 * <p>The index is an open-addressing table of rows, not a {@code HashMap<String, Integer>}: a
 * map spends about 50 bytes a word on entries and boxed rows (150 MB of heap for GoogleNews'
 * 3 million words) and a start-up builds it 400,000 allocations at a time; the table is one
 * {@code int[]} of 2 to 4 slots a word, built without allocating.
 */
public final class Vocabulary {

    /** The largest table: 2^30 slots, so at most that many words. */
    private static final int MAX_TABLE_BITS = 30;

    private final String[] words;
    /** Row + 1 of the word whose probe sequence passes through the slot; 0 for an empty slot. */
    private final int[] slots;
    private final int shift;

    /** Builds a vocabulary from distinct words; row {@code i} belongs to {@code words.get(i)}. */
    public Vocabulary(List<String> words) {
        this(words.toArray(String[]::new));
    }

    /**
     * Builds a vocabulary from distinct words, keeping {@code words} (not a copy): the caller
     * must not change it afterwards.
     */
    public Vocabulary(String[] words) {
        // At most half full, so that a probe ends after about two slots on average.
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(2L * Math.max(1, words.length) - 1));
        if (bits > MAX_TABLE_BITS) {
            throw new IllegalArgumentException(words.length + " words: more than one vocabulary can hold");
        }
        this.words = words;
        this.slots = new int[1 << bits];
        this.shift = 32 - bits;
        for (int row = 0; row < words.length; row++) {
            int slot = slotOf(words[row]);
            if (slots[slot] != 0) {
                throw new IllegalArgumentException("duplicate word '" + words[row] + "' at rows " + (slots[slot] - 1)
                        + " and " + row);
            }
            slots[slot] = row + 1;
        }
    }

    public int size() {
        return words.length;
    }

    /** The word at {@code row}. */
    public String word(int row) {
        return words[row];
    }

    /** The row of {@code word} (exact match), or -1 when the model does not know it. */
    public int rowOf(String word) {
        return slots[slotOf(word)] - 1;
    }

    public boolean contains(String word) {
        return rowOf(word) >= 0;
    }

    /** The slot holding {@code word}, or the empty slot where it would go (linear probing). */
    private int slotOf(String word) {
        int mask = slots.length - 1;
        // Fibonacci hashing: takes the top bits of the product, so that hash codes that differ
        // only in their high bits (common for short strings) still spread over the table.
        int slot = (word.hashCode() * 0x9E3779B9) >>> shift;
        while (slots[slot] != 0 && !words[slots[slot] - 1].equals(word)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
