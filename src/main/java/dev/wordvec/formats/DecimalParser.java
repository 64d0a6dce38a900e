package dev.wordvec.formats;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Parses the decimal numbers of word-vector files to the double that {@link Double#parseDouble}
 * gives, fast. Most values are plain decimals of at most 15 digits ({@code -0.123456}); for
 * those the digits make an exact long and one division by an exact power of ten rounds
 * correctly (Clinger's fast path), so the result is the correctly rounded double. Anything else
 * (an exponent, a '+', more digits) goes to the fastdoubleparser library, which follows
 * {@code Double.parseDouble}'s syntax and rounding.
 */
final class DecimalParser {

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private DecimalParser() {
    }

    /**
     * Parses the number that starts at {@code start} and ends at the next space (or {@code end}),
     * storing its value in {@code out[0]}; returns the index just after it. Most numbers are read
     * in this one pass over their bytes; others go to fastdoubleparser.
     *
     * @throws NumberFormatException when the bytes are not a number
     */
    static int parseToken(byte[] bytes, int start, int end, double[] out) {
        int i = start;
        boolean negative = i < end && bytes[i] == '-';
        i += negative ? 1 : 0;
        long mantissa = 0;
        int digitsStart = i;
        byte b = 0;
        for (; i < end; i++) {
            b = bytes[i];
            int digit = b - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            mantissa = mantissa * 10 + digit;
        }
        int integerDigits = i - digitsStart;
        int scale = 0;
        if (i < end && b == '.') {
            int fractionStart = ++i;
            for (; i < end; i++) {
                int digit = bytes[i] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                mantissa = mantissa * 10 + digit;
            }
            scale = i - fractionStart;
        }
        // At most 15 digits in all (leading zeros included, so no count of significant ones is
        // needed per digit): the mantissa is exact, and so is the power of ten.
        int digits = integerDigits + scale;
        if (digits > 0 && digits <= 15 && (i == end || bytes[i] == ' ')) {
            double value = scale == 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
            out[0] = negative ? -value : value;
            return i;
        }
        int tokenEnd = i;
        while (tokenEnd < end && bytes[tokenEnd] != ' ') {
            tokenEnd++;
        }
        out[0] = JavaDoubleParser.parseDouble(bytes, start, tokenEnd - start);
        return tokenEnd;
    }

    /** The value of bytes {@code start..end} (no spaces); throws {@link NumberFormatException} when they are not a number. */
    static double parse(byte[] bytes, int start, int end) {
        double[] value = new double[1];
        if (parseToken(bytes, start, end, value) != end) {
            throw new NumberFormatException("a space inside a number");
        }
        return value[0];
    }
}
