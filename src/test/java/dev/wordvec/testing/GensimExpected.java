package dev.wordvec.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * gensim 4's answers on the shared fixture models, written by {@code src/test/python/gensim_expected.py}.
 * Tests compare against these, never against values typed from memory.
 */
public record GensimExpected(String gensim, Map<String, Model> models) {

    /** Where the shared fixtures live, relative to the repository root (Maven's working directory). */
    public static final Path SHARED = Path.of("..", "shared");

    public record Model(String file, int vocabularySize, int dimension, List<String> firstWords, String lastWord,
            Map<String, float[]> vectors, List<Similarity> similarities, Queries queries) {

        /** The model file, checked to exist so that a missing ../shared fails loudly instead of skipping. */
        public Path path() {
            Path path = SHARED.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("fixture " + path.toAbsolutePath()
                        + " is missing: the tests need ../shared beside the repository");
            }
            return path;
        }
    }

    public record Similarity(String word1, String word2, float similarity) {
    }

    /** A ranked answer: a word and its score. */
    public record Scored(String word, float similarity) {
    }

    public record NeighborsQuery(String word, float[] vector, int k, Integer restrictVocab, List<Scored> result) {
    }

    public record AnalogyQuery(List<String> positive, List<Float> weights, List<String> negative, String method,
            List<Scored> result) {
    }

    public record GroupQuery(List<String> words, String doesntMatch, List<Scored> centrality) {
    }

    public record SetSimilarity(List<String> words1, List<String> words2, float similarity) {
    }

    public record Queries(List<NeighborsQuery> neighbors, List<AnalogyQuery> analogies, List<GroupQuery> groups,
            List<SetSimilarity> nSimilarity) {
    }

    public static GensimExpected load() {
        try (InputStream in = GensimExpected.class.getResourceAsStream("/gensim/expected.json")) {
            return JsonMapper.builder().build().readValue(in, GensimExpected.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Model model(String name) {
        Model model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("no expected answers for " + name);
        }
        return model;
    }
}
