package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Vocabulary;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorsWriterTests {

    private static final Vocabulary WORDS = new Vocabulary(List.of("king", "queen", "caf\u00e9"));
    private static final RowBlocks ROWS = RowBlocks.of(new float[][] {{1, 0.5f}, {-0.25f, 2}, {3, 1e-8f}}, 2);

    /**
     * A name ending .gz, .bz2 or .xz gets the file compressed so: gensim's save_word2vec_format
     * writes such names compressed, and its load (through smart_open) decompresses by the name, so a
     * .gz holding plain text was refused there. The format is read from the name before the suffix.
     */
    @Test
    void aCompressedNameGetsACompressedFileOfTheFormatBeforeIt(@TempDir Path tmp) throws Exception {
        Path text = tmp.resolve("v.vec");
        Path binary = tmp.resolve("v.bin");
        VectorsWriter.write(WORDS, ROWS, VectorsWriter.Format.forFile(text), text);
        VectorsWriter.write(WORDS, ROWS, VectorsWriter.Format.forFile(binary), binary);
        for (String suffix : new String[] {".gz", ".bz2", ".xz"}) {
            for (Path plain : new Path[] {text, binary}) {
                Path compressed = tmp.resolve(plain.getFileName() + suffix);
                VectorsWriter.write(WORDS, ROWS, VectorsWriter.Format.forFile(compressed), compressed);
                try (InputStream in = unpacked(compressed, suffix)) {
                    assertThat(in.readAllBytes()).as(compressed.toString()).isEqualTo(Files.readAllBytes(plain));
                }
                ParsedVectors read = ModelReader.read(ModelSource.of(compressed.toString()), ModelFormat.AUTO, p -> { },
                        RowBlocks.DEFAULT_BLOCK_BYTES, 0, UnicodeErrors.STRICT);
                assertThat(read.vocabulary().size()).isEqualTo(3);
                assertThat(read.format()).isEqualTo(plain == binary ? ModelFormat.WORD2VEC_BINARY : ModelFormat.WORD2VEC_TEXT);
            }
        }
        assertThat(VectorsWriter.Format.forFile(Path.of("x.bin.GZ"))).isEqualTo(VectorsWriter.Format.WORD2VEC_BINARY);
        assertThat(VectorsWriter.Format.forFile(Path.of("x.wvc.xz"))).isEqualTo(VectorsWriter.Format.WVC);
        assertThat(VectorsWriter.Format.forFile(Path.of("x.txt.gz"))).isEqualTo(VectorsWriter.Format.WORD2VEC);
    }

    private static InputStream unpacked(Path file, String suffix) throws Exception {
        InputStream in = Files.newInputStream(file);
        return switch (suffix) {
            case ".gz" -> new GZIPInputStream(in);
            case ".bz2" -> new BZip2CompressorInputStream(in);
            default -> new XZCompressorInputStream(in);
        };
    }

    /** A .wvc file is mapped when loaded, so never compressed: refused by name, before any work, by each command. */
    @Test
    void aCompressedWvcIsRefused(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("m.wvc.gz");
        assertThatThrownBy(() -> VectorsWriter.write(WORDS, ROWS, VectorsWriter.Format.WVC, target))
                .hasMessage(target + ": a .wvc file is memory-mapped when loaded, so it cannot be gzip-compressed; "
                        + "name it without .gz, or write word2vec text or binary");
        Path model = tmp.resolve("m.vec");
        VectorsWriter.write(WORDS, ROWS, VectorsWriter.Format.WORD2VEC, model);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ConvertCommand.run(new String[] {"convert", model.toString(), target.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(target + ": a .wvc file is memory-mapped");
        assertThat(Files.exists(target)).isFalse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path converted = tmp.resolve("m.vec.gz");
        assertThat(ConvertCommand.run(new String[] {"convert", model.toString(), converted.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(word2vec, gzip, ");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(converted))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(model));
        }
    }

    /**
     * An output that is a stream (a named pipe here; /dev/stdout and >(gzip > x) are the same to
     * the writer) gets the vectors as they are written: a temporary file renamed over it replaced
     * the pipe, or /dev/stdout's link, with a regular file, and its reader got nothing. A command's
     * own last line goes to standard error then, as standard output may be that stream.
     */
    @Test
    void aStreamGetsTheVectorsWrittenIntoIt(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("m.vec");
        VectorsWriter.write(WORDS, ROWS, VectorsWriter.Format.WORD2VEC, model);
        Path pipe = tmp.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        assertThat(PartialFile.isStream(pipe)).isTrue();
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), "king queen king\nqueen king queen\n");
        for (String[] args : new String[][] {{"convert", model.toString(), pipe.toString()},
                {"reduce", model.toString(), pipe.toString(), "--dim", "2"},
                {"train", corpus.toString(), pipe.toString(), "--min-count", "1", "--dim", "2", "--epochs", "1"}}) {
            java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try (InputStream in = Files.newInputStream(pipe)) {
                            return in.readAllBytes();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            int code = switch (args[0]) {
                case "convert" -> ConvertCommand.run(args, outStream, errStream);
                case "reduce" -> dev.wordvec.reduction.ReduceCommand.run(args, outStream, errStream);
                default -> dev.wordvec.training.TrainCommand.run(args, outStream, errStream);
            };
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            String written = new String(read.get(30, java.util.concurrent.TimeUnit.SECONDS), StandardCharsets.UTF_8);
            assertThat(written).as(args[0]).startsWith(args[0].equals("train") ? "2 2\n" : "3 2\nking ");
            if (args[0].equals("convert")) {
                assertThat(written).isEqualTo(Files.readString(model));
            }
            assertThat(out.size()).as("standard output holds nothing but the vectors").isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(switch (args[0]) {
                case "convert" -> " to " + pipe + " (word2vec) in ";
                case "reduce" -> " to " + pipe + ": 2 dimensions";
                default -> "Trained " + pipe + " (cbow, 2 words x 2) in ";
            });
            assertThat(PartialFile.isStream(pipe)).as("still a pipe").isTrue();
            assertThat(tmp.toFile().list()).as("no temporary file left").containsExactlyInAnyOrder("m.vec", "pipe",
                    "corpus.txt");
        }
        // A .wvc is written with seeks, and a download resumes and checks a file: both need one.
        assertThatThrownBy(() -> VectorsWriter.write(WORDS, ROWS, VectorsWriter.Format.WVC, pipe))
                .hasMessage(pipe + " is a stream (a device, pipe or standard output): a .wvc file is written with "
                        + "seeks and memory-mapped when loaded, so it needs a file; name one, or write word2vec text "
                        + "or binary");
        assertThat(PartialFile.notAFile(Path.of("/dev/stdout"))).isEqualTo("/dev/stdout is a stream (a device, pipe "
                + "or standard output), not a file: name a file to write");
    }

    /** A run's output that cannot fit in the free space is refused before the run, by the least each format takes. */
    @Test
    void anOutputThatCannotFitIsRefusedBeforeTheWork(@TempDir Path tmp) throws Exception {
        List<String> words = List.of("king", "queen", "caf\u00e9");
        VectorsWriter.Format binary = VectorsWriter.Format.WORD2VEC_BINARY;
        VectorsWriter.Format text = VectorsWriter.Format.WORD2VEC;
        // word2vec binary and .wvc: the words with a separator (5 + 6 + 6 bytes) and 4 bytes a value.
        assertThat(VectorsWriter.noRoom(words, 100, binary, tmp.resolve("v.bin"), 1216))
                .isEqualTo(tmp.resolve("v.bin") + " cannot be written: 3 words x 100 dimensions as word2vec-binary "
                        + "take at least 0.0 MB, and its file system has 0.0 MB free");
        assertThat(VectorsWriter.noRoom(words, 100, binary, tmp.resolve("v.bin"), 1217))
                .isNull();
        assertThat(VectorsWriter.noRoom(words, 100, VectorsWriter.Format.WVC, tmp.resolve("v.wvc"), 1216)).isNotNull();
        // Text: 4 bytes a value at the least ("0.0 "), the words aside.
        assertThat(VectorsWriter.noRoom(words, 100, text, tmp.resolve("v.vec"), 1199))
                .isNotNull();
        assertThat(VectorsWriter.noRoom(words, 100, text, tmp.resolve("v.vec"), 1200)).isNull();
        // Compressed, its size is not known before: the write says.
        assertThat(VectorsWriter.noRoom(words, 100, text, tmp.resolve("v.vec.gz"), 0)).isNull();
        // The file system's own free space, for a file in a directory still to be made.
        assertThat(VectorsWriter.noRoom(words, 100, text, tmp.resolve("new/v.vec"))).isNull();
        List<String> many = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "w" + i).toList();
        assertThat(VectorsWriter.noRoom(many, Integer.MAX_VALUE, text, tmp.resolve("new/v.vec")))
                .contains("1000 words x 2147483647 dimensions as word2vec take at least 8589934.6 MB, and its file "
                        + "system has ");
        // Every value written takes at least the bound: a text file of zeros.
        Path zeros = tmp.resolve("zeros.vec");
        VectorsWriter.write(new Vocabulary(words), RowBlocks.of(new float[3][100], 100), text,
                zeros);
        assertThat(Files.size(zeros)).isGreaterThanOrEqualTo(1200);
    }

    /**
     * GloVe 840B's words with spaces ({@code . . .}) and any word with ASCII whitespace: word2vec's
     * formats end a word at a space (fastText's reader at any whitespace), so gensim refused the
     * text line and the binary file was not even read back by wordvec. They are written with _
     * for each such character, the person is told, and every other word and value is as it was.
     */
    @Test
    void wordsWithWhitespaceAreWrittenWithUnderscores(@TempDir Path tmp) throws Exception {
        Vocabulary words = new Vocabulary(List.of("the", ". . .", "at name@domain.com", "tab\there", "caf\u00e9"));
        RowBlocks rows = RowBlocks.of(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}}, 2);
        List<String> written = List.of("the", "._._.", "at_name@domain.com", "tab_here", "caf\u00e9");
        for (String name : new String[] {"v.vec", "v.bin"}) {
            Path file = tmp.resolve(name);
            assertThat(VectorsWriter.write(words, rows, VectorsWriter.Format.forFile(file), file)).hasValue(
                    "3 words of the model have whitespace in them, which word2vec's formats end a word at, so in "
                    + name + " each such character is written _: '. . .' as '._._.', 'at name@domain.com' as "
                    + "'at_name@domain.com', 'tab\\there' as 'tab_here' (a .wvc file keeps every word as it is)");
            ParsedVectors read = ModelReader.read(ModelSource.of(file.toString()), ModelFormat.AUTO, p -> { },
                    RowBlocks.DEFAULT_BLOCK_BYTES, 0, UnicodeErrors.STRICT);
            assertThat(read.vocabulary().size()).as(name).isEqualTo(5);
            for (int r = 0; r < 5; r++) {
                assertThat(read.vocabulary().word(r)).as(name).isEqualTo(written.get(r));
                float[] row = new float[2];
                read.matrix().read(r, row, 0);
                assertThat(row).as(name + " " + written.get(r)).containsExactly(2 * r + 1, 2 * r + 2);
            }
        }
        // As gensim splits a text line: at each space, into the word and exactly 2 values.
        for (String line : Files.readAllLines(tmp.resolve("v.vec")).subList(1, 6)) {
            assertThat(line.split(" ")).as(line).hasSize(3);
        }
        Path kept = tmp.resolve("v.wvc");
        assertThat(VectorsWriter.write(words, rows, VectorsWriter.Format.WVC, kept)).isEmpty();
        assertThat(ConvertedModel.isConverted(kept)).isTrue();
        assertThat(VectorsWriter.write(WORDS, ROWS, VectorsWriter.Format.WORD2VEC, tmp.resolve("plain.vec"))).isEmpty();
    }

    /** A word written with _ that would be another word of the model: refused, the file not written. */
    @Test
    void aWordWrittenAsAnotherIsRefused(@TempDir Path tmp) {
        Path file = tmp.resolve("v.vec");
        RowBlocks rows = RowBlocks.of(new float[][] {{1}, {2}, {3}}, 1);
        String why = "and word2vec's formats would write both as 'new_york' (they end a word at whitespace, so it is "
                + "written _); write a .wvc file, which keeps every word as it is";
        assertThatThrownBy(() -> VectorsWriter.write(new Vocabulary(List.of("new_york", "x", "new york")), rows,
                VectorsWriter.Format.WORD2VEC, file))
                .hasMessage("the model has both 'new_york' and 'new york', " + why);
        assertThatThrownBy(() -> VectorsWriter.write(new Vocabulary(List.of("new york", "x", "new\tyork")), rows,
                VectorsWriter.Format.WORD2VEC_BINARY, file)).hasMessage("the model has both 'new york' and "
                + "'new\\tyork', " + why);
        assertThat(Files.exists(file)).isFalse();
        assertThat(tmp.toFile().list()).isEmpty();
    }
}
