package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines as Python reads them, and errors that name the line where the bad bytes are. */
class TextLinesTests {

    @TempDir
    Path tmp;

    private List<String> lines(byte[] bytes, TextLines.Ends ends) throws IOException {
        Path file = Files.write(tmp.resolve("text-" + System.nanoTime()), bytes);
        List<String> lines = new ArrayList<>();
        try (TextLines in = TextLines.open(ModelSource.of(file.toString()), ends)) {
            for (String line; (line = in.next()) != null; ) {
                lines.add(line);
                assertThat(in.line()).isEqualTo(lines.size());
            }
        }
        return lines;
    }

    private List<String> lines(String text, TextLines.Ends ends) throws IOException {
        return lines(text.getBytes(StandardCharsets.UTF_8), ends);
    }

    @Test
    void linesEndAsPythonsBinaryAndTextFilesEndThem() throws IOException {
        // Python: open(f, 'rb') splits at b'\n' only; open(f) (universal newlines) at \n, \r and \r\n.
        String text = "a b\r\nc\rd\n\n\u00e9t\u00e9\nlast";
        assertThat(lines(text, TextLines.Ends.LINE_FEED)).containsExactly("a b\r", "c\rd", "", "\u00e9t\u00e9", "last");
        assertThat(lines(text, TextLines.Ends.UNIVERSAL)).containsExactly("a b", "c", "d", "", "\u00e9t\u00e9", "last");
        assertThat(lines("x\n", TextLines.Ends.LINE_FEED)).containsExactly("x");
        assertThat(lines("", TextLines.Ends.UNIVERSAL)).isEmpty();
        assertThat(lines("\r\r\n\n", TextLines.Ends.UNIVERSAL)).containsExactly("", "", "");
        // U+FFFD written in the text is text, not an error.
        assertThat(lines("\uFFFD ok\n", TextLines.Ends.LINE_FEED)).containsExactly("\uFFFD ok");
    }

    /** A corpus in a tar is refused, not read as text with the archive's headers among the words. */
    @Test
    void aTarOfTheTextIsRefusedSayingWhatToDo() throws IOException {
        Path file = Files.write(tmp.resolve("corpus.tar.gz"),
                ModelReaderTests.tarGz("corpus.txt", "the cat sat\n".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> TextLines.open(ModelSource.of(file.toString()), TextLines.Ends.LINE_FEED))
                .isInstanceOf(IOException.class).hasMessage(file + ": a tar archive (gzip-compressed): wordvec reads "
                        + "a file inside a .zip, not a tar; extract it (tar xf) and give the file");
    }

    @Test
    void linesAcrossTheReadBufferComeWhole() throws IOException {
        // A \r\n whose \n starts the next read, a character whose bytes are split between two
        // reads, and a line longer than the buffer.
        byte[] first = new byte[(1 << 16) - 1];
        Arrays.fill(first, (byte) 'a');
        String longLine = "b".repeat(200_000) + "\u20ac";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] pad = new byte[(1 << 16) - 2];
        Arrays.fill(pad, (byte) 'c');
        out.write(pad);
        out.write("\u20ac\n".getBytes(StandardCharsets.UTF_8));  // 3 bytes, across the next boundary
        out.write(longLine.getBytes(StandardCharsets.UTF_8));
        List<String> universal = lines(out.toByteArray(), TextLines.Ends.UNIVERSAL);
        assertThat(universal).hasSize(3);
        assertThat(universal.get(0)).hasSize(first.length).matches("a+");
        assertThat(universal.get(1)).isEqualTo("c".repeat(pad.length) + "\u20ac");
        assertThat(universal.get(2)).isEqualTo(longLine);
        assertThat(lines(out.toByteArray(), TextLines.Ends.LINE_FEED).get(0)).endsWith("a\r");
    }

    @Test
    void textThatIsNotUtf8NamesItsLineAndByteFarPastTheFirstRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < 5000; i++) {
            out.write(("line number " + i + " of the text\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write("caf".getBytes(StandardCharsets.UTF_8));
        out.write(0xe9);  // é in Latin-1
        out.write(" au lait\nmore\n".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(tmp.resolve("latin1.txt"), out.toByteArray());
        try (TextLines in = TextLines.open(ModelSource.of(file.toString()), TextLines.Ends.LINE_FEED)) {
            for (int i = 1; i < 5000; i++) {
                assertThat(in.next()).isEqualTo("line number " + i + " of the text");
            }
            assertThatThrownBy(in::next).isInstanceOf(TextLines.BadLine.class)
                    .hasMessage(file + ", line 5000: not valid UTF-8 text: byte 4 of the line, 0xe9")
                    .satisfies(e -> assertThat(((TextLines.BadLine) e).line()).isEqualTo(5000));
        }
        // An encoded surrogate is not UTF-8 either (Python refuses it too).
        assertThatThrownBy(() -> lines(new byte[] {'o', 'k', '\n', 'x', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n'},
                TextLines.Ends.LINE_FEED)).hasMessageContaining(", line 2: not valid UTF-8 text: byte 2 of the line, 0xed");
    }

    @Test
    void compressedTextIsReadAndADamagedStreamNamesTheFileAndLine() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(packed)) {
            for (int i = 0; i < 20_000; i++) {
                gzip.write(("sentence " + i + " with words " + (i * 7919 % 10007) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] whole = packed.toByteArray();
        assertThat(lines(whole, TextLines.Ends.LINE_FEED)).hasSize(20_000).startsWith("sentence 0 with words 0");
        Path cut = Files.write(tmp.resolve("cut.txt.gz"), Arrays.copyOf(whole, whole.length / 2));
        try (TextLines in = TextLines.open(ModelSource.of(cut.toString()), TextLines.Ends.LINE_FEED)) {
            assertThatThrownBy(() -> {
                while (in.next() != null) {
                    // read to the damage
                }
            }).isInstanceOf(TextLines.BadLine.class).hasMessageStartingWith(cut + ", line ")
                    .hasMessageContaining(": the gzip data is truncated or corrupt (java.io.EOFException");
            assertThat(in.line()).isBetween(1L, 19_999L);
        }
    }

    @Test
    void textInHandIsReadTheSameWay() throws IOException {
        try (TextLines in = TextLines.of("body", "one\r\ntwo", TextLines.Ends.UNIVERSAL)) {
            assertThat(in.next()).isEqualTo("one");
            assertThat(in.next()).isEqualTo("two");
            assertThat(in.next()).isNull();
            assertThat(in.next()).isNull();
            assertThat(in.line()).isEqualTo(2);
        }
    }
}
