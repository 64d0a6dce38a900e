package dev.wordvec.pickle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A Python {@code set} of strings written as a pickle of protocol 2, which Python 2 and 3 both
 * read ({@code pickle.loads}): word2vec-api's {@code model_word_set} hands its vocabulary out so.
 * Protocol 2 pickles a set as Python does, by its reduction: {@code __builtin__.set} called with
 * one list, whose items are UTF-8 strings (Python 3 maps {@code __builtin__} to {@code builtins}).
 * Written as a stream, so a vocabulary of millions never sits in memory twice.
 */
public final class PickledSet {

    /** Items per {@code APPENDS}, as Python's pickler batches them. */
    private static final int BATCH = 1000;

    private PickledSet() {
    }

    /**
     * Writes the set of {@code count} strings, each given as its UTF-8 bytes by {@code utf8}.
     * Duplicates are Python's business: the set keeps one.
     */
    public static void write(int count, IntFunction<byte[]> utf8, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0x80, 2}); // PROTO 2
        out.write("c__builtin__\nset\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        out.write(']'); // EMPTY_LIST
        for (int start = 0; start < count; start += BATCH) {
            out.write('('); // MARK
            for (int i = start; i < Math.min(count, start + BATCH); i++) {
                byte[] word = utf8.apply(i);
                out.write('X'); // BINUNICODE: a 4-byte little-endian length, then UTF-8
                out.write(new byte[] {(byte) word.length, (byte) (word.length >>> 8), (byte) (word.length >>> 16),
                        (byte) (word.length >>> 24)});
                out.write(word);
            }
            out.write('e'); // APPENDS
        }
        out.write(0x85); // TUPLE1: the call's arguments, (list,)
        out.write('R'); // REDUCE: set(list)
        out.write('.'); // STOP
    }
}
