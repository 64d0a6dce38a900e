package dev.wordvec.contextual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A text's whole tokens and the two ways of cutting a long one: keeping its start (what the
 * tokenizer itself does at its maximum) and keeping its end (Hugging Face's left truncation),
 * on the built-in MiniLM tokenizer (128 tokens).
 */
class TokenizerCutsTests {

    private static SentenceTransformer network;

    /** 2 + 40 x 4 word pieces: well over 128. */
    private static final String LONG = "The quick brown fox jumps over the lazy dog near the riverbank. ".repeat(14)
            + "Übermäßig große Straßen enden hier.";

    @BeforeAll
    static void load() throws IOException {
        network = SentenceTransformer.load(EncoderFiles.builtIn(false), SentenceTransformer.Settings.defaults(1, false));
    }

    @AfterAll
    static void close() {
        network.close();
    }

    @Test
    void theWholeTextKeepsEveryTokenAndTheCutOneItsFirst() {
        SentenceTransformer.Tokenized whole = network.tokenizeWhole(LONG, true);
        SentenceTransformer.Tokenized cut = network.tokenize(LONG);
        assertThat(network.maxTokens()).isEqualTo(128);
        assertThat(whole.length()).isGreaterThan(128);
        assertThat(whole.truncated()).isFalse();
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.length()).isEqualTo(128);
        assertThat(whole.tokens()[0]).isEqualTo("[CLS]");
        assertThat(whole.tokens()[whole.length() - 1]).isEqualTo("[SEP]");
        assertThat(whole.special()[0]).isTrue();
        assertThat(whole.special()[1]).isFalse();
        assertThat(whole.special()[whole.length() - 1]).isTrue();
        // The same pieces up to where the cut one stops.
        assertThat(Arrays.copyOf(cut.ids(), 127)).containsExactly(Arrays.copyOf(whole.ids(), 127));
        assertThat(cut.tokens()[127]).isEqualTo("[SEP]");
        SentenceTransformer.Tokenized bare = network.tokenizeWhole("a riverbank", false);
        assertThat(bare.tokens()).containsExactly("a", "river", "##bank");
        assertThat(bare.special()).containsExactly(false, false, false);
    }

    /**
     * Each token's place in the text, in code points (an emoji counts one), and none for the
     * tokenizer's own tokens; the same word piece in two texts is one String, so that a request of
     * 2,048 texts does not hold a String for each of their 260,000 tokens.
     */
    @Test
    void tokensHaveTheirPlacesAndAreSharedBetweenTexts() {
        SentenceTransformer.Tokenized a = network.tokenize("a riverbank 😀 here");
        SentenceTransformer.Tokenized b = network.tokenize("the riverbank");
        assertThat(a.tokens()).containsExactly("[CLS]", "a", "river", "##bank", "[UNK]", "here", "[SEP]");
        assertThat(spans(a)).isDeepEqualTo(new int[][] {{-1, -1}, {0, 1}, {2, 7}, {7, 11}, {12, 13}, {14, 18},
                {-1, -1}});
        assertThat(b.tokens()[2]).isSameAs(a.tokens()[2]);
        assertThat(b.tokens()[0]).isSameAs(a.tokens()[0]);
    }

    /** Cutting the whole tokens ourselves gives exactly what the tokenizer's own cut gives. */
    /**
     * A maximum above 512 is kept: DJL's tokenizer caps it at a 512 of its own unless told the
     * model's length, which cut a long-context model's (8,192 tokens) inputs at 512.
     */
    @Test
    void aMaximumAbove512IsNotCutTo512() throws IOException {
        SentenceTransformer.Settings defaults = SentenceTransformer.Settings.defaults(1, false);
        SentenceTransformer.Settings longer = new SentenceTransformer.Settings(defaults.pooling(), defaults.normalize(),
                2048, 1, false, false, Prompts.NONE, java.util.List.of(), 0);
        try (SentenceTransformer wide = SentenceTransformer.load(EncoderFiles.builtIn(false), longer)) {
            assertThat(wide.maxTokens()).isEqualTo(2048);
            String text = "word ".repeat(1500);
            assertThat(wide.tokenize(text).length()).isEqualTo(1502);
            assertThat(wide.tokenize(text).truncated()).isFalse();
            assertThat(wide.tokenize(text.repeat(2)).length()).isEqualTo(2048);
        }
    }

    @Test
    void keepingTheStartEqualsTheTokenizersOwnCut() {
        SentenceTransformer.Tokenized ours = SentenceTransformer.keep(network.tokenizeWhole(LONG, true), 128, false);
        SentenceTransformer.Tokenized theirs = network.tokenize(LONG);
        assertSame(ours, theirs);
    }

    @Test
    void keepingTheEndKeepsTheLastPiecesBetweenTheSpecialTokens() {
        SentenceTransformer.Tokenized whole = network.tokenizeWhole(LONG, true);
        SentenceTransformer.Tokenized end = network.tokenizeKeepingEnd(LONG);
        int n = whole.length();
        assertThat(end.truncated()).isTrue();
        assertThat(end.length()).isEqualTo(128);
        assertThat(end.tokens()[0]).isEqualTo("[CLS]");
        assertThat(end.tokens()[127]).isEqualTo("[SEP]");
        assertThat(Arrays.copyOfRange(end.ids(), 1, 127)).containsExactly(Arrays.copyOfRange(whole.ids(), n - 127, n - 1));
        assertThat(spans(end)[126]).isEqualTo(spans(whole)[n - 2]);
        assertThat(LONG.substring(spans(end)[126][0], spans(end)[126][1])).isEqualTo(".");
        // A text within the maximum is the same whichever end would be kept.
        assertSame(network.tokenizeKeepingEnd("a short text"), network.tokenize("a short text"));
    }

    private static void assertSame(SentenceTransformer.Tokenized a, SentenceTransformer.Tokenized b) {
        assertThat(a.ids()).containsExactly(b.ids());
        assertThat(a.typeIds()).containsExactly(b.typeIds());
        assertThat(a.tokens()).containsExactly(b.tokens());
        assertThat(a.special()).containsExactly(b.special());
        assertThat(spans(a)).isDeepEqualTo(spans(b));
        assertThat(a.truncated()).isEqualTo(b.truncated());
    }

    private static int[][] spans(SentenceTransformer.Tokenized t) {
        return java.util.stream.IntStream.range(0, t.length()).mapToObj(i -> new int[] {t.start(i), t.end(i)})
                .toArray(int[][]::new);
    }
}
