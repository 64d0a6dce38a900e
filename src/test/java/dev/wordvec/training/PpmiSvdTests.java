package dev.wordvec.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.formats.ModelCache;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.testing.TestModels;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Search;
import dev.wordvec.vectors.Term;
import dev.wordvec.vectors.WordVectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpmiSvdTests {

    @BeforeAll
    static void engine() {
        PyTorchEngine.start(1);
    }

    private static Corpus corpus(Path tmp, String text, int minCount) throws Exception {
        return Corpus.read(Files.writeString(tmp.resolve("corpus.txt"), text), minCount, 0, p -> { });
    }

    @Test
    void ppmiEqualsTheHandComputedValues(@TempDir Path tmp) throws Exception {
        // "a b c" and "a b", window 1: #(a,b) = #(b,a) = 2, #(b,c) = #(c,b) = 1; totals a 2, b 3, c 1 of 6.
        Corpus corpus = corpus(tmp, "a b c\na b\n", 1);
        assertThat(corpus.words()).as("a and b tie: gensim's order").containsExactly("b", "a", "c");
        int a = corpus.words().indexOf("a");
        int b = corpus.words().indexOf("b");
        int c = corpus.words().indexOf("c");
        Cooccurrences counts = Cooccurrences.count(corpus, 1);
        assertThat(counts.get(a, b)).isEqualTo(2f);
        assertThat(counts.get(c, b)).isEqualTo(1f);
        assertThat(counts.get(a, c)).isZero();
        // No smoothing: every PMI is log(#(w,c) / (#w · #c / 6)) = log 2.
        PpmiSvd.Sparse plain = new PpmiSvd(2, 1, 1, 1, 0.5, 1).ppmi(counts, 3);
        for (int[] pair : new int[][] {{a, b}, {b, a}, {b, c}, {c, b}}) {
            assertThat((double) plain.get(pair[0], pair[1])).isCloseTo(Math.log(2), within(1e-6));
        }
        assertThat(plain.values()).hasSize(4);
        // Contexts smoothed with 0.75: P(c) = #c^0.75 / (2^0.75 + 3^0.75 + 1).
        double z = Math.pow(2, 0.75) + Math.pow(3, 0.75) + 1;
        PpmiSvd.Sparse smoothed = new PpmiSvd(2, 1, 0.75, 1, 0.5, 1).ppmi(counts, 3);
        assertThat((double) smoothed.get(a, b)).isCloseTo(Math.log(2 / (2 * Math.pow(3, 0.75) / z)), within(1e-6));
        assertThat((double) smoothed.get(b, c)).isCloseTo(Math.log(1 / (3 * 1 / z)), within(1e-6));
        // Shifted by log 2: the log-2 entries of the plain matrix drop to 0 and leave it.
        assertThat(new PpmiSvd(2, 1, 1, 2, 0.5, 1).ppmi(counts, 3).values()).isEmpty();
    }

    @Test
    void theSvdGivesTheSameVectorsWhenTheJavaHeapIsCollectedBetweenItsProducts(@TempDir Path tmp) throws Exception {
        // The sparse matrix lives in libtorch between the products; it used to share the memory of
        // Java buffers that a collection could free meanwhile (products then read freed memory:
        // "index out of column bound"). Progress messages come between the products.
        Corpus corpus = corpus(tmp, "a b c d\nb c a\nd a b\nc d\na c\n", 1);
        PpmiSvd svd = new PpmiSvd(3, 2, 0.75, 1, 0.5, 7);
        PpmiSvd.Sparse m = svd.ppmi(Cooccurrences.count(corpus, 2), 4);
        RowBlocks quiet = svd.svd(m, s -> { });
        RowBlocks collected = svd.svd(m, s -> collectGarbage());
        float[] a = new float[3];
        float[] b = new float[3];
        for (int row = 0; row < 4; row++) {
            quiet.read(row, a, 0);
            collected.read(row, b, 0);
            assertThat(b).containsExactly(a);
        }
    }

    private static void collectGarbage() {
        // Several rounds, with pauses for the cleaner thread that frees collected direct buffers.
        for (int i = 0; i < 3; i++) {
            byte[][] churn = new byte[64][];
            for (int j = 0; j < churn.length; j++) {
                churn[j] = new byte[1 << 16];
            }
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void theSvdReconstructsTheMatrix(@TempDir Path tmp) throws Exception {
        Corpus corpus = corpus(tmp, "a b c d\nb c a\nd a b\nc d\n", 1);
        PpmiSvd full = new PpmiSvd(4, 2, 0.75, 1, 1, 7);
        PpmiSvd.Sparse m = full.ppmi(Cooccurrences.count(corpus, 2), 4);
        // With eig = 1 and full rank the rows are U·Σ, so W·Wᵀ = M·Mᵀ whatever the signs.
        RowBlocks w = full.svd(m, s -> { });
        double[][] dense = new double[4][4];
        for (int i = 0; i < m.rows().length; i++) {
            dense[m.rows()[i]][m.columns()[i]] = m.values()[i];
        }
        float[] a = new float[4];
        float[] b = new float[4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                w.read(i, a, 0);
                w.read(j, b, 0);
                double ours = 0;
                double expected = 0;
                for (int k = 0; k < 4; k++) {
                    ours += a[k] * b[k];
                    expected += dense[i][k] * dense[j][k];
                }
                assertThat(ours).as("(W Wᵀ)[%d][%d]", i, j).isCloseTo(expected, within(1e-4));
            }
        }
    }

    /** Two topics whose words only ever share sentences with each other. */
    static String plantedCorpus(long seed) {
        String[][] topics = {{"cat", "dog", "pet", "fur", "paw", "purr"}, {"car", "truck", "road", "wheel", "engine", "fuel"}};
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < 2000; s++) {
            String[] topic = topics[random.nextInt(2)];
            for (int w = 0; w < 8; w++) {
                text.append(topic[random.nextInt(topic.length)]).append(w < 7 ? ' ' : '\n');
            }
        }
        return text.toString();
    }

    @Test
    void aPlantedRelationIsFoundAndASeedAlwaysGivesTheSameVectors(@TempDir Path tmp) throws Exception {
        Corpus corpus = corpus(tmp, plantedCorpus(3), 5);
        PpmiSvd trainer = new PpmiSvd(4, 3, 0.75, 1, 0.5, 11);
        RowBlocks first = trainer.train(corpus, s -> { });
        RowBlocks again = trainer.train(corpus, s -> { });
        float[] x = new float[4];
        float[] y = new float[4];
        for (int r = 0; r < corpus.words().size(); r++) {
            first.read(r, x, 0);
            again.read(r, y, 0);
            assertThat(x).containsExactly(y);
        }
        try (WordVectors vectors = TestModels.float32(new dev.wordvec.vectors.Vocabulary(corpus.words()), first)) {
            for (String word : List.of("cat", "truck")) {
                int row = corpus.words().indexOf(word);
                List<Neighbor> nearest = vectors.search(List.of(new Search(List.of(Term.word(row, 1)), 5, -1f)), 0).get(0);
                List<String> topic = word.equals("cat") ? List.of("dog", "pet", "fur", "paw", "purr")
                        : List.of("car", "road", "wheel", "engine", "fuel");
                assertThat(nearest).extracting(Neighbor::word).as("the 5 nearest to %s", word)
                        .containsExactlyInAnyOrderElementsOf(topic);
            }
        }
    }

    @Test
    void theCommandWritesAModelTheServiceReads(@TempDir Path tmp) throws Exception {
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), plantedCorpus(5));
        for (String name : new String[] {"out.vec", "out.bin", "out.wvc"}) {
            Path out = tmp.resolve(name);
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int exit = TrainCommand.run(new String[] {"train", corpus.toString(), out.toString(), "--method", "ppmi-svd",
                "--dim", "3", "--window", "2"}, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8));
            assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("16000 words").contains("randomised SVD");
            ParsedVectors model = new ModelCache(null, RowBlocks.DEFAULT_BLOCK_BYTES)
                    .load(ModelSource.of(out.toString()), ModelFormat.AUTO, 0, p -> { });
            assertThat(model.vocabulary().size()).isEqualTo(12);
            assertThat(model.dimension()).isEqualTo(3);
        }
        assertThat(tmp.toFile().list()).allMatch(f -> !f.endsWith(".tmp"));
    }

    @Test
    void badUsageIsRefused(@TempDir Path tmp) throws Exception {
        Path corpus = Files.writeString(tmp.resolve("c.txt"), "a b\n");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        String out = tmp.resolve("o.vec").toString();
        assertThat(TrainCommand.run(new String[] {"train", corpus.toString()}, quiet, quiet)).as("no output").isEqualTo(2);
        assertThat(TrainCommand.run(new String[] {"train", corpus.toString(), out, "--method", "glove"}, quiet, quiet))
                .isEqualTo(2);
        assertThat(TrainCommand.run(new String[] {"train", corpus.toString(), out, "--method", "ppmi-svd", "--dim", "x"},
                quiet, quiet)).isEqualTo(2);
        assertThat(TrainCommand.run(new String[] {"train", corpus.toString(), out, "--method", "ppmi-svd", "--min-count",
            "1", "--dim", "5"}, quiet, quiet)).as("more dimensions than words").isEqualTo(1);
        assertThat(TrainCommand.run(new String[] {"train", tmp.resolve("none").toString(), out, "--method", "ppmi-svd"},
                quiet, quiet)).isEqualTo(1);
        assertThat(Files.exists(Path.of(out))).isFalse();
    }

    /** Each number option says its own range, before any corpus is read. */
    @Test
    void aNumberOutOfItsRangeIsNamedWithTheRange(@TempDir Path tmp) throws Exception {
        Path corpus = Files.writeString(tmp.resolve("c.txt"), "a b\n");
        String out = tmp.resolve("o.vec").toString();
        String[][] cases = {
            {"--sample", "-1", "--sample takes a number of at least 0, not '-1'"},
            {"--alpha", "0", "--alpha takes a number above 0, not '0'"},
            {"--alpha", "NaN", "--alpha takes a number above 0, not 'NaN'"},
            {"--min-alpha", "0.5", "--min-alpha 0.5 is above --alpha 0.025: the learning rate falls from --alpha to --min-alpha"},
            {"--cds", "1.5", "--cds takes a number above 0 and at most 1, not '1.5'"},
            {"--shift", "0.5", "--shift takes a number of at least 1, not '0.5'"},
        };
        for (String[] c : cases) {
            String method = c[0].equals("--cds") || c[0].equals("--shift") ? "ppmi-svd" : "skipgram";
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = TrainCommand.run(new String[] {"train", corpus.toString(), out, "--method", method, c[0], c[1]},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(exit).as(c[0]).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(c[2] + System.lineSeparator());
        }
    }
}
