package dev.wordvec.formats;

/** Token boundaries of one line, split on spaces; trailing spaces, tabs and CR are not part of it. */
final class LineTokens {
    int[] start = new int[512];
    int[] end = new int[512];
    int count;

    /** Said when a line is one token with tabs in it: tab-separated files are common, and the cause is not obvious. */
    private static final String TAB_HINT = " (its fields are separated by tabs; GloVe, word2vec and fastText text files "
            + "separate them with spaces)";

    /** {@link #TAB_HINT} when {@code bytes[from, to)} holds a tab, else nothing. */
    static String tabHint(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\t') {
                return TAB_HINT;
            }
        }
        return "";
    }

    void split(byte[] bytes, int from, int to) {
        while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\r' || bytes[to - 1] == '\t')) {
            to--;
        }
        count = 0;
        int i = from;
        while (i < to) {
            while (i < to && bytes[i] == ' ') {
                i++;
            }
            if (i == to) {
                break;
            }
            int tokenStart = i;
            while (i < to && bytes[i] != ' ') {
                i++;
            }
            if (count == start.length) {
                start = java.util.Arrays.copyOf(start, count * 2);
                end = java.util.Arrays.copyOf(end, count * 2);
            }
            start[count] = tokenStart;
            end[count] = i;
            count++;
        }
    }
}
