package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalParserTests {

    private static double parse(String text) {
        byte[] bytes = ("  " + text + " ").getBytes(StandardCharsets.US_ASCII);
        return DecimalParser.parse(bytes, 2, 2 + text.length());
    }

    private static void assertSameAsJava(String text) {
        assertThat(Double.doubleToRawLongBits(parse(text))).as(text)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        byte[] line = (text + " 7").getBytes(StandardCharsets.US_ASCII);
        double[] out = new double[1];
        assertThat(DecimalParser.parseToken(line, 0, line.length, out)).as(text).isEqualTo(text.length());
        assertThat(Double.doubleToRawLongBits(out[0])).as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }

    @Test
    void everyFormFilesUseParsesToJavasDouble() {
        for (String text : new String[] {"0", "-0", "-0.0", "1", "+1", "0.418", "-0.41242", "1e5", "1E-5", "-3.5e+2",
                "123456789012345", "1234567890123456789", "0.000000000000000000000000123", "1e22", "1e23", "1e-22",
                "1e-23", "9007199254740993", "3.4028235e38", "1e39", "4.9e-324", "1.", ".5", "-.5e1",
                "0.1000000000000000055511151231257827", "2.2250738585072011e-308"}) {
            assertSameAsJava(text);
        }
    }

    /**
     * gensim reads values with Python's float: its words for the infinities and NaN, in any case, are
     * numbers, and so are digits with single underscores between them.
     */
    @Test
    void pythonsOwnFormsAreNumbers() {
        for (String text : new String[] {"inf", "+inf", "Infinity", "INF", "iNfInItY", "+infinity"}) {
            assertThat(parse(text)).as(text).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(parse("-" + text.replace("+", ""))).as(text).isEqualTo(Double.NEGATIVE_INFINITY);
        }
        for (String text : new String[] {"nan", "NaN", "-nan", "+NAN"}) {
            assertThat(parse(text)).as(text).isNaN();
        }
        assertThat(parse("1_0")).isEqualTo(10);
        assertThat(parse("-1_000.2_5e-0_1")).isEqualTo(-100.025);
    }

    @Test
    void randomValuesAreBitForBitJavas() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double value = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
            assertSameAsJava(Double.toString(value));
            assertSameAsJava(String.format(Locale.ROOT, "%." + random.nextInt(12) + "f", value));
            assertSameAsJava(Float.toString((float) value));
        }
    }

    /**
     * Values as a row holds them, each followed by more of the row, so that the eight bytes after a
     * point are there to read: the path for one digit and one to eight decimals, and the ones it
     * leaves to the general path (no decimals, nine or more, two digits before the point, an
     * exponent), give Java's double.
     */
    @Test
    void valuesInsideARowAreBitForBitJavas() {
        Random random = new Random(12);
        List<String> values = new ArrayList<>(List.of("0.1234567", "-0.1234567", "0.12345678", "0.123456789",
                "-1.12345678", "9.9999999", "-0.0000000", "-0.0", "0.5e3", "1.", "0.1E-2", "5.0000001", "0.0044168"));
        for (int i = 0; i < 50_000; i++) {
            double value = random.nextGaussian() * Math.pow(10, random.nextInt(4) - 2);
            values.add(String.format(Locale.ROOT, "%." + random.nextInt(10) + "f", value));
            values.add(Float.toString((float) value));
        }
        byte[] row = ("word " + String.join(" ", values) + "\n").getBytes(StandardCharsets.US_ASCII);
        double[] out = new double[1];
        int at = 5;
        for (String text : values) {
            int next = DecimalParser.parseToken(row, at, row.length - 1, out);
            assertThat(next).as(text).isEqualTo(at + text.length());
            assertThat(Double.doubleToRawLongBits(out[0])).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
            at = next + 1;
        }
    }

    @Test
    void notNumbersAreRejected() {
        for (String text : new String[] {"", "-", ".", "e5", "1e", "1.2.3", "abc", "1,5", "--1", "-.", "1-",
            // Java reads these (hexadecimal, a type suffix); gensim (Python's float) refuses them.
            "0x1p3", "1.0f", "1.5d", "2F", "-1e5D", "NaNf", "infinite", "in", "nana", "1__0", "_1", "1_", "+-1", "1e+"}) {
            assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(NumberFormatException.class);
            byte[] line = (text + " 7").getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> DecimalParser.parseToken(line, 0, text.length(), new double[1])).as(text)
                    .isInstanceOf(NumberFormatException.class);
        }
    }
}
