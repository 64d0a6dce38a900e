package dev.wordvec.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.TestModels;
import dev.wordvec.vectors.WordMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Word Mover's Distance against gensim's {@code wmdistance} (with pyemd, as gensim 4.2 runs it) and
 * against the exact optimum of the same transport problem: unit vectors and raw ones, repeated
 * words, unknown words left out, a document with none known.
 */
class WordMoversDistanceGensimTests {

    private static final GensimExpected GENSIM = GensimExpected.load();

    @ParameterizedTest
    @ValueSource(strings = {"test_glove", "lee_fasttext", "demo"})
    void distancesEqualGensims(String name) throws Exception {
        GensimExpected.Model expected = GENSIM.model(name);
        assertThat(expected.queries().wmDistances()).isNotEmpty();
        try (WordModel model = TestModels.wordModel(name, expected.path().toString())) {
            for (GensimExpected.WmDistance q : expected.queries().wmDistances()) {
                WordMoversDistance ours = WordMoversDistance.between(model, model.resolve(q.words1(), OovPolicy.SKIP),
                        model.resolve(q.words2(), OovPolicy.SKIP), q.normalize());
                String what = name + " " + q.words1() + " " + q.words2() + " normalize " + q.normalize();
                if (q.distance() == null) {
                    assertThat(ours.distance()).as(what).isNull();
                    assertThat(ours.moves()).isEmpty();
                    continue;
                }
                // pyemd works in whole millionths, and lands within 1e-5 of the optimum; the plan
                // here is exact, as the linear program's optimum shows.
                assertThat(ours.distance()).as(what).isCloseTo(q.distance(), within(1e-5));
                assertThat(ours.distance()).as(what).isCloseTo(q.optimum(), within(1e-6));
                double weight = ours.moves().stream().mapToDouble(WordMoversDistance.Move::weight).sum();
                double cost = ours.moves().stream().mapToDouble(m -> m.weight() * m.distance()).sum();
                assertThat(weight).as(what).isCloseTo(1.0, within(1e-12));
                assertThat(cost).as(what).isCloseTo(ours.distance(), within(1e-12));
            }
        }
    }

    @Test
    void rankingEqualsGensimsWmdSimilarity() throws Exception {
        GensimExpected.Model demo = GENSIM.model("demo");
        GensimExpected.WmRanking expected = demo.queries().wmRanking();
        try (WordModel model = TestModels.wordModel("demo", demo.path().toString())) {
            List<List<WordMatch>> documents = expected.documents().stream()
                    .map(d -> model.resolve(List.of(d.split(" ")), OovPolicy.SKIP)).toList();
            List<WordMatch> query = model.resolve(List.of(expected.text().split(" ")), OovPolicy.SKIP);
            List<WordMoversDistance.Ranked> all = WordMoversDistance.rank(model, query, documents, true,
                    documents.size());
            assertThat(all).hasSize(documents.size());
            for (WordMoversDistance.Ranked ranked : all) {
                assertThat(ranked.similarity()).as("document %d", ranked.index())
                        .isCloseTo(expected.similarities()[ranked.index()], within(1e-5));
            }
            // The unknown-only document: gensim's infinity, similarity 0, last.
            assertThat(all.get(all.size() - 1).distance()).isNull();
            assertThat(all.get(all.size() - 1).similarity()).isZero();
            List<WordMoversDistance.Ranked> best = WordMoversDistance.rank(model, query, documents, true, 3);
            assertThat(best).extracting(WordMoversDistance.Ranked::index)
                    .containsExactlyElementsOf(expected.best().stream().map(b -> (int) b[0]).toList());
        }
    }

    /**
     * Ranking solves documents in the order of a lower bound and stops when the bound passes the
     * k-th distance found: the k nearest must be exactly those of solving every document, ties
     * (the same document twice) included. Documents of random words of the LICENSE, seeded.
     */
    @Test
    void pruningKeepsTheExactRanking() throws Exception {
        GensimExpected.Model demo = GENSIM.model("demo");
        List<String> words = List.of(java.nio.file.Files.readString(java.nio.file.Path.of("LICENSE"))
                .toLowerCase(java.util.Locale.ROOT).split("[^a-z]+"));
        java.util.Random random = new java.util.Random(20261202L);
        try (WordModel model = TestModels.wordModel("demo", demo.path().toString())) {
            for (int round = 0; round < 5; round++) {
                List<List<WordMatch>> documents = new java.util.ArrayList<>();
                for (int d = 0; d < 40; d++) {
                    List<String> document = new java.util.ArrayList<>();
                    for (int w = 3 + random.nextInt(30); w > 0; w--) {
                        document.add(words.get(random.nextInt(words.size())));
                    }
                    documents.add(model.resolve(document, OovPolicy.SKIP));
                }
                documents.add(documents.get(7));
                documents.add(model.resolve(List.of("zzqx"), OovPolicy.SKIP));
                List<WordMatch> query = documents.get(random.nextInt(40)).subList(0, 3);
                List<WordMoversDistance.Ranked> all = WordMoversDistance.rank(model, query, documents, true,
                        documents.size());
                for (int k : new int[] {1, 2, 3, 5, 10, 41, 42}) {
                    assertThat(WordMoversDistance.rank(model, query, documents, true, k)).as("round %d, k %d", round, k)
                            .containsExactlyElementsOf(all.subList(0, k));
                }
                for (List<WordMatch> document : documents.subList(0, 41)) {
                    WordMoversDistance exact = WordMoversDistance.between(model, query, document, true);
                    assertThat(exact.distance()).isGreaterThanOrEqualTo(lowerBound(model, query, document) - 1e-12);
                }
            }
        }
    }

    /** The relaxed distance, as ranking computes it, from the exact plan's own costs. */
    private static double lowerBound(WordModel model, List<WordMatch> query, List<WordMatch> document) {
        return WordMoversDistance.relaxed(model, query, document, true);
    }

    @Test
    void theClassicExampleMovesEachWordToItsCounterpart() throws Exception {
        GensimExpected.Model demo = GENSIM.model("demo");
        try (WordModel model = TestModels.wordModel("demo", demo.path().toString())) {
            WordMoversDistance wmd = WordMoversDistance.between(model,
                    model.resolveText("Obama speaks to the media in Illinois", OovPolicy.SKIP).subList(0, 0),
                    List.of(), true);
            assertThat(wmd.distance()).isNull();
            List<String> obama = List.of("obama", "speaks", "media", "illinois");
            List<String> president = List.of("president", "greets", "press", "chicago");
            WordMoversDistance result = WordMoversDistance.between(model, model.resolve(obama, OovPolicy.SKIP),
                    model.resolve(president, OovPolicy.SKIP), true);
            // Four words of a quarter each: every word travels whole to one word of the other text.
            assertThat(result.moves()).hasSize(4).allSatisfy(m -> assertThat(m.weight()).isCloseTo(0.25, within(1e-12)));
            assertThat(result.moves()).anySatisfy(m -> {
                assertThat(m.from()).isEqualTo("illinois");
                assertThat(m.to()).isEqualTo("chicago");
            });
            // The plan, largest contribution first.
            for (int i = 1; i < result.moves().size(); i++) {
                WordMoversDistance.Move before = result.moves().get(i - 1);
                WordMoversDistance.Move move = result.moves().get(i);
                assertThat(before.weight() * before.distance()).isGreaterThanOrEqualTo(move.weight() * move.distance());
            }
        }
    }

    @Test
    void isSymmetricAndZeroForTheSameWordsInAnyOrder(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.txt"), "a 1 0\nb 0 1\nc 1 1\nz 0 0\n");
        try (WordModel model = TestModels.wordModel("tiny", file.toString())) {
            List<String> one = List.of("a", "b", "b", "c");
            List<String> two = List.of("c", "a", "a");
            double forth = WordMoversDistance.between(model, model.resolve(one, OovPolicy.SKIP),
                    model.resolve(two, OovPolicy.SKIP), true).distance();
            double back = WordMoversDistance.between(model, model.resolve(two, OovPolicy.SKIP),
                    model.resolve(one, OovPolicy.SKIP), true).distance();
            assertThat(forth).isCloseTo(back, within(1e-12)).isPositive();
            assertThat(WordMoversDistance.between(model, model.resolve(List.of("b", "a", "b"), OovPolicy.SKIP),
                    model.resolve(List.of("b", "b", "a"), OovPolicy.SKIP), true).distance()).isZero();
            // A zero vector has no direction: among unit vectors it is left out.
            assertThat(WordMoversDistance.between(model, model.resolve(List.of("a", "z"), OovPolicy.SKIP),
                    model.resolve(List.of("a"), OovPolicy.SKIP), true).distance()).isZero();
            // Raw vectors: a (1,0) half of the time against c (1,1): distance 1, half the mass moves.
            assertThat(WordMoversDistance.between(model, model.resolve(List.of("a", "c"), OovPolicy.SKIP),
                    model.resolve(List.of("c"), OovPolicy.SKIP), false).distance()).isCloseTo(0.5, within(1e-12));
        }
    }
}
