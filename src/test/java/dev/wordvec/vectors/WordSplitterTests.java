package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written splitter against the regular expressions that define it. */
class WordSplitterTests {

    private static final Pattern SERVICE = Pattern.compile("[\\s\\p{Z}\\x1c-\\x1f\\x85\\p{P}]+");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\x1c-\\x1f\\x85]+");

    @Test
    void everyCodePointSeparatesAsTheExpressionSays() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String one = Character.toString(c);
            assertThat(WordSplitter.SERVICE.isSeparator(c)).as("U+%04X", c).isEqualTo(SERVICE.matcher(one).matches());
            assertThat(WordSplitter.WHITESPACE.isSeparator(c)).as("U+%04X", c).isEqualTo(WHITESPACE.matcher(one).matches());
            assertThat(WordSplitter.isMark(c)).as("U+%04X", c)
                    .isEqualTo(SERVICE.matcher(one).matches() && !WHITESPACE.matcher(one).matches());
        }
    }

    /** Random texts of letters, digits, separators, astral characters and lone surrogates: the same words. */
    @Test
    void splitsRandomTextsAsTheExpressionDoes() {
        Random random = new Random(Long.getLong("wordvec.fuzz.seed", 20261202L));
        int[] alphabet = {'a', 'Z', '7', ' ', '\t', '\r', 0x1c, 0x85, 0xa0, 0x3000, 0x2028, '.', ',', '\'', '-', '_', '$',
            '+', 0x200b, 0xfeff, 0xe9, 0x6771, 0x1f600, 0x10100, 0x1d7d8, 0xd800, 0xdc00, 0x2019, 0x300c};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = text.toString();
            assertThat(WordSplitter.SERVICE.split(s)).as(s).isEqualTo(expected(SERVICE, s));
            assertThat(WordSplitter.WHITESPACE.split(s)).as(s).isEqualTo(expected(WHITESPACE, s));
        }
        assertThat(WordSplitter.SERVICE.split("Don't stop—the U.S.\u00a0e-mail")).containsExactly("Don", "t", "stop", "the", "U",
                "S", "e", "mail");
        assertThat(WordSplitter.WHITESPACE.split(" Don't stop—the U.S.\u00a0e-mail ")).containsExactly("Don't", "stop—the",
                "U.S.", "e-mail");
        assertThat(WordSplitter.SERVICE.split(" ,. ")).isEmpty();
    }

    private static List<String> expected(Pattern separators, String text) {
        List<String> words = new ArrayList<>();
        for (String word : separators.split(text)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
