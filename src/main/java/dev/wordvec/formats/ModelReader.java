package dev.wordvec.formats;

import dev.wordvec.vectors.Vocabulary;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads GloVe text, word2vec text, fastText {@code .vec} and word2vec binary files, plain or
 * gzip-compressed, into a {@link ParsedVectors}. Strict by design: anything that does not add up
 * (a missing value, a non-number, a header that disagrees with the body, a truncated file) fails
 * with a {@link ModelFileException} naming the file, the line or byte offset, and the reason, so
 * that a model is never served half-loaded. The one thing forgiven, as gensim forgives it, is a
 * word that appears twice: the first row is kept and the repeat is logged.
 */
public final class ModelReader {

    private static final Logger log = LoggerFactory.getLogger(ModelReader.class);

    private static final int MAX_LINE_BYTES = 64 << 20;
    private static final int MAX_WORD_BYTES = 1 << 16;
    private static final int DETECTION_SAMPLE_BYTES = 4096;
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;
    private static final int FASTTEXT_MAGIC = 0x2F4F16BA;
    private static final int DUPLICATES_LOGGED = 5;

    private final ModelSource source;
    private final boolean gzip;
    private final ByteInput in;
    private final CountingInputStream counted;
    private final long totalBytes;
    private final Consumer<LoadProgress> progress;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final long started = System.nanoTime();
    private long lastReport = started;

    private final List<String> words = new ArrayList<>();
    private final Map<String, Integer> rowsByWord = new HashMap<>();
    private int duplicates;
    /** Current line (text formats), for error messages. */
    private long line;

    private ModelReader(ModelSource source, boolean gzip, ByteInput in, CountingInputStream counted,
            Consumer<LoadProgress> progress) {
        this.source = source;
        this.gzip = gzip;
        this.in = in;
        this.counted = counted;
        this.totalBytes = source.size();
        this.progress = progress;
    }

    /**
     * Reads a whole model file.
     *
     * @param format the file's format, or {@link ModelFormat#AUTO} to detect it from the content
     * @param progress called about once a second while reading, and once at the end
     */
    public static ParsedVectors read(ModelSource source, ModelFormat format, Consumer<LoadProgress> progress)
            throws ModelFileException {
        try (InputStream raw = source.open()) {
            CountingInputStream counted = new CountingInputStream(raw);
            BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
            boolean gzip = startsWithGzipMagic(buffered);
            InputStream data = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return new ModelReader(source, gzip, new ByteInput(data), counted, progress).read(format);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw ModelFileException.of(source.location(), "cannot read the file: " + e, e);
        }
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private ParsedVectors read(ModelFormat requested) throws ModelFileException {
        try {
            ModelFormat format = requested == ModelFormat.AUTO ? detect() : requested;
            MatrixBuilder matrix = format == ModelFormat.WORD2VEC_BINARY ? readBinary() : readText(format);
            report(matrix.rows());
            return new ParsedVectors(new Vocabulary(words), matrix.dimension(), matrix.build(), format, duplicates);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            // A read error part-way (most often a truncated or damaged gzip stream).
            String reason = (gzip ? "the gzip data is truncated or corrupt" : "the file cannot be read") + " (" + e + ")";
            throw line > 0 ? ModelFileException.atLine(source.location(), line, reason)
                    : ModelFileException.atOffset(source.location(), in.offset(), reason);
        }
    }

    // ---- detection ------------------------------------------------------------------------

    private ModelFormat detect() throws IOException {
        if (in.atEnd()) {
            throw ModelFileException.of(source.location(), "the file is empty", null);
        }
        if (in.fill(4) >= 4 && littleEndianInt(0) == FASTTEXT_MAGIC) {
            throw ModelFileException.atOffset(source.location(), 0, "this is a fastText native model (.bin); "
                    + "wordvec reads the .vec text file that fastText writes beside it");
        }
        int firstLineLength = lineLength(in.indexOf((byte) '\n', 1 << 20), 1 << 20, 1);
        long[] header = looksLikeText(0, firstLineLength) ? parseHeader(0, firstLineLength) : null;
        if (header == null) {
            // No header: GloVe text, which must look like text from its first byte on.
            int sample = Math.min(in.fill(DETECTION_SAMPLE_BYTES), DETECTION_SAMPLE_BYTES);
            if (hasControlBytes(0, sample)) {
                throw ModelFileException.atLine(source.location(), 1, "binary data where text was expected: "
                        + "not a GloVe, word2vec or fastText .vec file, and no word2vec binary header 'count dimension'");
            }
            return ModelFormat.GLOVE;
        }
        int bodyStart = firstLineLength + 1;
        int sample = Math.min(in.fill(bodyStart + DETECTION_SAMPLE_BYTES) - bodyStart, DETECTION_SAMPLE_BYTES);
        int secondLineEnd = indexOfInSample((byte) '\n', bodyStart, sample);
        boolean textRow = secondLineEnd > bodyStart && isTextRow(bodyStart, secondLineEnd, (int) header[1]);
        if (sample > 0 && !textRow && !looksLikeText(bodyStart, sample)) {
            return ModelFormat.WORD2VEC_BINARY;
        }
        // fastText writes a space after the last value of every line; word2vec does not.
        boolean trailingSpace = secondLineEnd > bodyStart && in.peek(secondLineEnd - 1) == ' ';
        return trailingSpace ? ModelFormat.FASTTEXT_VEC : ModelFormat.WORD2VEC_TEXT;
    }

    private int indexOfInSample(byte target, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (in.peek(i) == target) {
                return i;
            }
        }
        return -1;
    }

    /** Control bytes (other than tab, CR and LF) never occur in a text model file. */
    private boolean hasControlBytes(int from, int length) {
        for (int i = from; i < from + length; i++) {
            byte b = in.peek(i);
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\r' && b != '\n' || b == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** True when bytes {@code from..to} (relative) split into a word and {@code dimension} numbers. */
    private boolean isTextRow(int from, int to, int dimension) {
        LineTokens tokens = new LineTokens();
        tokens.split(in.array(), in.position() + from, in.position() + to);
        if (tokens.count < dimension + 1) {
            return false;
        }
        for (int t = tokens.count - dimension; t < tokens.count; t++) {
            if (!isNumber(tokens, t)) {
                return false;
            }
        }
        return true;
    }

    /** Text means valid UTF-8 (a sequence cut at the end of the sample is fine) and no control bytes but tab and CR/LF. */
    private boolean looksLikeText(int from, int length) {
        if (hasControlBytes(from, length)) {
            return false;
        }
        ByteBuffer bytes = ByteBuffer.wrap(in.array(), in.position() + from, length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(bytes, CharBuffer.allocate(length), false);
        return !result.isError();
    }

    /** The header's {count, dimension} when the line is two whole numbers, else null. */
    private long[] parseHeader(int from, int length) {
        String text = new String(in.array(), in.position() + from, length, StandardCharsets.ISO_8859_1).trim();
        String[] parts = text.split(" +");
        if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,9}")) {
            return null;
        }
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    /** Resolves an {@link ByteInput#indexOf} answer for a line into its length, failing on an over-long line. */
    private int lineLength(int newline, int maxLength, long lineNumber) throws ModelFileException {
        if (newline == -2) {
            throw ModelFileException.atLine(source.location(), lineNumber, "line is longer than "
                    + (maxLength >> 20) + " MB: not a word-vector text file");
        }
        return newline >= 0 ? newline : in.available();
    }

    // ---- text formats ---------------------------------------------------------------------

    private MatrixBuilder readText(ModelFormat format) throws IOException {
        long expectedRows = -1;
        MatrixBuilder matrix = null;
        if (format.hasHeader()) {
            if (in.atEnd()) {
                throw ModelFileException.of(source.location(), "the file is empty", null);
            }
            line = 1;
            int length = lineLength(in.indexOf((byte) '\n', MAX_LINE_BYTES), MAX_LINE_BYTES, line);
            long[] header = parseHeader(0, length);
            if (header == null) {
                throw ModelFileException.atLine(source.location(), 1, "expected a header 'count dimension' ("
                        + format.id() + " format), found '" + abbreviate(0, length) + "'");
            }
            matrix = new MatrixBuilder(checkHeader(header));
            expectedRows = header[0];
            in.skip(Math.min(length + 1, in.available()));
        }
        LineTokens tokens = new LineTokens();
        long rowsSeen = 0;
        long firstBlankLine = 0;
        while (true) {
            int newline = in.indexOf((byte) '\n', MAX_LINE_BYTES);
            if (newline == -1 && in.available() == 0) {
                break;
            }
            line++;
            int length = lineLength(newline, MAX_LINE_BYTES, line);
            tokens.split(in.array(), in.position(), in.position() + length);
            if (tokens.count == 0) {
                firstBlankLine = firstBlankLine == 0 ? line : firstBlankLine;
            } else {
                if (firstBlankLine != 0) {
                    throw ModelFileException.atLine(source.location(), firstBlankLine, "empty line inside the file");
                }
                if (expectedRows >= 0 && rowsSeen == expectedRows) {
                    throw ModelFileException.atLine(source.location(), line, "the header announces " + expectedRows
                            + " rows, but the file goes on after them");
                }
                if (matrix == null) {
                    if (tokens.count < 2) {
                        throw ModelFileException.atLine(source.location(), line, "a word with no values after it");
                    }
                    matrix = new MatrixBuilder(tokens.count - 1);
                }
                readTextRow(tokens, matrix);
                rowsSeen++;
            }
            in.skip(newline >= 0 ? length + 1 : length);
            maybeReport(matrix == null ? 0 : matrix.rows());
        }
        if (matrix == null) {
            throw ModelFileException.of(source.location(), "the file holds no vectors", null);
        }
        if (expectedRows >= 0 && rowsSeen < expectedRows) {
            throw ModelFileException.atLine(source.location(), line + 1, "unexpected end of file after " + rowsSeen
                    + " of the " + expectedRows + " rows the header announces (truncated file?)");
        }
        return matrix;
    }

    private void readTextRow(LineTokens tokens, MatrixBuilder matrix) throws ModelFileException {
        int dimension = matrix.dimension();
        int wordTokens = tokens.count - dimension;
        // A few files (GloVe 840B) have words with spaces in them: accept extra leading tokens
        // as part of the word, but only when they are not numbers, so a surplus value still fails.
        boolean wordWithSpaces = wordTokens > 1 && !anyNumber(tokens, 1, wordTokens);
        if (wordTokens < 1 || (wordTokens > 1 && !wordWithSpaces)) {
            throw ModelFileException.atLine(source.location(), line, "expected " + dimension
                    + " values after the word, found " + (tokens.count - 1));
        }
        byte[] bytes = in.array();
        String word = decodeWord(bytes, tokens.start[0], tokens.end[wordTokens - 1]);
        float[] target = matrix.nextChunk();
        int offset = matrix.nextOffset();
        for (int v = 0; v < dimension; v++) {
            int t = wordTokens + v;
            target[offset + v] = parseValue(bytes, tokens.start[t], tokens.end[t], v + 1);
        }
        addWord(word, matrix);
    }

    private boolean anyNumber(LineTokens tokens, int from, int to) {
        for (int t = from; t < to; t++) {
            if (isNumber(tokens, t)) {
                return true;
            }
        }
        return false;
    }

    private boolean isNumber(LineTokens tokens, int t) {
        try {
            Double.parseDouble(new String(in.array(), tokens.start[t], tokens.end[t] - tokens.start[t],
                    StandardCharsets.ISO_8859_1));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Parses one value as gensim does (decimal to double, then rounded to float32), so the stored
     * float32 values are bit-for-bit the ones gensim loads from the same file.
     */
    private float parseValue(byte[] bytes, int start, int end, int index) throws ModelFileException {
        String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        float value;
        try {
            value = (float) Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw ModelFileException.atLine(source.location(), line, "value " + index + " ('"
                    + abbreviate(text) + "') is not a number");
        }
        if (!Float.isFinite(value)) {
            throw ModelFileException.atLine(source.location(), line, "value " + index + " ('" + abbreviate(text)
                    + "') is not a finite float32");
        }
        return value;
    }

    private int checkHeader(long[] header) throws ModelFileException {
        if (header[0] < 1) {
            throw ModelFileException.atLine(source.location(), 1, "the header announces no rows");
        }
        if (header[1] < 1) {
            throw ModelFileException.atLine(source.location(), 1, "the header announces dimension 0");
        }
        if (header[0] * header[1] * Float.BYTES > MatrixBuilder.MAX_MATRIX_BYTES) {
            throw ModelFileException.atLine(source.location(), 1, "the header announces " + header[0] + " x "
                    + header[1] + " float32 values, more than the 2 GiB one matrix block holds");
        }
        return (int) header[1];
    }

    // ---- word2vec binary ------------------------------------------------------------------

    private MatrixBuilder readBinary() throws IOException {
        if (in.atEnd()) {
            throw ModelFileException.of(source.location(), "the file is empty", null);
        }
        int headerLength = lineLength(in.indexOf((byte) '\n', 1 << 10), 1 << 10, 1);
        long[] header = parseHeader(0, headerLength);
        if (header == null) {
            throw ModelFileException.atLine(source.location(), 1, "word2vec binary files start with a header "
                    + "'count dimension', found '" + abbreviate(0, headerLength) + "'");
        }
        MatrixBuilder matrix = new MatrixBuilder(checkHeader(header));
        long expectedRows = header[0];
        int dimension = matrix.dimension();
        int vectorBytes = dimension * Float.BYTES;
        in.skip(Math.min(headerLength + 1, in.available()));
        for (long row = 1; row <= expectedRows; row++) {
            // The C tool ends each vector with '\n'; gensim's writer does not. Accept both.
            while (in.fill(1) > 0 && (in.peek(0) == '\n' || in.peek(0) == '\r')) {
                in.skip(1);
            }
            long rowOffset = in.offset();
            if (in.available() == 0) {
                throw binaryError(rowOffset, "unexpected end of file after " + (row - 1) + " of the "
                        + expectedRows + " rows the header announces (truncated file?)");
            }
            int space = in.indexOf((byte) ' ', MAX_WORD_BYTES);
            if (space == -2) {
                throw binaryError(rowOffset, "no space ends the word of row " + row + " within "
                        + (MAX_WORD_BYTES >> 10) + " KB: the file is corrupt or not word2vec binary");
            }
            if (space == -1) {
                throw binaryError(rowOffset, "unexpected end of file inside the word of row " + row + " of "
                        + expectedRows + " (truncated file?)");
            }
            String word = decodeWord(in.array(), in.position(), in.position() + space);
            in.skip(space + 1);
            if (in.fill(vectorBytes) < vectorBytes) {
                throw binaryError(in.offset(), "unexpected end of file inside the vector of '" + abbreviate(word)
                        + "' (row " + row + " of " + expectedRows + "; truncated file?)");
            }
            float[] target = matrix.nextChunk();
            int offset = matrix.nextOffset();
            ByteBuffer.wrap(in.array(), in.position(), vectorBytes).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(target, offset, dimension);
            for (int v = 0; v < dimension; v++) {
                if (!Float.isFinite(target[offset + v])) {
                    throw binaryError(in.offset() + (long) v * Float.BYTES, "value " + (v + 1) + " of '"
                            + abbreviate(word) + "' (row " + row + ") is " + target[offset + v]);
                }
            }
            in.skip(vectorBytes);
            addWord(word, matrix);
            maybeReport(matrix.rows());
        }
        while (in.fill(1) > 0 && Character.isWhitespace(in.peek(0))) {
            in.skip(1);
        }
        if (!in.atEnd()) {
            throw binaryError(in.offset(), "the header announces " + expectedRows
                    + " rows, but more data follows them");
        }
        return matrix;
    }

    private ModelFileException binaryError(long offset, String reason) {
        return ModelFileException.atOffset(source.location(), offset,
                gzip ? reason + " [offset in the uncompressed data]" : reason);
    }

    // ---- shared ---------------------------------------------------------------------------

    private String decodeWord(byte[] bytes, int start, int end) throws ModelFileException {
        if (end <= start) {
            throw where("an empty word");
        }
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            throw where("the word is not valid UTF-8");
        }
    }

    private ModelFileException where(String reason) {
        return line > 0 ? ModelFileException.atLine(source.location(), line, reason) : binaryError(in.offset(), reason);
    }

    private void addWord(String word, MatrixBuilder matrix) throws ModelFileException {
        if (rowsByWord.putIfAbsent(word, matrix.rows()) != null) {
            duplicates++;
            if (duplicates <= DUPLICATES_LOGGED) {
                log.warn("{}: duplicate word '{}' ({}); keeping its first row, as gensim does",
                        source.location(), abbreviate(word), line > 0 ? "line " + line : "offset " + in.offset());
            }
            return;
        }
        if (matrix.full()) {
            throw tooLarge(matrix);
        }
        words.add(word);
        matrix.commit();
    }

    private ModelFileException tooLarge(MatrixBuilder matrix) {
        return where("the model exceeds the 2 GiB one matrix block holds (" + matrix.rows() + " rows x "
                + matrix.dimension() + " float32)");
    }

    private void maybeReport(long rows) {
        if ((rows & 1023) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastReport >= PROGRESS_INTERVAL_NANOS) {
            lastReport = now;
            report(rows);
        }
    }

    private void report(long rows) {
        progress.accept(new LoadProgress(rows, counted.count(), totalBytes, System.nanoTime() - started));
    }

    private int littleEndianInt(int at) {
        return (in.peek(at) & 0xff) | (in.peek(at + 1) & 0xff) << 8 | (in.peek(at + 2) & 0xff) << 16
                | (in.peek(at + 3) & 0xff) << 24;
    }

    private String abbreviate(int from, int length) {
        return abbreviate(new String(in.array(), in.position() + from, Math.min(length, 80), StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** Token boundaries of one line, split on spaces; trailing spaces, tabs and CR are not part of it. */
    private static final class LineTokens {
        int[] start = new int[512];
        int[] end = new int[512];
        int count;

        void split(byte[] bytes, int from, int to) {
            while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\r' || bytes[to - 1] == '\t')) {
                to--;
            }
            count = 0;
            int i = from;
            while (i < to) {
                while (i < to && bytes[i] == ' ') {
                    i++;
                }
                if (i == to) {
                    break;
                }
                int tokenStart = i;
                while (i < to && bytes[i] != ' ') {
                    i++;
                }
                if (count == start.length) {
                    start = java.util.Arrays.copyOf(start, count * 2);
                    end = java.util.Arrays.copyOf(end, count * 2);
                }
                start[count] = tokenStart;
                end[count] = i;
                count++;
            }
        }
    }
}
