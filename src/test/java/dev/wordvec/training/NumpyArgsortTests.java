package dev.wordvec.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * numpy's argsort order, ties included, and the vocabulary order gensim gets from it. The
 * references come from numpy 1.24 and gensim 4.2 ({@code src/test/python/numpy_argsort.py}).
 */
class NumpyArgsortTests {

    private static final String DIRECTORY = "/gensim/vocab-order/";

    /**
     * Random arrays of 0 to 1,000 values with many ties, sorted runs, and three arrays built by
     * McIlroy's adversary so that numpy gives up its quicksort for its heapsort.
     */
    @Test
    void ordersEveryArrayAsNumpyDoes() throws IOException {
        JsonNode cases = read("argsort.json").get("cases");
        assertThat(cases.size()).isGreaterThan(60);
        for (JsonNode c : cases) {
            long[] values = c.get("values").valueStream().mapToLong(JsonNode::asLong).toArray();
            int[] expected = c.get("argsort").valueStream().mapToInt(JsonNode::asInt).toArray();
            assertThat(NumpyArgsort.argsort(values)).as("argsort of %s values", values.length).containsExactly(expected);
        }
    }

    /**
     * {@code Word2Vec(min_count=m, max_final_vocab=n).build_vocab(LineSentence(corpus))}: its
     * {@code index_to_key} and counts, on a corpus where most words tie with others.
     */
    @Test
    void theVocabularyIsGensimsOrderAndAll(@TempDir Path tmp) throws IOException {
        Path corpus = tmp.resolve("corpus.txt");
        try (InputStream in = NumpyArgsortTests.class.getResourceAsStream(DIRECTORY + "corpus.txt")) {
            Files.copy(in, corpus);
        }
        JsonNode cases = read("gensim.json").get("cases");
        assertThat(cases.size()).isEqualTo(4);
        for (JsonNode c : cases) {
            int minCount = c.get("minCount").asInt();
            int maxVocab = c.get("maxVocab").asInt();
            Corpus read = Corpus.read(corpus, Corpus.Split.WHITESPACE, minCount, maxVocab, p -> { });
            List<String> words = new ArrayList<>();
            c.get("words").forEach(w -> words.add(w.asString()));
            long[] counts = c.get("counts").valueStream().mapToLong(JsonNode::asLong).toArray();
            assertThat(read.words()).as("min count %s, max vocab %s", minCount, maxVocab).containsExactlyElementsOf(words);
            assertThat(read.counts()).containsExactly(counts);
        }
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = NumpyArgsortTests.class.getResourceAsStream(DIRECTORY + name)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }
}
