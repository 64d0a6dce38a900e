package dev.wordvec.vectors;

import java.util.Comparator;

/**
 * Strings in the order Python sorts them, by code point. Java's {@code compareTo} compares UTF-16
 * units, which puts U+10000 and above (surrogate pairs) before U+E000 to U+FFFF; where gensim
 * breaks a tie by sorting words or names, we must break it the same way.
 */
public final class CodePointOrder {

    public static final Comparator<String> COMPARATOR = CodePointOrder::compare;

    private CodePointOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
