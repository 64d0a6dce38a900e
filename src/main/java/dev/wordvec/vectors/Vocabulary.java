package dev.wordvec.vectors;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.List;

/**
 * The words of a model in file order (most frequent first in GloVe, word2vec and fastText
 * files), and the row of each. Immutable once built; safe to share between threads.
 *
 * <p>Held as three arrays rather than a {@code String} per word and a
 * {@code HashMap<String, Integer>}: every word's UTF-8 bytes back to back, where each starts,
 * and an open-addressing table of rows. A map and its strings cost about 100 bytes a word on the
 * heap (300 MB for GoogleNews' 3 million words), and the young collections at start-up spend
 * hundreds of milliseconds copying millions of small objects; the arrays cost about 25 bytes a
 * word and copy in one move. A word's {@code String} is made when it is asked for.
 */
public final class Vocabulary {

    /** The largest table: 2^30 slots, so at most half as many words. */
    private static final int MAX_TABLE_BITS = 30;

    /** Every word's UTF-8 bytes, back to back, in row order. */
    private final byte[] bytes;
    /** Where row r's bytes start; {@code starts[r + 1]} is where they end. */
    private final int[] starts;
    /** Row + 1 of the word whose probe sequence passes through the slot; 0 for an empty slot. */
    private final int[] slots;
    private final int shift;

    /** Builds a vocabulary from distinct words; row {@code i} belongs to {@code words.get(i)}. */
    public Vocabulary(List<String> words) {
        this(encode(words));
    }

    private Vocabulary(Utf8Words words) {
        this.bytes = words.bytes();
        this.starts = words.starts();
        int size = starts.length - 1;
        // At most half full, so that a probe ends after about two slots on average.
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(2L * Math.max(1, size) - 1));
        if (bits > MAX_TABLE_BITS) {
            throw new IllegalArgumentException(size + " words: more than one vocabulary can hold");
        }
        this.slots = new int[1 << bits];
        this.shift = 32 - bits;
        for (int row = 0; row < size; row++) {
            int slot = slotOf(bytes, starts[row], starts[row + 1]);
            if (slots[slot] != 0) {
                throw new IllegalArgumentException("duplicate word '" + word(row) + "' at rows " + (slots[slot] - 1)
                        + " and " + row);
            }
            slots[slot] = row + 1;
        }
    }

    /**
     * A vocabulary over words already encoded: row {@code r} is {@code bytes[starts[r]]} up to
     * {@code bytes[starts[r + 1]]}, which must be UTF-8 (not checked here). Keeps both arrays,
     * not copies: the caller must not change them afterwards.
     */
    public static Vocabulary ofUtf8(byte[] bytes, int[] starts) {
        return new Vocabulary(new Utf8Words(bytes, starts));
    }

    public int size() {
        return starts.length - 1;
    }

    /** The word at {@code row} (a new string each time). */
    public String word(int row) {
        return new String(bytes, starts[row], starts[row + 1] - starts[row], StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes of the word at {@code row} (a copy), without making its string. */
    public byte[] utf8(int row) {
        return Arrays.copyOfRange(bytes, starts[row], starts[row + 1]);
    }

    /** The first {@code count} words, in the same rows. */
    public Vocabulary first(int count) {
        return ofUtf8(Arrays.copyOf(bytes, starts[count]), Arrays.copyOf(starts, count + 1));
    }

    /** Whether the word at {@code row} contains the ASCII character {@code c}, without making its string. */
    public boolean wordContains(int row, char c) {
        if (c > 0x7f) {
            throw new IllegalArgumentException("not an ASCII character: " + c);
        }
        for (int i = starts[row]; i < starts[row + 1]; i++) {
            if (bytes[i] == c) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether any code point of the word at {@code row} passes {@code test}, decoded from its UTF-8
     * bytes without making its string (a scan of every word stays cheap for millions of them).
     */
    public boolean anyCodePoint(int row, IntPredicate test) {
        int end = starts[row + 1];
        for (int i = starts[row]; i < end; ) {
            int b = bytes[i] & 0xff;
            int length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
            int codePoint = length == 1 ? b : b & (0x7f >> length);
            for (int k = 1; k < length && i + k < end; k++) {
                codePoint = codePoint << 6 | bytes[i + k] & 0x3f;
            }
            if (test.test(codePoint)) {
                return true;
            }
            i += length;
        }
        return false;
    }

    /** The row of {@code word} (exact match), or -1 when the model does not know it. */
    public int rowOf(String word) {
        byte[] key = word.getBytes(StandardCharsets.UTF_8);
        if (!encodedExactly(word, key)) {
            return -1;
        }
        return slots[slotOf(key, 0, key.length)] - 1;
    }

    /**
     * The slot holding the word {@code key[from..to)}, or the empty slot where it would go
     * (linear probing).
     */
    private int slotOf(byte[] key, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + key[i];
        }
        int mask = slots.length - 1;
        // Fibonacci hashing: takes the top bits of the product, so that hashes that differ only
        // in their high bits still spread over the table.
        int slot = (hash * 0x9E3779B9) >>> shift;
        while (slots[slot] != 0) {
            int row = slots[slot] - 1;
            if (Arrays.equals(bytes, starts[row], starts[row + 1], key, from, to)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * False when {@code word} holds a lone surrogate, which UTF-8 cannot encode: {@code getBytes}
     * writes {@code ?} for it, and the word must not then match a vocabulary word with a real {@code ?}.
     */
    private static boolean encodedExactly(String word, byte[] utf8) {
        int questionMarks = 0;
        for (byte b : utf8) {
            if (b == '?') {
                questionMarks++;
            }
        }
        return questionMarks == 0 || questionMarks == word.chars().filter(c -> c == '?').count();
    }

    private static Utf8Words encode(List<String> words) {
        int[] starts = new int[words.size() + 1];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(16, Math.min(words.size(), 1 << 27) * 8));
        for (int row = 0; row < words.size(); row++) {
            byte[] word = words.get(row).getBytes(StandardCharsets.UTF_8);
            if (word.length > Integer.MAX_VALUE - 16 - bytes.size()) {
                throw new IllegalArgumentException("the words take more than 2 GB: more than one vocabulary can hold");
            }
            bytes.writeBytes(word);
            starts[row + 1] = bytes.size();
        }
        return new Utf8Words(bytes.toByteArray(), starts);
    }

    private record Utf8Words(byte[] bytes, int[] starts) {
    }
}
