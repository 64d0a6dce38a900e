package dev.wordvec.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelReader;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.formats.TextLines;
import dev.wordvec.testing.TestModels;
import dev.wordvec.vectors.WordVectors;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluation equals gensim's {@code evaluate_word_analogies} and {@code evaluate_word_pairs} on
 * the same models and sets: counts per section exactly, correlations to 1e-6. The expected
 * values are gensim's, written by {@code src/test/python/gensim_evaluation.py}.
 */
class EvaluatorTests {

    private static JsonNode expected;
    private static AnalogySet questions;
    private static WordPairSet wordsim;
    private static WordPairSet simlex;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = EvaluatorTests.class.getResourceAsStream("/gensim/evaluation.json")) {
            expected = JsonMapper.builder().build().readTree(in);
        }
        questions = BuiltInSets.analogies("questions-words");
        wordsim = BuiltInSets.pairs("wordsim353");
        simlex = BuiltInSets.pairs("simlex999");
    }

    static Stream<Arguments> runs() throws Exception {
        try (InputStream in = EvaluatorTests.class.getResourceAsStream("/gensim/evaluation.json")) {
            JsonNode models = JsonMapper.builder().build().readTree(in).get("models");
            List<Arguments> runs = new ArrayList<>();
            for (String model : models.propertyNames()) {
                for (int run = 0; run < models.get(model).get("runs").size(); run++) {
                    runs.add(Arguments.of(model, run));
                }
            }
            return runs.stream();
        }
    }

    private static WordVectors model(String name) throws Exception {
        String file = expected.get("models").get(name).get("file").asString();
        ParsedVectors parsed = ModelReader.read(ModelSource.of(file), ModelFormat.AUTO, p -> { });
        return TestModels.float32(parsed.vocabulary(), parsed.matrix());
    }

    @ParameterizedTest(name = "{0}, options {1}")
    @MethodSource("runs")
    void analogiesAndPairsEqualGensim(String name, int run) throws Exception {
        JsonNode gensim = expected.get("models").get(name).get("runs").get(run);
        int restrict = gensim.get("options").get("restrictVocab").asInt();
        boolean caseInsensitive = gensim.get("options").get("caseInsensitive").asBoolean();
        boolean dummy4unknown = gensim.get("options").has("dummy4unknown") && gensim.get("options").get("dummy4unknown").asBoolean();
        try (WordVectors vectors = model(name)) {
            Evaluator evaluator = new Evaluator(vectors);
            AnalogyScore score = evaluator.analogies(questions, restrict, caseInsensitive, Evaluator.Method.ADD,
                    dummy4unknown, null);
            JsonNode sections = gensim.get("analogies");
            assertThat(score.sections()).hasSize(sections.size() - 1);
            for (int s = 0; s < score.sections().size(); s++) {
                AnalogyScore.Section ours = score.sections().get(s);
                JsonNode theirs = sections.get(s);
                assertThat(ours.section()).isEqualTo(theirs.get("section").asString());
                assertThat(new int[] {ours.correct(), ours.incorrect()}).as(ours.section())
                        .containsExactly(theirs.get("correct").asInt(), theirs.get("incorrect").asInt());
            }
            JsonNode total = sections.get(sections.size() - 1);
            assertThat(score.correct()).isEqualTo(total.get("correct").asInt());
            assertThat(score.incorrect()).isEqualTo(total.get("incorrect").asInt());
            assertThat(score.questions()).isEqualTo(19_544);

            for (WordPairSet set : List.of(wordsim, simlex)) {
                JsonNode pairs = gensim.get("pairs").get(set.name());
                if (pairs.isNull()) {
                    assertThatThrownBy(() -> evaluator.pairs(set, restrict, caseInsensitive, dummy4unknown))
                            .isInstanceOf(EvaluationSetException.class).hasMessageContaining(set.name());
                    continue;
                }
                PairScore ours = evaluator.pairs(set, restrict, caseInsensitive, dummy4unknown);
                assertPairs(ours, pairs);
            }
        }
    }

    /** WordSim-353 with spaces for its tabs (as MEN comes), read with the delimiter ' ' as gensim reads it. */
    @ParameterizedTest
    @ValueSource(strings = {"test_glove", "lee_fasttext", "euclidean_vectors", "demo"})
    void aSpaceDelimitedPairSetEqualsGensims(String name) throws Exception {
        String text;
        try (InputStream in = EvaluatorTests.class.getResourceAsStream("/evaluation/wordsim353.tsv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace('\t', ' ');
        }
        WordPairSet spaced = WordPairSet.parse("wordsim353-spaces", text, " ");
        assertThat(spaced.pairs()).hasSize(353);
        JsonNode pairs = expected.get("models").get(name).get("spaceDelimited");
        try (WordVectors vectors = model(name)) {
            Evaluator evaluator = new Evaluator(vectors);
            if (pairs.isNull()) {
                assertThatThrownBy(() -> evaluator.pairs(spaced, 300_000, true, false)).isInstanceOf(EvaluationSetException.class);
            } else {
                assertPairs(evaluator.pairs(spaced, 300_000, true, false), pairs);
            }
        }
        assertThatThrownBy(() -> WordPairSet.parse("tabs", text, "\t"))
                .isInstanceOf(EvaluationSetException.class).hasMessageContaining("not a word-pair set")
                .hasMessageContaining("is a pair with ' ' between the fields: set that delimiter");
    }

    /** A set that reads as no pair at all because of its delimiter says which delimiter would read it. */
    @Test
    void aSetWithAnotherDelimiterSaysWhichOne() {
        assertThatThrownBy(() -> WordPairSet.parse("men.csv", "word1,word2,score\nking,queen,8.5\ncat,dog,7\n", "\t"))
                .isInstanceOf(EvaluationSetException.class)
                .hasMessageContaining("its line 'king,queen,8.5' is a pair with ',' between the fields: set that "
                        + "delimiter (--delimiter, or \"delimiter\" over HTTP)");
        assertThatThrownBy(() -> WordPairSet.parse("tabbed", "king\tqueen\t8.5\n", ","))
                .isInstanceOf(EvaluationSetException.class).hasMessageContaining("is a pair with '\\t'");
        assertThatThrownBy(() -> WordPairSet.parse("prose", "not a pair at all\n", "\t"))
                .isInstanceOf(EvaluationSetException.class).hasMessageEndingWith("not a word-pair set");
    }

    /** Ours against gensim's: values to 1e-6, p-values to 1e-6 of themselves, and NaN (null in the JSON) as NaN. */
    private static void assertPairs(PairScore ours, JsonNode pairs) {
        assertClose("pearson", ours.pearson(), pairs.get("pearson"), 1e-6);
        assertClose("spearman", ours.spearman(), pairs.get("spearman"), 1e-6);
        assertClose("oov ratio", ours.oovRatio(), pairs.get("oovRatio"), 1e-9);
        assertClose("pearson p", ours.pearsonPValue(), pairs.get("pearsonPValue"),
                1e-6 * pairs.get("pearsonPValue").asDouble() + 1e-12);
        assertClose("spearman p", ours.spearmanPValue(), pairs.get("spearmanPValue"),
                1e-6 * pairs.get("spearmanPValue").asDouble() + 1e-12);
    }

    private static void assertClose(String what, double ours, JsonNode gensim, double tolerance) {
        if (gensim.isNull()) {
            assertThat(ours).as(what + " (NaN in gensim)").isNaN();
        } else {
            assertThat(ours).as(what).isCloseTo(gensim.asDouble(), within(tolerance));
        }
    }

    /**
     * Sets too small or too flat for a correlation, as gensim (scipy) answers them: two pairs give
     * Pearson's sign of the slope with p 1 and Spearman with no p-value; a constant side gives NaN
     * (dummies' zeros included); fewer than two pairs are refused.
     */
    @Test
    void tinyAndFlatPairSetsGetGensimsAnswers() throws Exception {
        try (WordVectors vectors = model("test_glove")) {
            Evaluator evaluator = new Evaluator(vectors);
            var sets = expected.get("models").get("test_glove").get("tinySets");
            assertThat(sets.size()).isEqualTo(7);
            for (var entry : sets.properties()) {
                WordPairSet set = WordPairSet.parse(entry.getKey(), entry.getValue().get("text").asString(), "\t");
                for (JsonNode run : entry.getValue().get("runs")) {
                    boolean dummy4unknown = run.get("dummy4unknown").asBoolean();
                    JsonNode pairs = run.get("pairs");
                    if (pairs.isNull()) {
                        assertThatThrownBy(() -> evaluator.pairs(set, 300_000, true, dummy4unknown)).as(set.name())
                                .isInstanceOf(EvaluationSetException.class).hasMessageContaining("a correlation needs at least 2");
                    } else {
                        assertPairs(evaluator.pairs(set, 300_000, true, dummy4unknown), pairs);
                    }
                }
            }
        }
    }

    @Test
    void setsAreReadAsGensimReadsThem() throws Exception {
        assertThat(questions.sections()).hasSize(14);
        assertThat(questions.sections().get(0).name()).isEqualTo("capital-common-countries");
        assertThat(questions.questions()).isEqualTo(19_544);
        assertThat(wordsim.pairs()).hasSize(353);
        assertThat(simlex.pairs()).hasSize(999);
        AnalogySet odd = AnalogySet.parse("odd", ": one\na b c d\n\nthree words only\n: :two \nA\u00a0B C D\n");
        assertThat(odd.sections()).extracting(AnalogySet.Section::name).containsExactly("one", "two");
        assertThat(odd.invalidLines()).isEqualTo(2);
        assertThat(odd.sections().get(1).questions().get(0).b()).isEqualTo("B");
        assertThatThrownBy(() -> AnalogySet.parse("bad", "a b c d\n: s\n"))
                .isInstanceOf(EvaluationSetException.class).hasMessage("bad, line 1: a question before any ': section' line");
        assertThatThrownBy(() -> AnalogySet.parse("bom", "\uFEFF: s\na b c d\n"))
                .hasMessage("bom, line 1: a question before any ': section' line (this one starts with a byte-order "
                        + "mark, U+FEFF, before its ': ', as a file saved \"UTF-8 with BOM\" does; gensim refuses it too: "
                        + "save the file without the mark)");
        WordPairSet pairs = WordPairSet.parse("p", "# comment\nx\ty\t1.5\nx y 2\nx\ty\tmany\nu\tv\t 3e1 \n", "\t");
        assertThat(pairs.pairs()).extracting(WordPairSet.Pair::score).containsExactly(1.5, 30.0);
        assertThat(pairs.invalidLines()).isEqualTo(2);
    }

    /** A score is what Python's {@code float()} reads (gensim calls it), and only that: answers from Python 3.12. */
    @Test
    void scoresAreReadAsPythonsFloatReadsThem() throws Exception {
        String valid = "1_5 15\n \u0661\u0662  12\n1.e1 10\n1_0.2_5e-0_1 1.025\n\uff13 3\n.5 0.5\n5. 5\nINF Infinity\n"
                + "+Infinity Infinity\n-inf -Infinity\n-nan NaN\n";
        StringBuilder text = new StringBuilder();
        List<Double> expected = new ArrayList<>();
        for (String line : valid.split("\n")) {
            int space = line.lastIndexOf(' ');
            text.append("x\ty\t").append(line, 0, space).append('\n');
            expected.add(Double.valueOf(line.substring(space + 1)));
        }
        String[] invalid = {"1.5f", "1.5d", "0x1p3", "1__5", "_1", "1_", "1._5", ".", "e5", "1e", "Infinity1", "1,5"};
        for (String score : invalid) {
            text.append("x\ty\t").append(score).append('\n');
        }
        WordPairSet pairs = WordPairSet.parse("p", text.toString(), "\t");
        assertThat(pairs.pairs()).extracting(WordPairSet.Pair::score).containsExactlyElementsOf(expected);
        assertThat(pairs.invalidLines()).isEqualTo(invalid.length);
    }

    /**
     * A pair whose score Python reads as "nan" or "inf" stops gensim's evaluation (scipy refuses
     * the scores); here it is refused naming the set's line, unless the pair is left out as unknown
     * (gensim never looks at that score).
     */
    @Test
    void aNonFiniteScoreOfAPairInUseIsRefusedNamingItsLine() throws Exception {
        try (WordVectors vectors = model("test_glove")) {
            Evaluator evaluator = new Evaluator(vectors);
            for (String score : List.of("NaN", "inf", "-Infinity")) {
                WordPairSet set = WordPairSet.parse("p", "# scores\nthe\tof\t5\nand\tof\t" + score
                        + "\nthe\tand\t7\nzzqx\tthe\t" + score + "\n", "\t");
                assertThatThrownBy(() -> evaluator.pairs(set, 300_000, true, false)).as(score)
                        .isInstanceOf(EvaluationSetException.class)
                        .hasMessageStartingWith("p, line 3: the score of and and of is ")
                        .hasMessageEndingWith(", not a finite number: a correlation needs finite human scores");
            }
            WordPairSet unknownOnly = WordPairSet.parse("p", "the\tof\t5\nand\tof\t1\nthe\tand\t7\nzzqx\tthe\tnan\n", "\t");
            assertThat(evaluator.pairs(unknownOnly, 300_000, true, false).pairs()).isEqualTo(3);
            assertThatThrownBy(() -> evaluator.pairs(unknownOnly, 300_000, true, true))
                    .hasMessageStartingWith("p, line 4: the score of zzqx and the is NaN");
        }
    }

    /**
     * A word paired with itself, or case-insensitively with another spelling of it, scores 1
     * exactly, so two such pairs tie in Spearman's ranks (as exact arithmetic has them; gensim's
     * float32 leaves each a unit or two in the last place off 1, and ranks them by that noise).
     * The other two pairs are given human scores in the model's order: with the tie, the ranks
     * are (3.5, 3.5, 1, 2) against (4, 3, 1, 2), a correlation of 3 / sqrt(10); untied, 1 or 0.8.
     */
    @Test
    void aWordPairedWithItselfScoresOneExactlySoSuchPairsTie() throws Exception {
        try (WordVectors vectors = model("test_glove")) {
            int the = vectors.vocabulary().rowOf("the");
            int of = vectors.vocabulary().rowOf("of");
            int and = vectors.vocabulary().rowOf("and");
            assertThat(vectors.similarity(the, the)).isEqualTo(1f);
            assertThat(vectors.similarity(of, of)).isEqualTo(1f);
            boolean ofAndFirst = vectors.similarity(of, and) < vectors.similarity(the, and);
            String text = "the\tthe\t10\nof\tOF\t9\nof\tand\t" + (ofAndFirst ? 1 : 2)
                    + "\nthe\tand\t" + (ofAndFirst ? 2 : 1) + "\n";
            PairScore score = new Evaluator(vectors).pairs(WordPairSet.parse("p", text, "\t"), 300_000, true, false);
            assertThat(score.pairs()).isEqualTo(4);
            assertThat(score.spearman()).isCloseTo(3 / Math.sqrt(10), within(1e-12));
        }
    }

    /**
     * Answers that hinge on the inputs' other spellings ("King" ranked above the answer to
     * "man : king :: woman : ?"), on a model made for it by {@code src/test/python/gensim_spellings.py}:
     * gensim skips them case-insensitively, and predicts one when 5 come first.
     */
    @ParameterizedTest(name = "caseInsensitive {0}")
    @ValueSource(booleans = {true, false})
    void otherSpellingsOfTheInputsCountAsGensimCountsThem(boolean caseInsensitive) throws Exception {
        JsonNode gensim;
        try (InputStream in = EvaluatorTests.class.getResourceAsStream("/gensim/spellings.json")) {
            gensim = JsonMapper.builder().build().readTree(in).get(caseInsensitive ? "caseInsensitive" : "caseSensitive");
        }
        AnalogySet set;
        try (TextLines in = TextLines.open(ModelSource.of("src/test/resources/gensim/spellings-questions.txt"),
                TextLines.Ends.UNIVERSAL)) {
            set = AnalogySet.parse("spellings", in);
        }
        ParsedVectors parsed = ModelReader.read(ModelSource.of("src/test/resources/gensim/spellings.vec"), ModelFormat.AUTO,
                p -> { });
        try (WordVectors vectors = TestModels.float32(parsed.vocabulary(), parsed.matrix())) {
            AnalogyScore score = new Evaluator(vectors).analogies(set, 300_000, caseInsensitive, Evaluator.Method.ADD, false, null);
            assertThat(score.sections()).hasSize(4);
            for (int s = 0; s < 4; s++) {
                AnalogyScore.Section ours = score.sections().get(s);
                assertThat(new int[] {ours.correct(), ours.incorrect()}).as(ours.section()).containsExactly(
                        gensim.get(s).get("correct").asInt(), gensim.get(s).get("incorrect").asInt());
            }
            assertThat(score.correct()).isEqualTo(caseInsensitive ? 3 : 0);
        }
    }

    @Test
    void threeCosMulEqualsGensimsMostSimilarCosmul() throws Exception {
        try (WordVectors vectors = model("demo")) {
            Evaluator evaluator = new Evaluator(vectors);
            for (JsonNode gensim : expected.get("models").get("demo").get("cosmul")) {
                String name = gensim.get("section").asString();
                AnalogySet section = new AnalogySet(name, questions.sections().stream()
                        .filter(s -> s.name().equals(name)).toList(), 0);
                AnalogyScore mul = evaluator.analogies(section, 300_000, true, Evaluator.Method.MUL, false, null);
                assertThat(mul.method()).isEqualTo("mul");
                assertThat(new int[] {mul.correct(), mul.incorrect(), mul.oov()}).as(name).containsExactly(
                        gensim.get("correct").asInt(), gensim.get("incorrect").asInt(), gensim.get("oov").asInt());
            }
        }
    }
}
