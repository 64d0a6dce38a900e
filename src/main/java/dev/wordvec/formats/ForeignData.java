package dev.wordvec.formats;

/**
 * Archives, compressions and stores that hold vectors or text wordvec does not read, told by their
 * first bytes, so that such a file fails saying what it is and what to do, where it would
 * otherwise fail as binary data or bad UTF-8 (a model), or be read as text, headers and all (a
 * tar of a corpus).
 */
final class ForeignData {

    private ForeignData() {
    }

    /**
     * The archive or compression {@code start} (a file's first bytes, after any gzip, bzip2 or xz
     * {@code compression}) shows the file to be, and what to do instead; null when it is none.
     */
    static String archive(byte[] start, String compression) {
        String inside = inside(compression);
        if (startsWith(start, 257, "ustar")) {
            return "a tar archive" + inside + ": wordvec reads a file inside a .zip, not a tar; extract it "
                    + "(tar xf) and give the file";
        }
        if (startsWith(start, 0, "(\u00b5/\u00fd")) {
            return "zstd-compressed data" + inside + ", which wordvec does not read (it reads gzip, bzip2, xz and "
                    + "zip): decompress it first (zstd -d)";
        }
        if (startsWith(start, 0, "7z\u00bc\u00af'\u001c")) {
            return "a 7z archive" + inside + ", which wordvec does not read (it reads zip): extract it (7z x) and "
                    + "give the file";
        }
        return null;
    }

    /**
     * The store of vectors {@code start} (a model file's first bytes) shows the file to be, one that
     * is no model file wordvec reads, and what to do instead; null when it is none.
     */
    static String store(byte[] start, String compression) {
        String inside = inside(compression);
        if (startsWith(start, 0, "SQLite format 3\u0000")) {
            return "an SQLite database" + inside + " (as Magnitude's .magnitude files are), which wordvec does not "
                    + "read: export its vectors as word2vec text or binary";
        }
        if (startsWith(start, 0, "\u0093NUMPY")) {
            return "a NumPy array" + inside + ", which holds no words (gensim's KeyedVectors.save writes one beside "
                    + "the model): give the model file it belongs to";
        }
        return null;
    }

    private static String inside(String compression) {
        return compression == null ? "" : " (" + compression + "-compressed)";
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
