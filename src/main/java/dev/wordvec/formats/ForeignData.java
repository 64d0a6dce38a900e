package dev.wordvec.formats;

import java.util.List;

/**
 * Archives, compressions and stores that hold vectors or text wordvec does not read, told by their
 * first bytes, so that such a file fails saying what it is and what to do, where it would
 * otherwise fail as binary data or bad UTF-8 (a model), or be read as text, headers and all (a
 * tar of a corpus).
 */
final class ForeignData {

    /** A kind of file, told by {@code magic} (one byte a character) at byte {@code at}: what it is, and what to do. */
    private record Signature(int at, String magic, String what, String advice) {
    }

    private static final List<Signature> ARCHIVES = List.of(
            new Signature(257, "ustar", "a tar archive",
                    ": wordvec reads a file inside a .zip, not a tar; extract it (tar xf) and give the file"),
            new Signature(0, "(\u00b5/\u00fd", "zstd-compressed data", ", which wordvec does not read (it reads gzip, "
                    + "bzip2, xz and zip): decompress it first (zstd -d)"),
            new Signature(0, "7z\u00bc\u00af'\u001c", "a 7z archive",
                    ", which wordvec does not read (it reads zip): extract it (7z x) and give the file"));

    private static final List<Signature> STORES = List.of(
            new Signature(0, "SQLite format 3\u0000", "an SQLite database", " (as Magnitude's .magnitude files are), "
                    + "which wordvec does not read: export its vectors as word2vec text or binary"),
            new Signature(0, "\u0093NUMPY", "a NumPy array", ", which holds no words (gensim's KeyedVectors.save "
                    + "writes one beside the model): give the model file it belongs to"));

    private ForeignData() {
    }

    /**
     * The archive or compression {@code start} (a file's first bytes, after any gzip, bzip2 or xz
     * {@code compression}) shows the file to be, and what to do instead; null when it is none.
     */
    static String archive(byte[] start, String compression) {
        return told(ARCHIVES, start, compression);
    }

    /**
     * The store of vectors {@code start} (a model file's first bytes) shows the file to be, one that
     * is no model file wordvec reads, and what to do instead; null when it is none.
     */
    static String store(byte[] start, String compression) {
        return told(STORES, start, compression);
    }

    private static String told(List<Signature> signatures, byte[] start, String compression) {
        for (Signature signature : signatures) {
            if (startsWith(start, signature.at(), signature.magic())) {
                return signature.what() + (compression == null ? "" : " (" + compression + "-compressed)")
                        + signature.advice();
            }
        }
        return null;
    }

    /** {@code bytes} hold {@code text}'s characters (each one byte, ISO-8859-1) at {@code from}. */
    private static boolean startsWith(byte[] bytes, int from, String text) {
        if (bytes.length < from + text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if ((bytes[from + i] & 0xff) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
