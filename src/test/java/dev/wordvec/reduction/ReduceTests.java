package dev.wordvec.reduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelReader;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.RowBlocks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PCA on the engine equals numpy's (float64 eigh, written by {@code src/test/python/pca_reference.py}),
 * and {@code reduce} writes a model that keeps the vocabulary and loads like any other.
 */
class ReduceTests {

    private static JsonNode numpy;
    private static ParsedVectors lee;

    @BeforeAll
    static void load() throws Exception {
        PyTorchEngine.start(1);
        try (InputStream in = ReduceTests.class.getResourceAsStream("/reduction/pca-lee.json")) {
            numpy = JsonMapper.builder().build().readTree(in);
        }
        lee = ModelReader.read(ModelSource.of(numpy.get("file").asString()), ModelFormat.AUTO, p -> { });
    }

    private static void assertRows(RowBlocks matrix, JsonNode expected, int dimension) {
        assertThat(matrix.dimension()).isEqualTo(dimension);
        assertThat(matrix.rows()).isEqualTo(lee.vocabulary().size());
        float[] row = new float[dimension];
        for (JsonNode index : numpy.get("rows")) {
            matrix.read(index.asInt(), row, 0);
            JsonNode values = expected.get(index.asString());
            for (int d = 0; d < dimension; d++) {
                assertThat((double) row[d]).as("row %s, value %d", index, d).isCloseTo(values.get(d).asDouble(), within(1e-5));
            }
        }
    }

    @Test
    void componentsAndProjectionsEqualNumpys() {
        Pca pca = Pca.fit(lee.matrix(), done -> { });
        for (int k = 0; k < 10; k++) {
            assertThat(pca.variances()[k]).isCloseTo(numpy.get("variances").get(k).asDouble(), within(1e-6));
        }
        assertRows(pca.project(lee.matrix(), 0, 4, done -> { }), numpy.get("dim4"), 4);
        assertRows(pca.project(lee.matrix(), 2, 4, done -> { }), numpy.get("top2dim4"), 4);
        assertRows(pca.removeTop(lee.matrix(), 2, done -> { }), numpy.get("removeTop2"), 10);
        assertThat(pca.explained(0, 10)).isCloseTo(1, within(1e-12));
    }

    @Test
    void reduceKeepsTheVocabularyAndItsOutputLoads(@TempDir Path tmp) throws Exception {
        for (String name : new String[] {"small.vec", "small.bin", "small.wvc"}) {
            Path out = tmp.resolve(name);
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int exit = ReduceCommand.run(new String[] {"reduce", numpy.get("file").asString(), out.toString(), "--dim", "4"},
                    new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
            assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("4 dimensions").contains("of the variance kept");
            assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("projecting: 1762 of 1762 rows (100%)");
            ParsedVectors reduced = new dev.wordvec.formats.ModelCache(null, RowBlocks.DEFAULT_BLOCK_BYTES)
                    .load(ModelSource.of(out.toString()), ModelFormat.AUTO, 0, p -> { });
            assertThat(reduced.vocabulary().size()).isEqualTo(lee.vocabulary().size());
            for (int row = 0; row < reduced.vocabulary().size(); row++) {
                assertThat(reduced.vocabulary().word(row)).isEqualTo(lee.vocabulary().word(row));
            }
            assertRows(reduced.matrix(), numpy.get("dim4"), 4);
            assertThat(tmp.toFile().list()).as("no temporary file left").allMatch(f -> !f.endsWith(".tmp"));
        }
    }

    @Test
    void theSummarySaysHowMuchVarianceIsKeptOfTheWholeAndOfWhatTheTopComponentsLeft(@TempDir Path tmp) {
        Pca pca = Pca.fit(lee.matrix(), done -> { });
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(ReduceCommand.run(new String[] {"reduce", numpy.get("file").asString(), tmp.resolve("r.vec").toString(),
                "--dim", "4", "--remove-top", "2"}, new PrintStream(stdout, true, StandardCharsets.UTF_8), quiet)).isZero();
        // Components 3 to 6 of 10: their share of all the variance, and of the variance after the top two.
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains(String.format(java.util.Locale.ROOT,
                "4 dimensions after removing the top 2, %.1f%% of the variance kept (%.1f%% of what the top 2 left)",
                100 * pca.explained(2, 6), 100 * pca.explained(2, 6) / pca.explained(2, 10)));
    }

    @Test
    void aShareShortOfTheWholeIsNeverShownAsAHundredPercent() {
        assertThat(ReduceCommand.percent(0.5)).isEqualTo("50.0%");
        assertThat(ReduceCommand.percent(0.9994)).isEqualTo("99.9%");
        // A fastText model's first 10 of 24 components held this much; it printed "100.0%".
        assertThat(ReduceCommand.percent(0.9997085)).isEqualTo("99.97%");
        assertThat(ReduceCommand.percent(0.99999)).isEqualTo("99.999%");
        // Every component kept, less what the sums' rounding leaves.
        assertThat(ReduceCommand.percent(1 - 1e-12)).isEqualTo("100.0%");
        assertThat(ReduceCommand.percent(1)).isEqualTo("100.0%");
    }

    /**
     * A fastText model reduced into a .wvc file keeps its n-grams, mapped as its words are, so an
     * unknown word's vector in the output is its vector in the input, reduced. word2vec files hold
     * no n-grams, and the command says so.
     */
    @Test
    void aFastTextModelKeepsItsNgramsReducedAsItsWords(@TempDir Path tmp) throws Exception {
        String file = "src/test/resources/fixtures/crime-and-punishment.bin";
        ParsedVectors model = ModelReader.read(ModelSource.of(file), ModelFormat.AUTO, p -> { });
        Pca pca = Pca.fit(model.matrix(), done -> { });
        for (int top : new int[] {0, 1}) {
            Path out = tmp.resolve("r" + top + ".wvc");
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(ReduceCommand.run(new String[] {"reduce", file, out.toString(), "--dim", "3", "--remove-top",
                "" + top}, new PrintStream(stdout, true, StandardCharsets.UTF_8), quiet)).isZero();
            assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("with its 100 character n-gram rows");
            ParsedVectors reduced = new dev.wordvec.formats.ModelCache(null, RowBlocks.DEFAULT_BLOCK_BYTES)
                    .load(ModelSource.of(out.toString()), ModelFormat.AUTO, 0, p -> { });
            assertThat(reduced.subwords()).isNotNull();
            assertThat(reduced.subwords().rows().dimension()).isEqualTo(3);
            for (String unknown : new String[] {"раскольниковым", "zzqx"}) {
                assertThat(model.vocabulary().rowOf(unknown)).isNegative();
                float[] full = model.subwords().vector(unknown);
                RowBlocks expected = pca.project(RowBlocks.of(new float[][] {full}, full.length), top, 3, done -> { });
                float[] want = new float[3];
                expected.read(0, want, 0);
                assertThat(reduced.subwords().vector(unknown)).as("%s, top %d", unknown, top)
                        .containsExactly(want, within(1e-5f));
            }
        }
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path text = tmp.resolve("r.vec");
        assertThat(ReduceCommand.run(new String[] {"reduce", file, text.toString(), "--dim", "3"}, quiet,
                new PrintStream(stderr, true, StandardCharsets.UTF_8))).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("note: word2vec files hold no character n-grams");
        assertThat(ModelReader.read(ModelSource.of(text.toString()), ModelFormat.AUTO, p -> { }).subwords()).isNull();
    }

    @Test
    void badArgumentsAreRefusedWithTheReason(@TempDir Path tmp) {
        String model = numpy.get("file").asString();
        String out = tmp.resolve("x.vec").toString();
        assertThat(run("reduce", model, out)).isEqualTo(2);
        assertThat(run("reduce", model, out, "--dim", "11")).isEqualTo(2);
        assertThat(run("reduce", model, out, "--dim", "9", "--remove-top", "2")).isEqualTo(2);
        assertThat(run("reduce", tmp.resolve("none.vec").toString(), out, "--dim", "4")).isEqualTo(1);
        // Each bad value is named with what the option takes.
        Map<List<String>, String> refusals = Map.of(
                List.of("--dim", "0"), "--dim takes a whole number of at least 1, not '0'",
                List.of("--dim", "4", "--remove-top", "-1"), "--remove-top takes a whole number of at least 0, not '-1'",
                List.of("--dim", "4", "--format", "csv"), "--format is word2vec, word2vec-binary or wvc, not 'csv'",
                List.of("--dim", "4", "--method", "svd"), "--method is pca, not 'svd'",
                List.of("--dim", "4", "--input-format", "npy"), "--input-format is auto, glove, word2vec-text, "
                        + "fasttext-vec, word2vec-binary, fasttext-bin or gensim, not 'npy'",
                List.of("--dim", "4", "--unicode-errors", "loose"), "--unicode-errors is strict, replace, ignore or "
                        + "backslashreplace, not 'loose'");
        refusals.forEach((options, message) -> {
            ByteArrayOutputStream refused = new ByteArrayOutputStream();
            List<String> args = new java.util.ArrayList<>(List.of("reduce", model, out));
            args.addAll(options);
            assertThat(ReduceCommand.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), new PrintStream(refused, true, StandardCharsets.UTF_8))).isEqualTo(2);
            assertThat(refused.toString(StandardCharsets.UTF_8)).as(options.toString()).startsWith(message + "\n");
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ReduceCommand.run(new String[] {"reduce", model, out, "--dim", "10", "--remove-top", "10"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--remove-top 10 removes every component of the "
                + "model's 10 dimensions: every vector would be zero");
        assertThat(Files.exists(Path.of(out))).isFalse();
    }

    @Test
    void moreComponentsThanWordsAreRefusedAsScikitLearnRefusesThem(@TempDir Path tmp) throws IOException {
        Path model = Files.writeString(tmp.resolve("three.txt"), "a 1 0 0 0\nb 0 1 0 0\nc 0 0 1 2\n");
        String out = tmp.resolve("x.vec").toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(ReduceCommand.run(new String[] {"reduce", model.toString(), out, "--dim", "2", "--remove-top", "2"},
                quiet, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .endsWith("\nthe model has 3 words: --dim 2 after --remove-top 2 asks for more components than it has words\n");
        assertThat(Files.exists(Path.of(out))).isFalse();
        // As many components as words is what scikit-learn's PCA still allows.
        assertThat(run("reduce", model.toString(), out, "--dim", "3")).isZero();
        assertThat(Files.readAllLines(Path.of(out))).hasSize(4).first().isEqualTo("3 3");
        // Removing the top components keeps the model's dimensions, whatever its number of words.
        assertThat(run("reduce", model.toString(), out, "--dim", "4", "--remove-top", "3")).isZero();
    }

    private static int run(String... args) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return ReduceCommand.run(args, quiet, quiet);
    }
}
