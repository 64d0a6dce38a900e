package dev.wordvec.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code evaluate} command: gensim's scores on stdout as JSON, and exit codes that say what went wrong. */
class EvaluateCommandTests {

    private static final String LEE = "src/test/resources/fixtures/lee_fasttext.vec";

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = EvaluateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonOnStdoutEqualsGensimsScores() throws Exception {
        JsonNode gensim;
        try (InputStream in = getClass().getResourceAsStream("/gensim/evaluation.json")) {
            gensim = JsonMapper.builder().build().readTree(in).get("models").get("lee_fasttext").get("runs").get(1);
        }
        Run run = run("evaluate", LEE, "--case-sensitive", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        JsonNode total = gensim.get("analogies").get(14);
        assertThat(report.get("analogies").get("correct").asInt()).isEqualTo(total.get("correct").asInt());
        assertThat(report.get("analogies").get("incorrect").asInt()).isEqualTo(total.get("incorrect").asInt());
        assertThat(report.get("analogies").get("sections").get(0).get("section").asString())
                .isEqualTo("capital-common-countries");
        assertThat(report.get("pairs").get("wordsim353").get("spearman").asDouble())
                .isCloseTo(gensim.get("pairs").get("wordsim353").get("spearman").asDouble(), within(1e-6));
        assertThat(report.get("pairs").get("simlex999").get("oovRatio").asDouble())
                .isCloseTo(gensim.get("pairs").get("simlex999").get("oovRatio").asDouble(), within(1e-9));
        assertThat(run.err()).contains("analogies: ").contains("of").contains("questions");
    }

    @Test
    void setsCanBeFilesAndTextOutputNamesEachSection(@TempDir Path tmp) throws Exception {
        Path pairs = Files.writeString(tmp.resolve("mine.tsv"), "the\ta\t1\nof\tand\t2\nto\tin\t3\nis\twas\t5\n");
        Run run = run("evaluate", LEE, "--pairs", pairs.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Word pairs " + pairs + ": Pearson").contains("4 pairs, 0.0% OOV")
                .doesNotContain("Analogies");
    }

    /** A console in ASCII (LANG=C) still gets UTF-8 JSON: a section in another alphabet keeps its name. */
    @Test
    void jsonIsUtf8WhateverTheConsolesEncoding(@TempDir Path tmp) throws Exception {
        String capitals = "\u0441\u0442\u043e\u043b\u0438\u0446\u044b";
        Path analogies = Files.writeString(tmp.resolve("mine.txt"), ": " + capitals + "\nthe of and to\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = EvaluateCommand.run(new String[] {"evaluate", LEE, "--analogies", analogies.toString(), "--json"},
                new PrintStream(out, true, StandardCharsets.US_ASCII), new PrintStream(new ByteArrayOutputStream()));
        assertThat(exit).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.get("analogies").get("sections").get(0).get("section").asString())
                .isEqualTo(capitals);
    }

    @Test
    void aSectionThatAsksNothingShowsADashNotZeroPercent(@TempDir Path tmp) throws Exception {
        Path analogies = Files.writeString(tmp.resolve("mine.txt"),
                ": known\nthe of and to\nthe and of to\n: unknown\nzzqx the of and\n");
        Run run = run("evaluate", LEE, "--analogies", analogies.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).anyMatch(l -> l.matches(" +known +\\d / 2 +\\d+\\.\\d%"))
                .contains("  unknown                             0 / 0            -")
                .anyMatch(l -> l.matches(" +total +\\d / 2 +\\d+\\.\\d%   "
                        + "\\(1 of 3 questions skipped: 33\\.3% OOV\\)"));
        Path none = Files.writeString(tmp.resolve("none.txt"), ": unknown\nzzqx the of and\n");
        assertThat(run("evaluate", LEE, "--analogies", none.toString()).out())
                .contains("  total                               0 / 0            -   (1 of 1 questions skipped");
    }

    /** gensim's dummy4unknown and delimiter, as options: the same scores as gensim's. */
    @Test
    void dummy4unknownAndDelimiterScoreAsGensim(@TempDir Path tmp) throws Exception {
        JsonNode lee;
        try (InputStream in = getClass().getResourceAsStream("/gensim/evaluation.json")) {
            lee = JsonMapper.builder().build().readTree(in).get("models").get("lee_fasttext");
        }
        JsonNode gensim = lee.get("runs").get(3);
        Run run = run("evaluate", LEE, "--restrict-vocab", "5000", "--dummy4unknown", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(run.out());
        JsonNode total = gensim.get("analogies").get(14);
        assertThat(report.get("analogies").get("correct").asInt()).isEqualTo(total.get("correct").asInt());
        assertThat(report.get("analogies").get("incorrect").asInt()).isEqualTo(total.get("incorrect").asInt());
        assertThat(report.get("pairs").get("wordsim353").get("spearman").asDouble())
                .isCloseTo(gensim.get("pairs").get("wordsim353").get("spearman").asDouble(), within(1e-6));
        String text;
        try (InputStream in = getClass().getResourceAsStream("/evaluation/wordsim353.tsv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace('\t', ' ');
        }
        Path spaced = Files.writeString(tmp.resolve("men-style.txt"), text);
        JsonNode pairs = JsonMapper.builder().build().readTree(run("evaluate", LEE, "--pairs", spaced.toString(),
                "--delimiter", " ", "--json").out()).get("pairs").get(spaced.toString());
        assertThat(pairs.get("spearman").asDouble())
                .isCloseTo(lee.get("spaceDelimited").get("spearman").asDouble(), within(1e-6));
        assertThat(run("evaluate", LEE, "--pairs", spaced.toString()).err()).contains("not a word-pair set")
                .contains("is a pair with ' ' between the fields: set that delimiter");
        assertThat(run("evaluate", LEE, "--delimiter", "").exit()).isEqualTo(2);
    }

    /** Lines that are not a pair or a question are skipped, as gensim skips them, and counted aloud. */
    @Test
    void skippedLinesAreCountedInTheReport(@TempDir Path tmp) throws Exception {
        Path pairs = Files.writeString(tmp.resolve("pairs.tsv"),
                "# a comment\nthe\ta\t1\nof,and,2\nof\tand\t2\nto\tin\t3\n\nis\twas\t5\n");
        Path analogies = Files.writeString(tmp.resolve("q.txt"), ": s\nthe of to in\nthe of\nis was he she\n");
        Run text = run("evaluate", LEE, "--pairs", pairs.toString(), "--analogies", analogies.toString());
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("4 pairs, 0.0% OOV").contains("(2 lines of " + pairs
                + " skipped: not three fields, word1, word2 and a score)").contains("(1 line of " + analogies
                + " skipped: not four words)");
        JsonNode json = JsonMapper.builder().build().readTree(run("evaluate", LEE, "--pairs", pairs.toString(),
                "--analogies", analogies.toString(), "--json").out());
        assertThat(json.get("pairs").get(pairs.toString()).get("invalidLines").asInt()).isEqualTo(2);
        assertThat(json.get("analogies").get("invalidLines").asInt()).isEqualTo(1);
        assertThat(json.get("analogies").get("questions").asInt()).isEqualTo(2);
    }

    /**
     * A pair file saved "UTF-8 with BOM": gensim reads the mark into the first word, which then
     * matches nothing (its OOV ratio counts that pair); so does this, and says why.
     */
    @Test
    void aPairFileThatStartsWithAByteOrderMarkIsScoredAsGensimAndNoted(@TempDir Path tmp) throws Exception {
        Path pairs = Files.writeString(tmp.resolve("bom.tsv"), "\uFEFFthe\ta\t1\nof\tand\t2\nto\tin\t3\nis\twas\t5\n");
        Run run = run("evaluate", LEE, "--pairs", pairs.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 pairs, 25.0% OOV");
        assertThat(run.err()).contains("note: " + pairs + " starts with a byte-order mark (U+FEFF), as a file saved "
                + "\"UTF-8 with BOM\" does: its first word is read with it, '\\uFEFFthe', as gensim reads it, and so "
                + "matches no plain word; save the file without the mark");
        Path plain = Files.writeString(tmp.resolve("plain.tsv"), "the\ta\t1\nof\tand\t2\nto\tin\t3\n");
        assertThat(run("evaluate", LEE, "--pairs", plain.toString()).err()).doesNotContain("byte-order mark");
    }

    @Test
    void badUsageIs2AndABadSetOrModelIs1(@TempDir Path tmp) throws Exception {
        assertThat(run("evaluate").exit()).isEqualTo(2);
        assertThat(run("evaluate", LEE, "--method", "div").err()).contains("--method is add or mul");
        assertThat(run("evaluate", LEE, "--restrict-vocab", "0").exit()).isEqualTo(2);
        Run format = run("evaluate", LEE, "--format", "npy");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).startsWith("--format is auto, glove, word2vec-text, fasttext-vec, word2vec-binary, "
                + "fasttext-bin or gensim, not 'npy'\n");
        assertThat(run("evaluate", LEE, "--unicode-errors", "loose").err())
                .startsWith("--unicode-errors is strict, replace, ignore or backslashreplace, not 'loose'\n");
        Run missing = run("evaluate", LEE, "--pairs", tmp.resolve("none.tsv").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("none.tsv: not a built-in set name and not a file");
        assertThat(run("evaluate", LEE, "--pairs", tmp.toString()).err()).contains(tmp + ": is a directory, not a file");
        Path latin1 = Files.write(tmp.resolve("latin1.txt"), ": s\ncaf\u00e9 a b c\n".getBytes(StandardCharsets.ISO_8859_1));
        Run undecodable = run("evaluate", LEE, "--analogies", latin1.toString());
        assertThat(undecodable.exit()).isEqualTo(1);
        assertThat(undecodable.err()).contains(latin1 + ", line 2: not valid UTF-8 text: byte 4 of the line, 0xe9");
        Run noModel = run("evaluate", tmp.resolve("none.vec").toString(), "--pairs", "wordsim353");
        assertThat(noModel.exit()).isEqualTo(1);
        assertThat(noModel.err()).contains("none.vec");
    }
}
