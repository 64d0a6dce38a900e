package dev.wordvec.formats;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code float()} of a string, which gensim calls on a text model's values and a word-pair
 * set's scores: surrounding white space, single underscores between digits (PEP 515) and any
 * Unicode decimal digits allowed; {@code inf}, {@code infinity} and {@code nan} in any case, signed
 * or not; nothing else (no hexadecimal, no Java {@code f} or {@code d} suffix). The value is the
 * correctly rounded double, as Python's.
 */
public final class PythonFloat {

    /** A digit run of Python's float literal: any decimal digits, single underscores between them. */
    private static final String DIGITS = "\\p{Nd}(?:_?\\p{Nd})*";

    /** Python's float: white space, a sign, then a decimal literal (group 2) or a special word (group 3). */
    private static final Pattern FLOAT = Pattern.compile("(?U)\\s*([+-]?)(?:((?:" + DIGITS + "(?:\\.(?:" + DIGITS
            + ")?)?|\\." + DIGITS + ")(?:[eE][+-]?" + DIGITS + ")?)|((?i:inf|infinity|nan)))\\s*");

    private PythonFloat() {
    }

    /** The value of {@code text} as Python's {@code float()} reads it, or null where Python raises an error. */
    public static Double parse(String text) {
        Matcher number = FLOAT.matcher(text);
        if (!number.matches()) {
            return null;
        }
        boolean negative = number.group(1).equals("-");
        if (number.group(3) != null) {
            String word = number.group(3).toLowerCase(Locale.ROOT);
            return word.equals("nan") ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        StringBuilder ascii = new StringBuilder(number.group(1));
        number.group(2).codePoints().filter(c -> c != '_').forEach(c -> ascii.append(
                Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : (char) c));
        return Double.parseDouble(ascii.toString());
    }
}
