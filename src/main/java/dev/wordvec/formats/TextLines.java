package dev.wordvec.formats;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A text file (a training corpus, an evaluation set) read a line at a time as Python reads one:
 * each line decoded as strict UTF-8 on its own, so text that is not UTF-8 fails naming its line and
 * the byte in it, not a line somewhere before where a decoder reading ahead happened to be. Files
 * are unpacked as model files are (gzip, bzip2, xz, a zip's one text file), and a damaged stream
 * fails naming the file and line too.
 */
public final class TextLines implements Closeable {

    /** Where lines end. */
    public enum Ends {
        /** At {@code \n} alone, as Python reads a file opened as bytes (gensim's {@code LineSentence}). */
        LINE_FEED,
        /** At {@code \n}, {@code \r} or {@code \r\n}, as Python reads a text file (universal newlines). */
        UNIVERSAL
    }

    /** A line that cannot be read: the message is "{@code name}, line N: reason". */
    public static final class BadLine extends IOException {
        private final long line;
        private final String reason;

        BadLine(String name, long line, String reason, Throwable cause) {
            super(name + ", line " + line + ": " + reason, cause);
            this.line = line;
            this.reason = reason;
        }

        public long line() {
            return line;
        }

        public String reason() {
            return reason;
        }
    }

    private final String name;
    private final Unpacking unpacked;
    private final InputStream in;
    private final boolean universal;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long line;
    private boolean ended;

    private TextLines(String name, Unpacking unpacked, InputStream in, Ends ends) {
        this.name = name;
        this.unpacked = unpacked;
        this.in = in;
        this.universal = ends == Ends.UNIVERSAL;
    }

    /** The file {@code source} names, unpacked; errors name its location. */
    public static TextLines open(ModelSource source, Ends ends) throws IOException {
        Unpacking unpacked;
        try {
            unpacked = Unpacking.open(source);
        } catch (ModelFileException e) {
            throw new IOException(source.location() + ": " + e.reason(), e);
        }
        return new TextLines(source.location(), unpacked, unpacked.data(), ends);
    }

    /** Text already in hand (a request's body), read the same way; errors name it {@code name}. */
    public static TextLines of(String name, String text, Ends ends) {
        return new TextLines(name, null, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ends);
    }

    /** The number of the last line {@link #next()} gave (1 for the first). */
    public long line() {
        return line;
    }

    /** Bytes of the file read so far, for progress; 0 for text in hand. */
    public long bytesRead() {
        return unpacked == null ? 0 : unpacked.bytesRead();
    }

    /** What {@link #bytesRead()} runs up to, or -1 when unknown. */
    public long totalBytes() {
        return unpacked == null ? -1 : unpacked.totalBytes();
    }

    /** The next line without its line end, or null after the last. */
    public String next() throws IOException {
        // The line is gathered as bytes (across buffer refills: the buffer grows for a long line),
        // then decoded whole, so a character split between two reads is never a problem.
        int start = position;
        while (true) {
            int end = lineEnd(start);
            if (end >= 0) {
                String text = decode(position, end);
                position = end + 1;
                // \r\n is one line end; its \n may not be read yet.
                if (universal && buffer[end] == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
                    position++;
                }
                return text;
            }
            int scanned = limit - position;
            if (!fill()) {
                if (position == limit) {
                    return null;
                }
                String last = decode(position, limit);  // the last line, with no line end
                position = limit;
                return last;
            }
            start = position + scanned;
        }
    }

    /** The first line end at or after {@code from}, before {@link #limit}; -1 when there is none. */
    private int lineEnd(int from) {
        for (int i = from; i < limit; i++) {
            byte b = buffer[i];
            if (b == '\n' || (universal && b == '\r')) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads more bytes after those from {@link #position} on, which move to the buffer's start
     * (into a larger buffer when they fill it); false at the end of the data.
     */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int kept = limit - position;
        if (kept == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, 1 << 16));
        } else if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, kept);
        }
        position = 0;
        limit = kept;
        int read;
        try {
            read = in.read(buffer, limit, buffer.length - limit);
        } catch (IOException e) {
            throw new BadLine(name, line + 1, Unpacking.readFailure(unpacked == null ? null : unpacked.compression(), e), e);
        }
        if (read <= 0) {
            ended = true;
            return false;
        }
        limit += read;
        return true;
    }

    /** The bytes from {@code from} to {@code to} as one line's text. */
    private String decode(int from, int to) throws BadLine {
        line++;
        String text = new String(buffer, from, to - from, StandardCharsets.UTF_8);
        // The fast decoder replaces bad bytes with U+FFFD; only then is the line decoded strictly,
        // since the text may hold U+FFFD itself.
        if (text.indexOf('\uFFFD') >= 0) {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, from, to - from);
            try {
                strict.reset().decode(bytes);
            } catch (MalformedInputException e) {
                int at = bytes.position();
                throw new BadLine(name, line, "not valid UTF-8 text: byte " + (at - from + 1) + " of the line, 0x"
                        + HexFormat.of().formatHex(buffer, at, at + e.getInputLength()), e);
            } catch (CharacterCodingException e) {
                throw new BadLine(name, line, "not valid UTF-8 text", e);
            }
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
