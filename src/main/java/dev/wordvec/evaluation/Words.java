package dev.wordvec.evaluation;

import dev.wordvec.formats.TextLines;
import java.io.IOException;
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

    /** The next line of a set, or null at its end; a line that cannot be read fails naming the set and line. */
    static String next(TextLines lines, String set) throws IOException {
        try {
            return lines.next();
        } catch (TextLines.BadLine e) {
            throw new EvaluationSetException(set, e.line(), e.reason());
        }
    }

    /** Python's {@code str.upper()}: full Unicode upper case, whatever the machine's locale. */
    static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }
}
