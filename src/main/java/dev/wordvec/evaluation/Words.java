package dev.wordvec.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Splitting and case folding as Python's {@code str.split()} and {@code str.upper()} do them. */
final class Words {

    private Words() {
    }

    /** Unicode white space, as Python's {@code str.isspace} has it (no-break spaces included). */
    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)\\s+");

    /** Python's {@code str.split()} with no argument: runs of white space separate, none at the ends. */
    static String[] split(String line) {
        return WHITE_SPACE.splitAsStream(line).filter(word -> !word.isEmpty()).toArray(String[]::new);
    }

    /** Python's {@code str.strip()} with no argument. */
    static String strip(String text) {
        return text.replaceAll("(?U)^\\s+|\\s+$", "");
    }

    /**
     * The next line of a set, or null at its end; a set that is not UTF-8 fails naming where
     * (the decoder reads ahead, so the bad bytes are at or after the line named).
     */
    static String readLine(BufferedReader lines, String set, long lineNumber) throws IOException {
        try {
            return lines.readLine();
        } catch (CharacterCodingException e) {
            throw new EvaluationSetException(set, lineNumber, "not valid UTF-8 text (at or after this line)");
        }
    }

    /** Python's {@code str.upper()}: full Unicode upper case, whatever the machine's locale. */
    static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }
}
