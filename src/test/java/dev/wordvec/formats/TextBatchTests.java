package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A batch of a text model's lines reads every line as the plain rules say: trailing spaces, tabs
 * and a CR are not part of the line, values are separated by runs of spaces, are numbers in
 * Python's syntax (as gensim reads them) and are what {@link Double#parseDouble} makes of them,
 * rounded to float32. The common line takes a one-pass path and anything unusual a careful one;
 * random lines of both kinds, and of the kinds between, are checked here against those rules
 * written out plainly ({@link #expected}).
 */
class TextBatchTests {

    private static final String[] WORDS = {"the", "Straße", "x\ty", "-1", "1e5", "a.b", "€", "\u0000"};
    private static final String[] ODD_VALUES = {"1e-05", "-3.5E+2", "+0.5", "1.", ".5", "-0", "-0.0", "00.125",
        "1234567890123456", "0.12345678901234567", "NaN", "Infinity", "1e39", "-1e-50", "1.0f", "0x1p3", "abc", "1,5",
        "inf", "-nan", "+Infinity", "1.5d", "1_0", "1__0", "\u0663", "infinite", "-", ".", "1e", "--1", "0.5\t", "0.5\t0.25",
        "9007199254740993", "3.4028235e38", "3.4028236e38"};

    /** The rows a batch of these lines holds, or the line of its first error. */
    private record Rows(List<String> words, List<float[]> values, int errorLine) {
    }

    @Test
    void randomLinesReadAsThePlainRulesSay() {
        Random random = new Random(17);
        for (int round = 0; round < 20_000; round++) {
            int dimension = 1 + random.nextInt(round % 10 == 0 ? 40 : 4);
            List<String> lines = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int l = 0; l < count; l++) {
                lines.add(randomLine(random, dimension));
            }
            StringBuilder text = new StringBuilder();
            for (int l = 0; l < count; l++) {
                text.append(lines.get(l));
                if (l < count - 1 || random.nextBoolean()) {
                    text.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            TextBatch batch = new TextBatch("test.txt", bytes, bytes.length, dimension, UnicodeErrors.STRICT).call();
            Rows want = expected(lines, dimension);
            String what = "round " + round + ": " + lines.toString().replace("\t", "\\t").replace("\r", "\\r");
            assertThat(batch.errorLine).as(what).isEqualTo(want.errorLine);
            assertThat(batch.rows).as(what).isEqualTo(want.words.size());
            for (int r = 0; r < batch.rows; r++) {
                assertThat(batch.words[r]).as(what).isEqualTo(want.words.get(r));
                for (int v = 0; v < dimension; v++) {
                    assertThat(Float.floatToRawIntBits(batch.values[r * dimension + v])).as(what + " row " + r + " value " + v)
                            .isEqualTo(Float.floatToRawIntBits(want.values.get(r)[v]));
                }
            }
        }
    }

    /** Mostly well-formed rows as files print them, and now and then a line with something odd in it. */
    private static String randomLine(Random random, int dimension) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return random.nextBoolean() ? "" : "  \t";
        }
        StringBuilder line = new StringBuilder();
        if (kind == 1) {
            line.append(" ".repeat(1 + random.nextInt(2)));
        }
        line.append(kind == 2 ? "new  york" : WORDS[random.nextInt(WORDS.length)]);
        int values = kind == 3 ? dimension + random.nextInt(3) - 1 : dimension;
        for (int v = 0; v < values; v++) {
            line.append(kind == 4 && random.nextInt(4) == 0 ? "  " : " ");
            if (kind == 5 && random.nextInt(3) == 0) {
                line.append(ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
            } else {
                double value = random.nextGaussian() * Math.pow(10, random.nextInt(3) - 1);
                line.append(switch (random.nextInt(3)) {
                    case 0 -> String.format(java.util.Locale.ROOT, "%." + (1 + random.nextInt(9)) + "f", value);
                    case 1 -> Float.toString((float) value);
                    default -> Double.toString(value);
                });
            }
        }
        if (kind == 6) {
            line.append(new String[] {" ", "  ", "\t", " \t", "\r"}[random.nextInt(5)]);
        }
        return line.toString();
    }

    /** What a reader must make of these lines, by the rules written out one at a time. */
    private static Rows expected(List<String> lines, int dimension) {
        List<String> words = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        int blank = -1;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int end = line.length();
            while (end > 0 && " \r\t".indexOf(line.charAt(end - 1)) >= 0) {
                end--;
            }
            int start = 0;
            while (start < end && line.charAt(start) == ' ') {
                start++;
            }
            if (start == end) {
                blank = blank < 0 ? n : blank;
                continue;
            }
            if (blank >= 0) {
                return new Rows(words, values, blank);
            }
            String body = line.substring(start, end);
            String[] tokens = body.split(" +");
            int wordTokens = tokens.length - dimension;
            boolean numberInWord = false;
            for (int t = 1; t < wordTokens; t++) {
                numberInWord |= number(tokens[t]) != null;
            }
            if (wordTokens < 1 || (wordTokens > 1 && numberInWord)) {
                return new Rows(words, values, n);
            }
            float[] row = new float[dimension];
            for (int v = 0; v < dimension; v++) {
                Double value = number(tokens[wordTokens + v]);
                if (value == null || !Float.isFinite(value.floatValue())) {
                    return new Rows(words, values, n);
                }
                row[v] = value.floatValue();
            }
            int wordEnd = 0;
            for (int t = 0; t < wordTokens; t++) {
                wordEnd = body.indexOf(tokens[t], wordEnd) + tokens[t].length();
            }
            words.add(body.substring(0, wordEnd));
            values.add(row);
        }
        return new Rows(words, values, -1);
    }

    /** A number as Python's {@code float} reads it (the regular expression, not the reader's byte-level checks). */
    private static Double number(String token) {
        return PythonFloat.parse(token);
    }
}
