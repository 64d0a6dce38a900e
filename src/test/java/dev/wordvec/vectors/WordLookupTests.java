package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.query.TokenWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordLookupTests {

    private static final Vocabulary VOCABULARY = new Vocabulary(List.of("the", "New_York", "New_York_City", "new",
            "york", "city", "Paris", "apple", "Apple", "Émile", "e_", "__init__"));
    private static final WordLookup ALL_FORMS = new WordLookup(VOCABULARY,
            List.of(CaseForm.LOWER, CaseForm.CAPITALIZED), true);

    @Test
    void theWordAsWrittenAlwaysWinsThenTheFormsInOrder() {
        assertThat(ALL_FORMS.find("Apple")).isEqualTo(new WordMatch("Apple", "Apple", 8));
        assertThat(ALL_FORMS.find("apple")).isEqualTo(new WordMatch("apple", "apple", 7));
        assertThat(ALL_FORMS.find("APPLE")).isEqualTo(new WordMatch("APPLE", "apple", 7));
        assertThat(ALL_FORMS.find("paris")).isEqualTo(new WordMatch("paris", "Paris", 6));
        assertThat(ALL_FORMS.find("ÉMILE")).isEqualTo(new WordMatch("ÉMILE", "Émile", 9));
        assertThat(ALL_FORMS.find("zzz")).isEqualTo(WordMatch.unknown("zzz"));
    }

    @Test
    void capitalizedFormsCapitalizeEachPartOfAPhrase() {
        assertThat(CaseForm.CAPITALIZED.apply("new york_CITY")).isEqualTo("New York_City");
        assertThat(CaseForm.LOWER.apply("İSTANBUL")).isEqualTo("i̇stanbul");
    }

    @Test
    void spacesMatchUnderscorePhrases() {
        assertThat(ALL_FORMS.phraseWords()).isEqualTo(3);
        assertThat(ALL_FORMS.find("new york")).isEqualTo(new WordMatch("new york", "New_York", 1));
        assertThat(ALL_FORMS.find("NEW YORK CITY").matched()).isEqualTo("New_York_City");
    }

    @Test
    void textsMatchTheLongestPhraseFirst() {
        List<WordMatch> matches = ALL_FORMS.findText("I love new york city, and new york and york");
        assertThat(matches.stream().map(m -> m.known() ? m.matched() : "?" + m.word()).toList())
                .containsExactly("?I", "?love", "New_York_City", "?and", "New_York", "?and", "york");
        assertThat(matches.get(2).word()).isEqualTo("new york city");
    }

    /**
     * A word written with punctuation inside it is taken whole when the vocabulary holds it (GloVe
     * holds e-mail, u.s., 3.14, 1,000 and state-of-the-art); otherwise its parts are words.
     */
    @Test
    void wordsWrittenWithPunctuationInsideAreTakenWhole() {
        WordLookup glove = new WordLookup(new Vocabulary(List.of("e-mail", "mail", "e", "u.s.", "u", "s", "3.14", "1,000",
                "state-of-the-art", "state", "art", "new_york", "york", "co.", "don't", "t", "the")),
                List.of(CaseForm.LOWER), true);
        assertThat(words(glove.findText("E-mail the U.S., or 3.14 (1,000) state-of-the-art-ish co. don't")))
                .containsExactly("e-mail", "the", "u.s.", "?or", "3.14", "1,000", "state-of-the-art", "?ish", "co.", "don't");
        assertThat(words(glove.findText("the. mail. e."))).as("a known word alone keeps its mark off")
                .containsExactly("the", "mail", "e");
        assertThat(glove.findText("the U.S.").get(1)).isEqualTo(new WordMatch("U.S.", "u.s.", 3));
        assertThat(words(glove.findText("e-post u.k. state-of-art new-york"))).as("unknown wholes: their parts")
                .containsExactly("e", "?post", "u", "?k", "state", "?of", "art", "new_york");
        assertThat(words(glove.findText("e - mail e--mail"))).as("spaces end a written word; marks in a row do not")
                .containsExactly("e", "mail", "e", "mail");
        // For a model with n-grams, an unknown run is one word, however long, as fastText reads it.
        assertThat(words(glove.findText("e-post the x-y-z-a-b-c-d-e-f-g, e-mail", true)))
                .containsExactly("?e-post", "the", "?x-y-z-a-b-c-d-e-f-g", "e-mail");
    }

    @Test
    void exactOnlyWithoutPhrasesIsGensimsLookup() {
        // Exact matches only, as gensim looks words up.
        WordLookup exact = new WordLookup(VOCABULARY, List.of(CaseForm.EXACT), false);
        assertThat(exact.find("paris").known()).isFalse();
        assertThat(exact.find("new york").known()).isFalse();
        assertThat(exact.phraseWords()).isEqualTo(1);
        assertThat(exact.findText("new york").stream().map(WordMatch::matched).toList())
                .containsExactly("new", "york");
    }

    @Test
    void sifWeighsFrequentWordsLessByZipfsLaw() {
        TokenWeights sif = TokenWeights.sif(VOCABULARY, 1e-3);
        double harmonic = 0;
        for (int r = 1; r <= VOCABULARY.size(); r++) {
            harmonic += 1.0 / r;
        }
        double pOfRank4 = 1 / (4 * harmonic);
        assertThat((double) sif.weight(new WordMatch("new", "new", 3))).isCloseTo(1e-3 / (1e-3 + pOfRank4), within(1e-7));
        assertThat(sif.weight(new WordMatch("the", "the", 0))).isLessThan(sif.weight(new WordMatch("apple", "apple", 7)));
        TokenWeights given = TokenWeights.given(java.util.Map.of("new york", 2f, "Paris", 3f), 1f);
        assertThat(given.weight(new WordMatch("new york", "New_York", 1))).isEqualTo(2f);
        assertThat(given.weight(new WordMatch("paris", "Paris", 6))).isEqualTo(3f);
        assertThat(given.weight(new WordMatch("the", "the", 0))).isEqualTo(1f);
    }

    private static org.assertj.core.data.Offset<Double> within(double value) {
        return org.assertj.core.api.Assertions.within(value);
    }

    private static List<String> words(List<WordMatch> matches) {
        return matches.stream().map(m -> m.known() ? m.matched() : "?" + m.word()).toList();
    }
}
