package dev.wordvec.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a corpus as gensim's {@code LineSentence} reads it. */
class CorpusTests {

    /**
     * A line of 25,000 words (text8 is one line of 17 million) is three sentences of at most
     * 10,000 words, so no window reaches across a cut, as in gensim; an empty line is none.
     */
    @Test
    void aLongLineIsCutIntoSentencesOfTenThousandWords(@TempDir Path tmp) throws Exception {
        String longLine = IntStream.range(0, 25_000).mapToObj(i -> "w" + (i % 7)).collect(Collectors.joining(" "));
        Path file = Files.writeString(tmp.resolve("c.txt"), "a b, c\n\n" + longLine + "\nb c\n");
        Corpus corpus = Corpus.read(file, 1, 0, p -> { });
        assertThat(corpus.rawTokens()).isEqualTo(3 + 25_000 + 2);
        assertThat(corpus.sentenceEnds()).containsExactly(3, 10_003, 20_003, 25_003, 25_005);
        assertThat(corpus.words()).hasSize(10).startsWith("w0", "w1", "w2", "w3");
        assertThat(corpus.counts()[corpus.words().indexOf("w0")]).isEqualTo(3572);
        assertThat(corpus.words().subList(7, 10)).containsExactly("b", "c", "a");
    }

    /**
     * {@code maxVocab} is gensim's {@code max_final_vocab}: the minimum count rises above the count
     * of the first word past the cap, so words tied at the cut all go. gensim 4.2 on this corpus,
     * {@code Word2Vec(sentences, min_count=m, max_final_vocab=n).wv.index_to_key}, keeps the same
     * words (it orders tied words by numpy's unstable sort: "d" before "c" here).
     */
    @Test
    void maxVocabDropsEveryWordTiedAtTheCutAsGensimDoes(@TempDir Path tmp) throws Exception {
        // a 5, b 4, c 2, d 2, e 1, f 1
        Path file = Files.writeString(tmp.resolve("c.txt"), "a a a a b b b c c d d e\nf a b\n");
        assertThat(Corpus.read(file, 1, 3, p -> { }).words()).as("c and d tie at the cut").containsExactly("a", "b");
        assertThat(Corpus.read(file, 1, 2, p -> { }).words()).containsExactly("a", "b");
        assertThat(Corpus.read(file, 1, 1, p -> { }).words()).containsExactly("a");
        assertThat(Corpus.read(file, 1, 4, p -> { }).words()).containsExactly("a", "b", "c", "d");
        assertThat(Corpus.read(file, 1, 5, p -> { }).words()).containsExactly("a", "b", "c", "d");
        assertThat(Corpus.read(file, 1, 6, p -> { }).words()).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(Corpus.read(file, 3, 5, p -> { }).words()).containsExactly("a", "b");
    }
}
