package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
                "0.1000000000000000055511151231257827", "2.2250738585072011e-308", "1.0f", "0x1p3", "NaN",
                "Infinity", "-Infinity"}) {
            assertSameAsJava(text);
        }
    }

    @Test
    void randomValuesAreBitForBitJavas() {
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double value = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
            assertSameAsJava(Double.toString(value));
            assertSameAsJava(String.format(java.util.Locale.ROOT, "%." + random.nextInt(12) + "f", value));
            assertSameAsJava(Float.toString((float) value));
        }
    }

    @Test
    void notNumbersAreRejected() {
        for (String text : new String[] {"", "-", ".", "e5", "1e", "1.2.3", "abc", "1,5", "--1", "-.", "1-"}) {
            assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(NumberFormatException.class);
            byte[] line = (text + " 7").getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> DecimalParser.parseToken(line, 0, text.length(), new double[1])).as(text)
                    .isInstanceOf(NumberFormatException.class);
        }
    }
}
