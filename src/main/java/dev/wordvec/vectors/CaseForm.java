package dev.wordvec.vectors;

import java.util.Locale;

/**
 * A spelling of a word to try when the word as written is not in the vocabulary. Models differ:
 * GloVe is all lower-case, GoogleNews keeps case ({@code Paris}, {@code New_York}), so the forms
 * and their order are configured per model.
 */
public enum CaseForm {

    /** The word as written. */
    EXACT,
    /** All lower-case: {@code PARIS} becomes {@code paris}. */
    LOWER,
    /** Each part (split at spaces and {@code _}) lower-case with a capital first letter: {@code new_york} becomes {@code New_York}. */
    CAPITALIZED;

    /** {@code word} in this form. */
    public String apply(String word) {
        return switch (this) {
            case EXACT -> word;
            case LOWER -> word.toLowerCase(Locale.ROOT);
            case CAPITALIZED -> capitalize(word);
        };
    }

    private static String capitalize(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean partStart = true;
        for (int i = 0; i < lower.length(); ) {
            int codePoint = lower.codePointAt(i);
            out.appendCodePoint(partStart ? Character.toTitleCase(codePoint) : codePoint);
            partStart = codePoint == ' ' || codePoint == '_';
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }
}
