package dev.wordvec.vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a text's words start and end. Words are separated by whitespace as Python's
 * {@code str.split()} knows it (gensim's {@code LineSentence} splits with it): Java's {@code \s},
 * Unicode's separators (categories Zs, Zl, Zp), U+001C to U+001F and U+0085; the service also
 * splits at punctuation of any script (categories Pc, Pd, Ps, Pe, Pi, Pf, Po). It answers what the
 * regular expression {@code [\s\p{Z}\x1c-\x1f\x85\p{P}]+} would, code point for code point, in
 * about a quarter of its time: training reads millions of words through it.
 */
public final class WordSplitter {

    /** Whitespace and punctuation: how the service splits texts. */
    public static final WordSplitter SERVICE = new WordSplitter(true);
    /** Whitespace alone: how gensim's {@code LineSentence} splits a line. */
    public static final WordSplitter WHITESPACE = new WordSplitter(false);

    private final boolean punctuation;
    /** Whether each ASCII character separates words. */
    private final boolean[] ascii = new boolean[128];

    private WordSplitter(boolean punctuation) {
        this.punctuation = punctuation;
        for (int c = 0; c < ascii.length; c++) {
            ascii[c] = (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= ' ') || (punctuation && isPunctuation(c));
        }
    }

    /** Whether {@code codePoint} separates words. */
    public boolean isSeparator(int codePoint) {
        if (codePoint < ascii.length) {
            return ascii[codePoint];
        }
        if (codePoint == 0x85) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (punctuation && isPunctuation(codePoint));
    }

    /**
     * Whether {@code codePoint} is a punctuation mark: what the service splits at and Python's
     * whitespace does not.
     */
    public static boolean isMark(int codePoint) {
        return SERVICE.isSeparator(codePoint) && !WHITESPACE.isSeparator(codePoint);
    }

    /** Where the first word at or after {@code from} starts, or -1 when none does. */
    public int wordStart(String text, int from) {
        int at = from;
        while (at < text.length()) {
            int codePoint = text.codePointAt(at);
            if (!isSeparator(codePoint)) {
                return at;
            }
            at += Character.charCount(codePoint);
        }
        return -1;
    }

    /** Where the word that starts at {@code start} ends (exclusive). */
    public int wordEnd(String text, int start) {
        int at = start;
        while (at < text.length()) {
            int codePoint = text.codePointAt(at);
            if (isSeparator(codePoint)) {
                return at;
            }
            at += Character.charCount(codePoint);
        }
        return at;
    }

    /** The words of {@code text}, in order; empty for a text with none. */
    public List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int end = 0;
        for (int start; (start = wordStart(text, end)) >= 0; ) {
            end = wordEnd(text, start);
            words.add(text.substring(start, end));
        }
        return words;
    }

    private static boolean isPunctuation(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
