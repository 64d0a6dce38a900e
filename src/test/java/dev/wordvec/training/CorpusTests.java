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
}
