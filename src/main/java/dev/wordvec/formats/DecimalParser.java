package dev.wordvec.formats;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Parses the decimal numbers of word-vector files, in the syntax gensim reads them in (Python's
 * {@code float}), to the correctly rounded double, fast. Most values are plain decimals of at most
 * 15 digits ({@code -0.123456}); for those the digits make an exact long and one division by an
 * exact power of ten rounds correctly (Clinger's fast path). Anything else (an exponent, a '+',
 * more digits) goes to the fastdoubleparser library, which rounds as {@code Double.parseDouble}
 * does, after {@link #parseOther} has checked it is a number in Python's syntax ({@link PythonFloat}):
 * Java's own extras (a hexadecimal float, a trailing {@code f} or {@code d}), which gensim refuses,
 * are not numbers here either, and Python's own ({@code inf}, {@code nan}, '_' between digits),
 * which Java does not read, are.
 */
final class DecimalParser {

    private static final double[] POWERS_OF_TEN = new double[23];
    /**
     * A value's sign, by whether it starts with '-': in word vectors that is a coin toss, which a
     * branch would guess wrong half the time; a product with 1 or -1 is exact (and keeps -0).
     */
    private static final double[] SIGNS = {1, -1};
    private static final long[] LONG_POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};
    /** Eight bytes of the array as one long, the first byte lowest. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
     * in one pass over their bytes ({@link #parsePlain}); others go to fastdoubleparser.
     *
     * @throws NumberFormatException when the bytes are not a number
     */
    static int parseToken(byte[] bytes, int start, int end, double[] out) {
        int i = parsePlain(bytes, start, end, out);
        if (i >= 0 && (i == end || bytes[i] == ' ')) {
            return i;
        }
        int tokenEnd = Math.max(i, start);
        while (tokenEnd < end && bytes[tokenEnd] != ' ') {
            tokenEnd++;
        }
        out[0] = parseOther(bytes, start, tokenEnd);
        return tokenEnd;
    }

    /**
     * The value of bytes {@code start..end} in Python's {@code float} syntax, as gensim reads a text
     * file's values ({@link PythonFloat}). An ASCII decimal (a sign, digits with at most one point,
     * an exponent) is checked here and rounded by fastdoubleparser; anything else ({@code inf},
     * {@code nan}, white space, '_' between digits, other scripts' digits) goes to the slower
     * {@link PythonFloat}.
     *
     * @throws NumberFormatException when the bytes are not such a number
     */
    static double parseOther(byte[] bytes, int start, int end) {
        int i = start < end && (bytes[start] == '-' || bytes[start] == '+') ? start + 1 : start;
        int digits = 0;
        boolean point = false;
        for (; i < end && (isDigit(bytes[i]) || (bytes[i] == '.' && !point)); i++) {
            point |= bytes[i] == '.';
            digits += bytes[i] == '.' ? 0 : 1;
        }
        if (digits > 0 && i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i += i + 1 < end && (bytes[i + 1] == '-' || bytes[i + 1] == '+') ? 2 : 1;
            int exponentStart = i;
            while (i < end && isDigit(bytes[i])) {
                i++;
            }
            digits = i > exponentStart ? digits : 0;
        }
        if (digits > 0 && i == end) {
            return JavaDoubleParser.parseDouble(bytes, start, end - start);
        }
        Double value = PythonFloat.parse(new String(bytes, start, end - start, StandardCharsets.UTF_8));
        if (value == null) {
            throw new NumberFormatException("not a number in Python's syntax");
        }
        return value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * Parses a plain decimal at {@code start} (an optional '-', then at most 15 digits in all with
     * an optional point among or after them), storing its value in {@code out[0]}, and returns the
     * index of the first byte after it, which the caller checks is where the number should end.
     * Returns -1 when the bytes there do not start such a number (an exponent, a '+' or more
     * digits are read by {@link #parseToken}'s slower path).
     */
    static int parsePlain(byte[] bytes, int start, int end, double[] out) {
        int i = start;
        int minus = i < end && bytes[i] == '-' ? 1 : 0;
        i += minus;
        // Most values of word-vector files are one digit, a point and 1 to 8 decimals
        // ("-0.41242", gensim's "0.23979388"): read with two bytes and one eight-byte read,
        // without the loops below (a fifth less time a value). Eight bytes must be there to
        // read, and a ninth after eight decimals: the next value's or the line's, never beyond end.
        if (i + 10 <= end) {
            int units = bytes[i] - '0';
            if (units >= 0 && units <= 9 && bytes[i + 1] == '.') {
                long digitsOrNot = lessZeros(bytes, i + 2);
                int decimals = leadingDigits(digitsOrNot);
                boolean ninthDecimal = decimals == 8 && i + 10 < end && bytes[i + 10] >= '0' && bytes[i + 10] <= '9';
                if (decimals > 0 && !ninthDecimal) {
                    out[0] = appendDigits(units, digitsOrNot, decimals) / POWERS_OF_TEN[decimals] * SIGNS[minus];
                    return i + 2 + decimals;
                }
            }
        }
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
            // Eight bytes at a time while the array has them: word-vector files print 5 to 9
            // decimals, and this takes them in a few multiplications instead of one per digit.
            while (i + 8 <= bytes.length) {
                long digitsOrNot = lessZeros(bytes, i);
                int n = Math.min(leadingDigits(digitsOrNot), end - i);
                if (n == 0) {
                    break;
                }
                mantissa = appendDigits(mantissa, digitsOrNot, n);
                i += n;
                if (n < 8) {
                    break;
                }
            }
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
        if (digits == 0 || digits > 15) {
            return -1;
        }
        double value = scale == 0 ? mantissa : mantissa / POWERS_OF_TEN[scale];
        out[0] = value * SIGNS[minus];
        return i;
    }

    /** The eight bytes at {@code at}, '0' taken from each: a digit's byte becomes its value (0 to 9). */
    private static long lessZeros(byte[] bytes, int at) {
        return (long) EIGHT_BYTES.get(bytes, at) - 0x3030303030303030L;
    }

    /** How many of {@link #lessZeros}'s eight bytes, from the first, were digits (8: all of them). */
    private static int leadingDigits(long digitsOrNot) {
        long nonDigits = (digitsOrNot | (digitsOrNot + 0x7676767676767676L)) & 0x8080808080808080L;
        return Long.numberOfTrailingZeros(nonDigits) >>> 3;
    }

    /** {@code mantissa} with the first {@code n} (1 to 8) digits of {@link #lessZeros}'s bytes written after it. */
    private static long appendDigits(long mantissa, long digitsOrNot, int n) {
        return mantissa * LONG_POWERS_OF_TEN[n] + eightDigits(digitsOrNot << ((8 - n) << 3));
    }

    /**
     * The value of eight digits, one a byte (0 to 9, the first digit in the lowest byte); leading
     * zero bytes are leading zeros. Pairs, then fours, then the eight, each step one multiply.
     */
    private static long eightDigits(long digits) {
        long pairs = digits * 10 + (digits >>> 8);
        return (((pairs & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
                + (((pairs >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32)))) >>> 32;
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
