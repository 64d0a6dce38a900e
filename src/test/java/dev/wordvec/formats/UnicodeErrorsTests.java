package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.vectors.RowBlocks;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Words that are not valid UTF-8 (the C word2vec tool cuts words at 100 bytes, splitting characters),
 * read as gensim reads them with {@code unicode_errors}. The expected words are Python's own
 * {@code word.decode("utf-8", errors=mode)} for each byte string, printed with
 * {@code encode("unicode_escape")}.
 */
class UnicodeErrorsTests {

    /** Bad bytes of several kinds; the second is an encoded surrogate, which Java groups unlike Python. */
    private static final List<byte[]> WORDS = List.of(bytes("king"), bytes("caf", 0xe9), bytes("", 0xed, 0xa0, 0x80, 'x'),
            bytes("", 0xe4, 0xb8, 0xad, 0xe6), bytes("", 0xff, 0xfe, 'b', 'a', 'd'), bytes("w", 0xf0, 0x9f, 0x98),
            bytes("w", 0xe0, 0x80, 0xaf), bytes("w", 0xf4, 0x90, 0x80, 0x80), bytes("w", 0xc0, 0xaf));

    private static final List<String> REPLACE = List.of("king", "caf\ufffd", "\ufffd\ufffd\ufffdx", "\u4e2d\ufffd",
            "\ufffd\ufffdbad", "w\ufffd", "w\ufffd\ufffd\ufffd", "w\ufffd\ufffd\ufffd\ufffd", "w\ufffd\ufffd");
    private static final List<String> IGNORE = List.of("king", "caf", "x", "\u4e2d", "bad", "w");
    private static final List<String> BACKSLASHREPLACE = List.of("king", "caf\\xe9", "\\xed\\xa0\\x80x", "\u4e2d\\xe6",
            "\\xff\\xfebad", "w\\xf0\\x9f\\x98", "w\\xe0\\x80\\xaf", "w\\xf4\\x90\\x80\\x80", "w\\xc0\\xaf");

    @TempDir
    Path tmp;

    private static byte[] bytes(String prefix, int... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        for (int b : more) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private Path text() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((WORDS.size() + " 2\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < WORDS.size(); i++) {
            out.writeBytes(WORDS.get(i));
            out.writeBytes(String.format(Locale.ROOT, " %d 0.5\n", i).getBytes(StandardCharsets.US_ASCII));
        }
        return Files.write(tmp.resolve("bad.txt"), out.toByteArray());
    }

    private Path binary() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((WORDS.size() + " 2\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < WORDS.size(); i++) {
            out.writeBytes(WORDS.get(i));
            out.write(' ');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(i).putFloat(0.5f).array());
            out.write('\n');
        }
        return Files.write(tmp.resolve("bad.bin"), out.toByteArray());
    }

    private static List<String> words(ParsedVectors parsed) {
        List<String> words = new java.util.ArrayList<>();
        for (int row = 0; row < parsed.vocabulary().size(); row++) {
            words.add(parsed.vocabulary().word(row));
        }
        return words;
    }

    private static ParsedVectors read(Path file, UnicodeErrors errors) throws ModelFileException {
        return ModelReader.read(ModelSource.of(file.toString()), ModelFormat.AUTO, p -> { },
                RowBlocks.DEFAULT_BLOCK_BYTES, 0, errors);
    }

    @Test
    void strictRefusesTheFileNamingTheLineAndTheWayOut() throws Exception {
        assertThatThrownBy(() -> read(text(), UnicodeErrors.STRICT)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("bad.txt, line 3: the word is not valid UTF-8")
                .hasMessageContaining("unicode-errors: replace, ignore or backslashreplace");
        assertThatThrownBy(() -> read(binary(), UnicodeErrors.STRICT)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("byte offset").hasMessageContaining("the word is not valid UTF-8");
    }

    @Test
    void eachSettingGivesPythonsWords() throws Exception {
        for (Path file : List.of(text(), binary())) {
            assertThat(words(read(file, UnicodeErrors.REPLACE))).as(file.toString()).isEqualTo(REPLACE);
            // Words that come out the same keep their first row, as gensim keeps duplicates.
            ParsedVectors ignored = read(file, UnicodeErrors.IGNORE);
            assertThat(words(ignored)).as(file.toString()).isEqualTo(IGNORE);
            assertThat(ignored.duplicates()).isEqualTo(WORDS.size() - IGNORE.size());
            assertThat(words(read(file, UnicodeErrors.BACKSLASHREPLACE))).as(file.toString())
                    .isEqualTo(BACKSLASHREPLACE);
        }
        // The rows stay with their words: "bad" is the file's fifth row.
        float[] row = new float[2];
        ParsedVectors ignored = read(text(), UnicodeErrors.IGNORE);
        ignored.matrix().read(ignored.vocabulary().rowOf("bad"), row, 0);
        assertThat(row).containsExactly(4f, 0.5f);
    }

    /** A copy read with one setting holds other words than another's: each has its own cached copy. */
    @Test
    void theCacheKeepsEachSettingsCopyApart() throws Exception {
        ModelCache cache = new ModelCache(tmp.resolve("cache"), RowBlocks.DEFAULT_BLOCK_BYTES);
        ModelSource source = ModelSource.of(text().toString());
        assertThat(words(cache.load(source, ModelFormat.AUTO, 0, UnicodeErrors.REPLACE, p -> { })))
                .isEqualTo(REPLACE);
        assertThat(cache.cacheFile(source, ModelFormat.AUTO, 0, UnicodeErrors.REPLACE)).exists();
        assertThat(words(cache.load(source, ModelFormat.AUTO, 0, UnicodeErrors.REPLACE, p -> { })))
                .as("mapped from the cache").isEqualTo(REPLACE);
        assertThatThrownBy(() -> cache.load(source, ModelFormat.AUTO, 0, p -> { }))
                .as("strict still refuses the file").isInstanceOf(ModelFileException.class);
        assertThat(words(cache.load(source, ModelFormat.AUTO, 0, UnicodeErrors.IGNORE, p -> { })))
                .isEqualTo(IGNORE);
    }

    @Test
    void convertTakesTheSetting() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream errors = new java.io.PrintStream(err, true, StandardCharsets.UTF_8);
        java.io.PrintStream out = new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path target = tmp.resolve("out.wvc");
        assertThat(ConvertCommand.run(new String[] {"convert", binary().toString(), target.toString()}, out, errors))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unicode-errors");
        assertThat(ConvertCommand.run(new String[] {"convert", binary().toString(), target.toString(),
                "--unicode-errors", "backslashreplace"}, out, errors)).isZero();
        assertThat(words(ConvertedModel.map(target, RowBlocks.DEFAULT_BLOCK_BYTES).vectors())).isEqualTo(BACKSLASHREPLACE);
        assertThat(ConvertCommand.run(new String[] {"convert", binary().toString(), target.toString(),
                "--unicode-errors", "lenient"}, out, errors)).isEqualTo(2);
    }

    @Test
    void settingsAreNamedAsInPython() {
        assertThat(UnicodeErrors.of("backslashreplace")).isEqualTo(UnicodeErrors.BACKSLASHREPLACE);
        assertThatThrownBy(() -> UnicodeErrors.of("surrogateescape")).hasMessage(
                "--unicode-errors is strict, replace, ignore or backslashreplace, not 'surrogateescape'");
    }
}
