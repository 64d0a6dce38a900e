package dev.wordvec.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * gensim 4's answers on the repository's fixture models, written by {@code src/test/python/gensim_expected.py}.
 * Tests compare against these, never against values typed from memory.
 */
public record GensimExpected(String gensim, Map<String, Model> models) {

    /**
     * The fixture models and evaluation sets (gensim's test data; origin and licences in its README),
     * relative to the repository root, Maven's working directory.
     */
    public static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    public record Model(String file, int vocabularySize, int dimension, List<String> firstWords, String lastWord,
            Map<String, float[]> vectors, List<Similarity> similarities, Queries queries) {

        /** The model file (relative to the repository root), checked to exist so that a missing one fails loudly. */
        public Path path() {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("fixture " + path.toAbsolutePath()
                        + " is missing: run the tests from the repository root");
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

    /** {@code get_mean_vector(words, pre_normalize=preNormalize)}. */
    public record MeanVector(List<String> words, boolean preNormalize, float[] vector) {
    }

    /** {@code most_similar(negative=negative, topn=10)}. */
    public record NegativeOnly(List<String> negative, List<Scored> result) {
    }

    /**
     * {@code wmdistance(words1, words2, norm=normalize)}, null for gensim's infinity; and the exact
     * optimum of the same transport problem (scipy's linprog), which pyemd approximates.
     */
    public record WmDistance(List<String> words1, List<String> words2, boolean normalize, Double distance,
            Double optimum) {
    }

    /**
     * {@code WmdSimilarity(documents)[text]} (each document's 1 / (1 + wmdistance), in order) and
     * with {@code num_best=3} ({@code best}: [index, similarity] pairs, nearest first); texts are
     * space-separated words.
     */
    public record WmRanking(String text, List<String> documents, double[] similarities, List<double[]> best) {
    }

    /**
     * {@code rank(word, other)} for each of {@code others}, and how many words' float32 distances
     * lie within 1e-6 of other's ({@code nearTies}): where that is 0 the ranks must be equal.
     */
    public record RankQuery(String word, List<String> others, int[] ranks, int[] nearTies) {
    }

    public record Queries(List<NeighborsQuery> neighbors, List<AnalogyQuery> analogies, List<GroupQuery> groups,
            List<SetSimilarity> nSimilarity, List<MeanVector> meanVectors, List<NegativeOnly> negativeOnly,
            List<RankQuery> ranks, List<WmDistance> wmDistances, WmRanking wmRanking) {
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
