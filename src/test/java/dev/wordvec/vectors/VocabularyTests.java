package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyTests {

    @Test
    void everyWordFindsItsRowAndNothingElseIsFound() {
        // Many words, including strings with equal hash codes ("Aa"/"BB" and their concatenations)
        // so that probe sequences collide.
        Random random = new Random(7);
        Set<String> distinct = new HashSet<>(List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB", "é", "naïve", "東京"));
        while (distinct.size() < 200_000) {
            distinct.add(Long.toString(random.nextLong() >>> random.nextInt(60), 36));
        }
        List<String> words = new ArrayList<>(distinct);
        Vocabulary vocabulary = new Vocabulary(words);
        assertThat(vocabulary.size()).isEqualTo(words.size());
        for (int row = 0; row < words.size(); row++) {
            assertThat(vocabulary.rowOf(words.get(row))).isEqualTo(row);
            assertThat(vocabulary.word(row)).isEqualTo(words.get(row));
        }
        for (int i = 0; i < 100_000; i++) {
            String other = "x-" + Long.toString(random.nextLong(), 36);
            assertThat(vocabulary.rowOf(other)).isEqualTo(-1);
            assertThat(vocabulary.rowOf(other)).isNegative();
        }
        assertThat(vocabulary.rowOf("AaBB")).isEqualTo(words.indexOf("AaBB"));
        assertThat(vocabulary.rowOf("AaB")).isEqualTo(-1);
    }

    @Test
    void smallAndEmptyVocabularies() {
        Vocabulary empty = new Vocabulary(List.of());
        assertThat(empty.size()).isZero();
        assertThat(empty.rowOf("the")).isEqualTo(-1);
        Vocabulary one = new Vocabulary(List.of("the"));
        assertThat(one.rowOf("the")).isZero();
        assertThat(one.rowOf("")).isEqualTo(-1);
        Vocabulary full = new Vocabulary(List.of("a", "b")); // a table of 4 slots, half full
        assertThat(full.rowOf("b")).isEqualTo(1);
        assertThat(full.rowOf("c")).isEqualTo(-1);
    }

    @Test
    void wordsAreMatchedByTheirExactText() {
        Vocabulary vocabulary = new Vocabulary(List.of("?", "a?b", "naïve", "東京", "New_York"));
        assertThat(vocabulary.rowOf("?")).isZero();
        assertThat(vocabulary.rowOf("a?b")).isEqualTo(1);
        // A lone surrogate cannot be UTF-8; encoding would write '?' for it, which must not match.
        assertThat(vocabulary.rowOf("\uD800")).isEqualTo(-1);
        assertThat(vocabulary.rowOf("a\uDC00b")).isEqualTo(-1);
        assertThat(vocabulary.rowOf("naïve")).isEqualTo(2);
        assertThat(vocabulary.rowOf("naive")).isEqualTo(-1);
        assertThat(vocabulary.word(3)).isEqualTo("東京");
        assertThat(vocabulary.wordContains(4, '_')).isTrue();
        assertThat(vocabulary.wordContains(2, '_')).isFalse();
    }

    @Test
    void aVocabularyCanBeBuiltFromEncodedWords() {
        byte[] bytes = "theofnaïve".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Vocabulary vocabulary = Vocabulary.ofUtf8(bytes, new int[] {0, 3, 5, bytes.length});
        assertThat(vocabulary.size()).isEqualTo(3);
        assertThat(vocabulary.word(2)).isEqualTo("naïve");
        assertThat(vocabulary.rowOf("of")).isEqualTo(1);
        assertThat(vocabulary.rowOf("theof")).isEqualTo(-1);
        assertThat(vocabulary.utf8(2)).isEqualTo("naïve".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Vocabulary first = vocabulary.first(2);
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.rowOf("of")).isEqualTo(1);
        assertThat(first.rowOf("naïve")).isEqualTo(-1);
    }

    /** Each word's code points, read from its UTF-8 bytes by {@link Vocabulary#anyCodePoint}, are its string's. */
    @Test
    void codePointsAreReadFromTheBytes() {
        List<String> words = List.of("a", "é-mail", "東京", "😀x", "a—b", "\u0085\u07ff\u0800\uffff", "x\udbff\udfff");
        Vocabulary vocabulary = new Vocabulary(words);
        for (int row = 0; row < words.size(); row++) {
            List<Integer> seen = new ArrayList<>();
            assertThat(vocabulary.anyCodePoint(row, c -> !seen.add(c))).isFalse();
            assertThat(seen).as(words.get(row)).isEqualTo(words.get(row).codePoints().boxed().toList());
        }
        assertThat(vocabulary.anyCodePoint(4, c -> c == 0x2014)).isTrue();
        assertThat(vocabulary.anyCodePoint(2, c -> c < 0x80)).isFalse();
    }

    @Test
    void aDuplicateWordIsRefusedNamingBothRows() {
        assertThatThrownBy(() -> new Vocabulary(List.of("the", "of", "the")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate word 'the' at rows 0 and 2");
    }
}
