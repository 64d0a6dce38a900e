package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.testing.GensimExpected;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelReaderTests {

    private static final GensimExpected GENSIM = GensimExpected.load();

    @TempDir
    Path tmp;

    static ParsedVectors read(Path path) throws ModelFileException {
        return read(path, ModelFormat.AUTO);
    }

    static ParsedVectors read(Path path, ModelFormat format) throws ModelFileException {
        return ModelReader.read(ModelSource.of(path.toString()), format, p -> { });
    }

    static float[] row(ParsedVectors parsed, String word) {
        int row = parsed.vocabulary().rowOf(word);
        assertThat(row).as("row of '%s'", word).isNotNegative();
        float[] out = new float[parsed.dimension()];
        parsed.matrix().read(row, out, 0);
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "test_glove, GLOVE",
        "lee_fasttext, FASTTEXT_VEC",
        "crime_and_punishment, FASTTEXT_VEC",
        "euclidean_vectors, WORD2VEC_BINARY",
        "high_precision_txt, WORD2VEC_TEXT",
        "high_precision_bin, WORD2VEC_BINARY",
        "demo, FASTTEXT_VEC",
    })
    void everyFixtureLoadsAsGensimLoadsIt(String name, ModelFormat detected) throws Exception {
        GensimExpected.Model expected = GENSIM.model(name);
        ParsedVectors parsed = read(expected.path());

        assertThat(parsed.format()).isEqualTo(detected);
        assertThat(parsed.vocabulary().size()).isEqualTo(expected.vocabularySize());
        assertThat(parsed.dimension()).isEqualTo(expected.dimension());
        for (int i = 0; i < expected.firstWords().size(); i++) {
            assertThat(parsed.vocabulary().word(i)).isEqualTo(expected.firstWords().get(i));
        }
        assertThat(parsed.vocabulary().word(parsed.vocabulary().size() - 1)).isEqualTo(expected.lastWord());
        for (Map.Entry<String, float[]> vector : expected.vectors().entrySet()) {
            // Bit-for-bit the float32 values gensim holds, not merely close.
            assertThat(row(parsed, vector.getKey())).as(vector.getKey()).containsExactly(vector.getValue());
        }
    }

    /**
     * Running out of memory names the limit reached and its flag: the heap's (-Xmx, which a model's
     * words need), or direct memory's (its matrix), where it named direct memory for both.
     */
    @Test
    void runningOutOfMemoryNamesTheLimitReached() {
        assertThat(ModelReader.outOfMemory(new OutOfMemoryError("Java heap space"), 48L << 20))
                .isEqualTo("not enough memory (Java heap space): the JVM's heap is at most 48 MB here; start it with "
                        + "a larger -Xmx (by default a quarter of the machine's memory)");
        assertThat(ModelReader.outOfMemory(new OutOfMemoryError("Cannot reserve 4096 bytes of direct buffer memory "
                + "(allocated: 1, limit: 2)"), 48L << 20))
                .startsWith("not enough memory for the matrix (Cannot reserve")
                .contains("start the JVM with -XX:MaxDirectMemorySize above the model's size").doesNotContain("-Xmx ");
    }

    /** A properties file keeps a space after the path; the message says so when the file without it exists. */
    /**
     * A format named by mistake (convert's --format names the file read, and was taken for the
     * output's) failed deep in the file for a reason that did not say so: the failure now says what
     * the file looks like. Text formats read alike are not told apart.
     */
    @Test
    void aFileReadAsAFormatItIsNotSaysWhatItLooksLike() throws Exception {
        Path text = Path.of("src/test/resources/fixtures/lee_fasttext.vec");
        assertThatThrownBy(() -> read(text, ModelFormat.WORD2VEC_BINARY)).isInstanceOf(ModelFileException.class)
                .hasMessageEndingWith("; the file looks like fasttext-vec, not the word2vec-binary it was read as (the "
                        + "format setting, or a command's --format, names the format of the file read)");
        assertThatThrownBy(() -> read(Path.of("src/test/resources/fixtures/lee_fasttext.bin"), ModelFormat.GLOVE))
                .hasMessageContaining("; the file looks like fasttext-bin, not the glove it was read as");
        assertThat(read(text, ModelFormat.WORD2VEC_TEXT).vocabulary().size()).isEqualTo(1762);
        // A file that is what it was read as, but broken, keeps its own reason alone.
        Path broken = Files.writeString(tmp.resolve("broken.vec"), "2 2\na 1 2\nb 3\n");
        assertThatThrownBy(() -> read(broken, ModelFormat.WORD2VEC_TEXT)).hasMessage("Cannot load model file "
                + broken + ", line 3: expected 2 values after the word, found 1");
    }

    @Test
    void aPathWithASpaceAtItsEndSaysSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("m.txt"), "a 1 2\n");
        assertThatThrownBy(() -> read(Path.of(file + " "))).isInstanceOf(ModelFileException.class)
                .hasMessageEndingWith("file does not exist (resolved to " + file + " ); the path has white space at "
                        + "its start or end ('" + file + " '), and '" + file + "' exists");
        assertThatThrownBy(() -> read(tmp.resolve("absent.txt "))).hasMessageEndingWith("file does not exist "
                + "(resolved to " + tmp.resolve("absent.txt ") + ")");
    }

    /**
     * A location as Spring writes one, beside the classpath: form taken already, is the file it
     * names; a URL of another kind says how to fetch it rather than "file does not exist".
     */
    @Test
    void aFileUrlIsItsFileAndAnotherUrlSaysHowToFetchIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("my model.txt"), "a 1 2\nb 3 4\n");
        for (String location : List.of("file:" + file, "file://" + file, "FILE:" + file,
                "file://localhost" + file.toUri().getRawPath(), file.toUri().toString())) {
            assertThat(ModelSource.of(location).path()).as(location).isEqualTo(file);
            assertThat(ModelReader.read(ModelSource.of(location), ModelFormat.AUTO, p -> { }).vocabulary().size())
                    .isEqualTo(2);
        }
        assertThat(ModelSource.of("file:models/x.vec").path()).isEqualTo(Path.of("models/x.vec"));
        assertThat(ModelSource.of("file:" + tmp.resolve("a.zip") + "!b.txt").path()).isEqualTo(tmp.resolve("a.zip"));
        for (String url : List.of("https://example.com/glove.txt", "s3://bucket/glove.txt",
                "file://server/glove.txt")) {
            assertThatThrownBy(() -> ModelReader.read(ModelSource.of(url), ModelFormat.AUTO, p -> { }))
                    .isInstanceOf(ModelFileException.class).hasMessageContaining(url + ": is a URL, and a model's "
                            + "path names a file: fetch it first with `java -jar wordvec.jar download URL FILE`");
        }
    }

    @Test
    void gloveFirstComponentsOfTheAreTheStanfordValues() throws Exception {
        ParsedVectors parsed = read(GENSIM.model("test_glove").path());
        float[] the = row(parsed, "the");
        assertThat(the).startsWith(0.418f, 0.24968f, -0.41242f, 0.1217f, 0.34527f);
        assertThat(the[49]).isEqualTo(-0.78581f);
        assertThat(parsed.vocabulary().rowOf("ö")).isNotNegative();
    }

    @Test
    void highPrecisionValuesRoundTripExactlyToFloat32() throws Exception {
        ParsedVectors text = read(GENSIM.model("high_precision_txt").path());
        assertThat(row(text, "kangaroo.n.01")).containsExactly(
                (float) -0.0007369244245224787, (float) -8.269973595356034e-05);
        assertThat(row(text, "horse.n.01")).containsExactly(
                (float) -0.0008546282343595379, (float) 0.0007694142576316829);
        ParsedVectors binary = read(GENSIM.model("high_precision_bin").path());
        assertThat(binary.vocabulary().word(1)).isEqualTo("horse.n.01");
        assertThat(row(binary, "kangaroo.n.01")).containsExactly(GENSIM.model("high_precision_bin").vectors().get("kangaroo.n.01"));
    }

    @Test
    void cyrillicWordsAreReadAsUtf8() throws Exception {
        ParsedVectors parsed = read(GENSIM.model("crime_and_punishment").path());
        assertThat(parsed.vocabulary().word(0)).isEqualTo("и");
        assertThat(parsed.vocabulary().rowOf("Он")).isEqualTo(12);
        assertThat(parsed.vocabulary().rowOf("он")).isEqualTo(6);
        assertThat(row(parsed, "в")).containsExactly(0.093809f, -0.013232f, -0.080568f, 0.23478f, 0.11884f);
    }

    @Test
    void gzipFilesReadTheSameAsPlainOnes() throws Exception {
        Path plain = GENSIM.model("euclidean_vectors").path();
        Path gz = tmp.resolve("euclidean_vectors.bin.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        ParsedVectors a = read(plain);
        ParsedVectors b = read(gz);
        assertThat(b.format()).isEqualTo(ModelFormat.WORD2VEC_BINARY);
        assertThat(b.vocabulary().size()).isEqualTo(a.vocabulary().size());
        assertThat(b.matrix().blocks()).isEqualTo(a.matrix().blocks());
    }

    @Test
    void explicitFormatOverridesDetection() throws Exception {
        ParsedVectors parsed = read(GENSIM.model("lee_fasttext").path(), ModelFormat.WORD2VEC_TEXT);
        assertThat(parsed.format()).isEqualTo(ModelFormat.WORD2VEC_TEXT);
        assertThat(parsed.vocabulary().size()).isEqualTo(1762);
        // Forcing GloVe onto a file with a header reads "1762 10" as the word "1762" with one value.
        assertThatThrownBy(() -> read(GENSIM.model("lee_fasttext").path(), ModelFormat.GLOVE))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("line 2: expected 1 values after the word, found 10");
    }

    @Test
    void windowsLineEndingsAndTrailingSpacesAreAccepted() throws Exception {
        ParsedVectors parsed = read(write("crlf.txt", "2 3\r\nfoo 1 2 3 \r\nbar 4 5 6\r\n"));
        assertThat(row(parsed, "foo")).containsExactly(1f, 2f, 3f);
        assertThat(row(parsed, "bar")).containsExactly(4f, 5f, 6f);
    }

    /** A header whose numbers a tab separates, which gensim reads (it splits the header at any whitespace). */
    @Test
    void aHeaderWithATabIsRead() throws Exception {
        ParsedVectors parsed = read(write("tab-header.vec", "2\t3\nfoo 1 2 3\nbar 4 5 6\n"));
        assertThat(parsed.format()).isEqualTo(ModelFormat.WORD2VEC_TEXT);
        assertThat(row(parsed, "bar")).containsExactly(4f, 5f, 6f);
        ParsedVectors binary = read(binary("2\t2\n", "a", new float[] {1, 2}, "b", new float[] {3, 4}));
        assertThat(binary.format()).isEqualTo(ModelFormat.WORD2VEC_BINARY);
        assertThat(row(binary, "b")).containsExactly(3f, 4f);
    }

    @Test
    void aDuplicatedWordKeepsItsFirstRow() throws Exception {
        ParsedVectors parsed = read(write("dup.txt", "3 2\nfoo 1 2\nbar 3 4\nfoo 5 6\n"));
        assertThat(parsed.vocabulary().size()).isEqualTo(2);
        assertThat(parsed.duplicates()).isEqualTo(1);
        assertThat(row(parsed, "foo")).containsExactly(1f, 2f);
        assertThat(parsed.matrix().bytes()).isEqualTo(2 * 2 * Float.BYTES);
    }

    @Test
    void gloveWordsContainingSpacesKeepTheirSpaces() throws Exception {
        ParsedVectors parsed = read(write("spaces.txt", "the 1 2\n. . . 3 4\n"));
        assertThat(parsed.format()).isEqualTo(ModelFormat.GLOVE);
        assertThat(row(parsed, ". . .")).containsExactly(3f, 4f);
    }

    /**
     * The empty word, as gensim's save_word2vec_format writes it (a model trained on text split at
     * single spaces holds ''; its line starts with the space before the values, its binary row with
     * the space) and as gensim reads it back: wordvec refused these files ("expected 3 values after
     * the word, found 2"; "an empty word").
     */
    @Test
    void theEmptyWordIsReadAsGensimWritesIt() throws Exception {
        ParsedVectors first = read(write("empty-first.vec", "3 3\n 0.0 0.14285715 0.2857143\nthe 1 2 3\ncat 4 5 6\n"));
        ParsedVectors middle = read(write("empty-middle.vec", "3 3\nthe 1 2 3\n 0.5 0.25 0.125\ncat 4 5 6\n"));
        ParsedVectors binary = read(binary("3 2\n", "the", new float[] {1, 2}, "", new float[] {3, 4}, "cat",
                new float[] {5, 6}));
        assertThat(first.vocabulary().word(0)).isEmpty();
        assertThat(row(first, "")).containsExactly(0f, 0.14285715f, 0.2857143f);
        assertThat(middle.vocabulary().word(1)).isEmpty();
        assertThat(row(middle, "")).containsExactly(0.5f, 0.25f, 0.125f);
        assertThat(row(middle, "cat")).containsExactly(4f, 5f, 6f);
        assertThat(binary.vocabulary().word(1)).isEmpty();
        assertThat(row(binary, "")).containsExactly(3f, 4f);
        assertThat(row(binary, "cat")).containsExactly(5f, 6f);
        // A line with its word missing after two spaces is no gensim line: still refused.
        assertThatThrownBy(() -> read(write("indented.vec", "2 3\nthe 1 2 3\n  4 5 6\n")))
                .hasMessageContaining("line 3: expected 3 values after the word, found 2");
    }

    @Test
    void wordsOfAnyScriptAndSymbolsAreKept() throws Exception {
        ParsedVectors parsed = read(write("scripts.txt", "東京 1 2\nnaïve 3 4\nC++ 5 6\n🙂 7 8\n"));
        assertThat(row(parsed, "東京")).containsExactly(1f, 2f);
        assertThat(row(parsed, "naïve")).containsExactly(3f, 4f);
        assertThat(row(parsed, "C++")).containsExactly(5f, 6f);
        assertThat(row(parsed, "🙂")).containsExactly(7f, 8f);
    }

    // ---- malformed files: each names the file, the place and the reason ----

    @Test
    void missingFile() {
        Path missing = tmp.resolve("nope.txt");
        assertThatThrownBy(() -> read(missing)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    /** A directory where a file belongs: the message says what it holds, the likeliest fix. */
    @Test
    void directoryNamesItsFilesOrSaysItIsAContextualModel() throws Exception {
        Path models = Files.createDirectory(tmp.resolve("models"));
        assertThatThrownBy(() -> read(models)).isInstanceOf(ModelFileException.class)
                .hasMessage("Cannot load model file " + models + ": is a directory, not a model file (an empty one)");
        for (String name : new String[] {"glove.6B.50d.txt", "glove.6B.100d.txt", "a.bin", "b.bin", "c.bin", "d.bin"}) {
            Files.writeString(models.resolve(name), "");
        }
        Files.createDirectory(models.resolve("sub"));
        assertThatThrownBy(() -> read(models)).hasMessage("Cannot load model file " + models + ": is a directory, not a "
                + "model file; name one of its files: a.bin, b.bin, c.bin, d.bin, glove.6B.100d.txt and 1 more");
        Path export = Files.createDirectories(tmp.resolve("minilm/onnx"));
        Files.writeString(export.resolve("model.onnx"), "");
        assertThatThrownBy(() -> read(export.getParent())).hasMessageEndingWith(": is a directory, not a model file; it "
                + "holds an ONNX network (model.onnx), a contextual model: the service loads it with "
                + "wordvec.models.<name>.kind: contextual");
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = write("empty.txt", "");
        assertThatThrownBy(() -> read(empty)).hasMessageContaining(empty.toString()).hasMessageContaining("empty");
    }

    @Test
    void truncatedTextFileIsShorterThanItsHeader() throws Exception {
        Path file = write("short.vec", "3 2\nfoo 1 2\nbar 3 4\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(ModelFileException.class)
                .hasMessage("Cannot load model file " + file + ", line 4: unexpected end of file after 2 of the 3 rows "
                        + "the header announces (truncated file?)");
    }

    @Test
    void textFileCutInTheMiddleOfALine() throws Exception {
        Path file = write("cut.txt", "foo 1 2 3\nbar 4 5");
        assertThatThrownBy(() -> read(file))
                .hasMessage("Cannot load model file " + file + ", line 2: expected 3 values after the word, found 2");
    }

    @Test
    void tabSeparatedFilesAreRefusedWithTheReason() throws Exception {
        Path glove = write("tabs.txt", "foo\t1\t2\nbar\t3\t4\n");
        assertThatThrownBy(() -> read(glove)).hasMessage("Cannot load model file " + glove + ", line 1: a word with no "
                + "values after it (its fields are separated by tabs; GloVe, word2vec and fastText text files separate "
                + "them with spaces)");
        Path word2vec = write("tabs.vec", "2 2\nfoo 1 2\nbar\t3\t4\n");
        assertThatThrownBy(() -> read(word2vec)).hasMessage("Cannot load model file " + word2vec + ", line 3: expected "
                + "2 values after the word, found 0 (its fields are separated by tabs; GloVe, word2vec and fastText text "
                + "files separate them with spaces)");
        // A word alone on its line, without tabs, gets no hint.
        Path alone = write("alone.txt", "foo\n");
        assertThatThrownBy(() -> read(alone)).hasMessage("Cannot load model file " + alone + ", line 1: a word with no "
                + "values after it");
    }

    @Test
    void lineWithTooManyValues() throws Exception {
        Path file = write("long.txt", "2 2\nfoo 1 2\nbar 3 4 5\n");
        assertThatThrownBy(() -> read(file)).hasMessageContaining(", line 3: expected 2 values after the word, found 3");
    }

    @Test
    void valueThatIsNotANumber() throws Exception {
        Path file = write("nan.txt", "foo 1 2\nbar 3 x4\n");
        assertThatThrownBy(() -> read(file)).hasMessageContaining(", line 2: value 2 ('x4') is not a number");
        // Numbers to Java, not to gensim (Python's float), which refuses the file.
        Path javaFloat = write("java.txt", "foo 1 2.5f\nbar 3 4\n");
        assertThatThrownBy(() -> read(javaFloat)).hasMessageContaining(", line 1: value 2 ('2.5f') is not a number");
        Path hex = write("hex.txt", "2 2\nfoo 1 2\nbar 0x1p3 4\n");
        assertThatThrownBy(() -> read(hex)).hasMessageContaining(", line 3: value 1 ('0x1p3') is not a number");
    }

    @Test
    void valueThatIsNotFinite() throws Exception {
        Path file = write("inf.txt", "foo 1 2\nbar 3 NaN\n");
        assertThatThrownBy(() -> read(file)).hasMessageContaining(", line 2: value 2 ('NaN') is not a finite float32");
        // As gensim's save_word2vec_format writes a model whose training diverged.
        Path gensim = write("gensim-nan.txt", "2 2\nfoo 1 2\nbar -inf nan\n");
        assertThatThrownBy(() -> read(gensim))
                .hasMessageContaining(", line 3: value 1 ('-inf') is not a finite float32");
    }

    @Test
    void headerAnnouncesFewerRowsThanTheFileHolds() throws Exception {
        Path file = write("more.txt", "1 2\nfoo 1 2\nbar 3 4\n");
        assertThatThrownBy(() -> read(file))
                .hasMessageContaining(", line 3: the header announces 1 rows, but the file goes on after them");
    }

    /**
     * A byte-order mark before a word2vec header (Notepad's "UTF-8 with BOM") is passed over, text
     * and binary alike: it belongs to no word. (Before a GloVe file's first word it stays, as gensim
     * keeps it: ModelRegistryTests.)
     */
    @Test
    void aByteOrderMarkBeforeTheHeaderIsPassedOver() throws Exception {
        ParsedVectors text = read(write("bom.vec", "\uFEFF2 3\nfoo 1 2 3\nbar 4 5 6\n"));
        assertThat(text.format()).isEqualTo(ModelFormat.WORD2VEC_TEXT);
        assertThat(text.vocabulary().word(0)).isEqualTo("foo");
        assertThat(row(text, "bar")).containsExactly(4, 5, 6);
        java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        binary.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        binary.write("1 2\nfoo ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        binary.write(java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-2f)
                .array());
        Path file = tmp.resolve("bom.bin");
        Files.write(file, binary.toByteArray());
        ParsedVectors fromBinary = read(file);
        assertThat(fromBinary.format()).isEqualTo(ModelFormat.WORD2VEC_BINARY);
        assertThat(row(fromBinary, "foo")).containsExactly(0.5f, -2f);
    }

    @Test
    void headerDimensionDisagreesWithTheRows() throws Exception {
        Path file = write("dims.txt", "2 3\nfoo 1 2\nbar 3 4\n");
        assertThatThrownBy(() -> read(file)).hasMessageContaining(", line 2: expected 3 values after the word, found 2");
    }

    @Test
    void forcedHeaderThatIsNoHeader() throws Exception {
        Path file = write("noheader.txt", "foo 1 2\n");
        assertThatThrownBy(() -> read(file, ModelFormat.WORD2VEC_TEXT))
                .hasMessageContaining(", line 1: expected a header 'count dimension' (word2vec-text format), found 'foo 1 2'");
    }

    @Test
    void emptyLineInsideTheFile() throws Exception {
        Path file = write("blank.txt", "foo 1 2\n\nbar 3 4\n");
        assertThatThrownBy(() -> read(file)).hasMessageContaining(", line 2: empty line inside the file");
    }

    @Test
    void trailingEmptyLinesAreFine() throws Exception {
        assertThat(read(write("trailing.txt", "foo 1 2\nbar 3 4\n\n\n")).vocabulary().size()).isEqualTo(2);
    }

    @Test
    void wordThatIsNotUtf8() throws Exception {
        Path file = tmp.resolve("latin1.txt");
        Files.write(file, "foo 1 2\ncaf\u00e9 3 4\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> read(file)).hasMessageContaining(", line 2: the word is not valid UTF-8");
        Path withHeader = tmp.resolve("latin1.vec");
        Files.write(withHeader, "2 2\ncaf\u00e9 3 4\nfoo 1 2\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> read(withHeader)).hasMessageContaining(", line 2: the word is not valid UTF-8");
    }

    @Test
    void truncatedBinaryFile() throws Exception {
        byte[] whole = Files.readAllBytes(GENSIM.model("euclidean_vectors").path());
        Path cut = tmp.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 7));
        assertThatThrownBy(() -> read(cut)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("unexpected end of file inside the vector of")
                .hasMessageContaining("row 2747 of 2747");
    }

    @Test
    void binaryFileWithMoreDataThanItsHeader() throws Exception {
        Path file = binary("2 2\n", "a", new float[] {1, 2}, "b", new float[] {3, 4}, "c", new float[] {5, 6});
        assertThatThrownBy(() -> read(file)).hasMessageContaining("byte offset 24: the header announces 2 rows, but more data follows them");
    }

    @Test
    void binaryFileWithANonFiniteValue() throws Exception {
        Path file = binary("2 2\n", "a", new float[] {1, 2}, "b", new float[] {Float.NaN, 4});
        assertThatThrownBy(() -> read(file)).hasMessageContaining("value 1 of 'b' (row 2) is NaN");
    }

    @Test
    void binaryFileReadsBothRowEndings() throws Exception {
        ParsedVectors parsed = read(binary("2 2\n", "a", new float[] {1, 2}, "\nb", new float[] {3, 4}));
        assertThat(parsed.format()).isEqualTo(ModelFormat.WORD2VEC_BINARY);
        assertThat(row(parsed, "b")).containsExactly(3f, 4f);
    }

    @Test
    void truncatedGzipFile() throws Exception {
        byte[] text = Files.readAllBytes(GENSIM.model("lee_fasttext").path());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text);
        }
        Path file = tmp.resolve("cut.vec.gz");
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
        Files.write(file, cut);
        // The line the damage falls in: one past the whole lines that decompress before it.
        long wholeLines = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(cut))) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                wholeLines += b == '\n' ? 1 : 0;
            }
        } catch (EOFException expected) {
            // where the cut is
        }
        assertThat(wholeLines).isGreaterThan(100);
        assertThatThrownBy(() -> read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file + ", line " + (wholeLines + 1) + ": the gzip data is truncated or corrupt");
    }

    /** fastText's .bin, in both layouts, is detected (its vectors are checked in FastTextBinReaderTests). */
    @Test
    void fastTextNativeBinariesAreDetected() throws Exception {
        assertThat(read(GensimExpected.FIXTURES.resolve("crime-and-punishment.bin")).format())
                .isEqualTo(ModelFormat.FASTTEXT_BIN);
        assertThat(read(GensimExpected.FIXTURES.resolve("lee_fasttext.bin")).format()).isEqualTo(ModelFormat.FASTTEXT_BIN);
    }

    @Test
    void binaryDataThatIsNoModelIsRefusedAsBinaryData(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path file = java.nio.file.Files.write(tmp.resolve("noise.bin"), new byte[] {1, 2, 3, 0, 0, (byte) 0xff, 7, 8, 9});
        assertThatThrownBy(() -> read(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("line 1: binary data where text was expected");
    }

    /**
     * A sentence encoder's ONNX network given as a word-vector file says what it is and which
     * setting loads it: by its name, and by its first bytes under another name.
     */
    @Test
    void anOnnxNetworkIsNamedWithTheSettingThatLoadsIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        // How an ONNX file starts: IR version 6 (field 1), then "pytorch" (field 2), then the graph's bytes.
        byte[] start = {0x08, 0x06, 0x12, 0x07, 'p', 'y', 't', 'o', 'r', 'c', 'h', 0x1a, 0x05, '2', '.', '0', '.', '1',
            0x3a, (byte) 0xfb, (byte) 0xe8, (byte) 0x8c, 0x2b, 0x0a, 0x49, 0x0a, 0x0e, 0x00};
        for (String name : List.of("model.onnx", "model.bin")) {
            Path file = java.nio.file.Files.write(tmp.resolve(name), start);
            assertThatThrownBy(() -> read(file)).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining(name + ", line 1: an ONNX network (a sentence encoder), not a word-vector "
                            + "file: the service loads it as a contextual model, with wordvec.models.<name>.kind: "
                            + "contextual");
        }
        Path noise = java.nio.file.Files.write(tmp.resolve("noise.bin"), new byte[] {0x08, 0x06, 0x12, 0x03, 1, 2, 3});
        assertThatThrownBy(() -> read(noise)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("binary data where text was expected").hasMessageNotContaining("ONNX");
    }

    /**
     * Archives, compressions and stores that hold vectors wordvec does not read are named, with
     * what to do: a tar (here inside gzip, as BPEmb ships its models), zstd, 7z, Magnitude's
     * SQLite and a bare NumPy array.
     */
    @Test
    void containersWordvecDoesNotReadAreNamed() throws Exception {
        byte[] glove = Files.readAllBytes(GensimExpected.FIXTURES.resolve("test_glove.txt"));
        Path tarFile = Files.write(tmp.resolve("en.tar.gz"), tarGz("en.d100.w2v.txt", glove));
        assertThatThrownBy(() -> read(tarFile)).isInstanceOf(ModelFileException.class).hasMessage("Cannot load model "
                + "file " + tarFile + ": a tar archive (gzip-compressed): wordvec reads a file inside a .zip, not a "
                + "tar; extract it (tar xf) and give the file");
        Map<String, String> starts = Map.of(
                "(\u00b5/\u00fd\u0004\u0058", "zstd-compressed data, which wordvec does not read",
                "7z\u00bc\u00af'\u001c\u0000\u0004", "a 7z archive, which wordvec does not read",
                "SQLite format 3\u0000\u0010\u0000", "an SQLite database (as Magnitude's .magnitude files are)",
                "\u0093NUMPY\u0001\u0000v\u0000{'descr': '<f4'", "a NumPy array, which holds no words");
        for (Map.Entry<String, String> start : starts.entrySet()) {
            Path file = Files.write(tmp.resolve("model"), (start.getKey() + " 0.1 0.2\n".repeat(40))
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> read(file)).isInstanceOf(ModelFileException.class)
                    .hasMessageStartingWith("Cannot load model file " + file + ": " + start.getValue());
        }
    }

    /** A gzip-compressed tar holding one file, {@code name}. */
    static byte[] tarGz(String name, byte[] content) throws IOException {
        ByteArrayOutputStream tarGz = new ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                new java.util.zip.GZIPOutputStream(tarGz))) {
            var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return tarGz.toByteArray();
    }

    @Test
    void progressIsReportedWithTheFinalRowCount() throws Exception {
        List<LoadProgress> reports = new ArrayList<>();
        Path file = GENSIM.model("lee_fasttext").path();
        ModelReader.read(ModelSource.of(file.toString()), ModelFormat.AUTO, reports::add);
        LoadProgress last = reports.get(reports.size() - 1);
        assertThat(last.rows()).isEqualTo(1762);
        assertThat(last.bytesRead()).isEqualTo(Files.size(file));
        assertThat(last.percent()).isEqualTo(100.0);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** A word2vec binary file: the header, then for each word its bytes, a space and little-endian floats. */
    private Path binary(String header, Object... wordsAndVectors) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < wordsAndVectors.length; i += 2) {
            out.write(((String) wordsAndVectors[i] + " ").getBytes(StandardCharsets.UTF_8));
            float[] vector = (float[]) wordsAndVectors[i + 1];
            ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(vector);
            out.write(bytes.array());
        }
        return Files.write(tmp.resolve("model.bin"), out.toByteArray());
    }
}
