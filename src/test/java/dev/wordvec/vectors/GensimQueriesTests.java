package dev.wordvec.vectors;

import dev.wordvec.testing.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelReader;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.GensimExpected.Scored;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nearest words, analogies, set similarity and the odd one out, against gensim's answers on real models. */
class GensimQueriesTests {

    private static final GensimExpected GENSIM = GensimExpected.load();

    private static WordVectors load(GensimExpected.Model expected) throws Exception {
        ParsedVectors parsed = ModelReader.read(ModelSource.of(expected.path().toString()), ModelFormat.AUTO, p -> { });
        return TestModels.float32(parsed.vocabulary(), parsed.matrix());
    }

    /** Same words in the same order, and each similarity within 1e-5. */
    private static void assertSameRanking(List<Neighbor> ours, List<Scored> gensim, String what) {
        assertThat(ours.stream().map(Neighbor::word).toList()).as(what)
                .isEqualTo(gensim.stream().map(Scored::word).toList());
        for (int i = 0; i < ours.size(); i++) {
            assertThat((double) ours.get(i).similarity()).as("%s #%d", what, i)
                    .isCloseTo(gensim.get(i).similarity(), within(1e-5));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_glove", "lee_fasttext", "demo"})
    void neighborsEqualGensimMostSimilar(String name) throws Exception {
        GensimExpected.Model expected = GENSIM.model(name);
        try (WordVectors model = load(expected)) {
            int before = model.managedArrays();
            // All of a model's queries in one batch: one matrix product, answers as if asked alone.
            List<List<Term>> batch = new ArrayList<>();
            for (GensimExpected.NeighborsQuery q : expected.queries().neighbors()) {
                int restrict = q.restrictVocab() == null ? 0 : q.restrictVocab();
                List<Term> query = q.word() != null ? List.of(Term.word(model.vocabulary().rowOf(q.word()), 1))
                        : List.of(Term.vector(q.vector(), 1));
                List<Neighbor> alone = TestSearches.mostSimilar(model, List.of(query), q.k(), restrict, Float.NEGATIVE_INFINITY).get(0);
                assertSameRanking(alone, q.result(), name + " " + (q.word() != null ? q.word() : "vector")
                        + " restrict " + restrict);
                if (restrict == 0 && q.k() == 10) {
                    batch.add(query);
                }
            }
            List<List<Neighbor>> batched = TestSearches.mostSimilar(model, batch, 10, 0, Float.NEGATIVE_INFINITY);
            List<GensimExpected.NeighborsQuery> expectedBatch = expected.queries().neighbors().stream()
                    .filter(q -> q.restrictVocab() == null && q.k() == 10).toList();
            for (int i = 0; i < batch.size(); i++) {
                assertSameRanking(batched.get(i), expectedBatch.get(i).result(), name + " batched #" + i);
            }
            assertThat(model.managedArrays()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_glove", "lee_fasttext", "demo"})
    void analogiesEqualGensimForBothMethods(String name) throws Exception {
        GensimExpected.Model expected = GENSIM.model(name);
        try (WordVectors model = load(expected)) {
            Vocabulary vocabulary = model.vocabulary();
            for (GensimExpected.AnalogyQuery q : expected.queries().analogies()) {
                String what = name + " " + q.method() + " +" + q.positive() + " -" + q.negative() + " w" + q.weights();
                List<Neighbor> ours;
                if (q.method().equals("mul")) {
                    ours = model.mostSimilarCosMul(rows(vocabulary, q.positive()), rows(vocabulary, q.negative()), 10, 0);
                } else {
                    List<Term> terms = new ArrayList<>();
                    for (int i = 0; i < q.positive().size(); i++) {
                        float weight = q.weights() == null ? 1 : q.weights().get(i);
                        terms.add(Term.word(vocabulary.rowOf(q.positive().get(i)), weight));
                    }
                    q.negative().forEach(w -> terms.add(Term.word(vocabulary.rowOf(w), -1)));
                    ours = TestSearches.mostSimilar(model, List.of(terms), 10, 0, Float.NEGATIVE_INFINITY).get(0);
                }
                assertSameRanking(ours, q.result(), what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_glove", "lee_fasttext", "demo"})
    void oddOneOutAndSetSimilarityEqualGensim(String name) throws Exception {
        GensimExpected.Model expected = GENSIM.model(name);
        try (WordVectors model = load(expected)) {
            Vocabulary vocabulary = model.vocabulary();
            for (GensimExpected.GroupQuery q : expected.queries().groups()) {
                float[] centrality = model.centrality(rows(vocabulary, q.words()));
                for (Scored s : q.centrality()) {
                    assertThat((double) centrality[q.words().indexOf(s.word())]).as(name + " " + s.word())
                            .isCloseTo(s.similarity(), within(1e-5));
                }
                int lowest = 0;
                for (int i = 1; i < centrality.length; i++) {
                    lowest = centrality[i] < centrality[lowest] ? i : lowest;
                }
                assertThat(q.words().get(lowest)).isEqualTo(q.doesntMatch());
            }
            for (GensimExpected.SetSimilarity q : expected.queries().nSimilarity()) {
                assertThat((double) model.setSimilarity(rows(vocabulary, q.words1()), rows(vocabulary, q.words2())))
                        .as(name + " " + q.words1() + " ~ " + q.words2()).isCloseTo(q.similarity(), within(1e-5));
            }
        }
    }

    private static int[] rows(Vocabulary vocabulary, List<String> words) {
        return words.stream().mapToInt(vocabulary::rowOf).toArray();
    }
}
