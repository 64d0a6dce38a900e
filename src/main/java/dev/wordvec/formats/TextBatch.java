package dev.wordvec.formats;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * A run of whole lines of a text model, parsed on a worker thread: words decoded, values parsed
 * into one float array for the batch (no String or array per line but the word). The reader takes
 * the results in file order, so line numbers, duplicates and the header's row count are checked
 * exactly as a one-thread reader would check them.
 *
 * <p>Line numbers here count from the batch's first line (0): only the reader knows that line,
 * once the batches before it are done, and it adds it to everything below.
 */
final class TextBatch implements Callable<TextBatch> {

    private final String location;
    private final byte[] bytes;
    private final int length;
    private final int dimension;
    private final UnicodeErrors unicodeErrors;
    /** Where {@link DecimalParser} leaves each value. */
    private final double[] parsed = new double[1];
    /** Where the word of the row {@link #parseRowFast} read ends. */
    private int wordEnd;

    int rows;
    /** Row {@code i}: its word, its values at {@code i * dimension}, its line. */
    String[] words;
    float[] values;
    int[] rowLines;
    /** Lines in the batch. */
    int lines;
    /** The first of the blank lines after the last row, or -1; an error if any row follows. */
    int trailingBlankLine = -1;
    /** The first problem in the batch: its line and reason; the reader reports it on reaching the batch. */
    int errorLine = -1;
    String errorReason;
    /** Words that were not valid UTF-8, decoded under the reader's setting; the first of them. */
    int repaired;
    String firstRepaired;

    TextBatch(String location, byte[] bytes, int length, int dimension, UnicodeErrors unicodeErrors) {
        this.location = location;
        this.unicodeErrors = unicodeErrors;
        this.bytes = bytes;
        this.length = length;
        this.dimension = dimension;
    }

    /** The bytes of text this batch holds. */
    int length() {
        return length;
    }

    /** The batch's problem, if any, at its line in the file. */
    ModelFileException error(long firstLine) {
        return errorReason == null ? null : ModelFileException.atLine(location, firstLine + errorLine, errorReason);
    }

    @Override
    public TextBatch call() {
        CharsetDecoder utf8 = UnicodeErrors.decoder();
        LineTokens tokens = new LineTokens();
        // Room for about as many rows as the bytes hold at ~8 bytes a value (GloVe and word2vec
        // print 5 to 6 decimals), so the arrays grow once at most instead of ten times.
        int capacity = Math.max(64, Math.min(length / (8 * dimension + 8) + 1, 1 << 20));
        words = new String[capacity];
        rowLines = new int[capacity];
        values = new float[capacity * dimension];
        int blank = -1;
        int i = 0;
        try {
            while (i < length) {
                if (rows == capacity) {
                    capacity *= 2;
                    words = java.util.Arrays.copyOf(words, capacity);
                    rowLines = java.util.Arrays.copyOf(rowLines, capacity);
                    values = java.util.Arrays.copyOf(values, capacity * dimension);
                }
                int lineEnd = parseRowFast(i);
                if (lineEnd >= 0) {
                    if (blank >= 0) {
                        throw new LineError(blank, "empty line inside the file");
                    }
                    words[rows] = decode(i, wordEnd, utf8);
                    rowLines[rows] = lines;
                    rows++;
                    lines++;
                    i = lineEnd + 1;
                    continue;
                }
                // Any other line (blank, a word with spaces, a wrong count, a bad value): read with
                // the line's end found first, and explained when it is wrong.
                int newline = i;
                while (newline < length && bytes[newline] != '\n') {
                    newline++;
                }
                int end = newline;
                while (end > i && (bytes[end - 1] == ' ' || bytes[end - 1] == '\r' || bytes[end - 1] == '\t')) {
                    end--;
                }
                int start = i;
                while (start < end && bytes[start] == ' ') {
                    start++;
                }
                if (start == end) {
                    blank = blank < 0 ? lines : blank;
                } else {
                    if (blank >= 0) {
                        throw new LineError(blank, "empty line inside the file");
                    }
                    tokens.split(bytes, i, newline);
                    words[rows] = parseRow(tokens, i, utf8);
                    rowLines[rows] = lines;
                    rows++;
                }
                lines++;
                i = newline + 1;
            }
            trailingBlankLine = blank;
        } catch (LineError e) {
            errorLine = e.line;
            errorReason = e.reason;
        }
        return this;
    }

    /** A problem found on a line of this batch. */
    private static final class LineError extends Exception {
        final int line;
        final String reason;

        LineError(int line, String reason) {
            super(reason, null, false, false);
            this.line = line;
            this.reason = reason;
        }
    }

    /**
     * The common line in one pass from its first byte: a word with no space in it, exactly
     * {@code dimension} finite numbers each after one or more spaces, then the line's end (spaces
     * and a CR may come before it). Writes the row's values, leaves the word's end in
     * {@link #wordEnd} and returns the index of the line's '\n' (or of the batch's end); returns -1
     * for any other line, which the careful path then reads again and, if it is wrong, explains.
     */
    private int parseRowFast(int start) {
        byte[] bytes = this.bytes;
        int length = this.length;
        int i = start;
        while (i < length && bytes[i] != ' ' && bytes[i] != '\n') {
            i++;
        }
        if (i == start || i == length || bytes[i] == '\n') {
            return -1;
        }
        wordEnd = i;
        int offset = rows * dimension;
        double[] parsed = this.parsed;
        for (int v = 0; v < dimension; v++) {
            if (i == length || bytes[i] != ' ') {
                return -1; // the line ended (or a CR or tab came) before its last value
            }
            while (i < length && bytes[i] == ' ') {
                i++;
            }
            int next = DecimalParser.parsePlain(bytes, i, length, parsed);
            if (next < 0 || (next < length && !endsValue(bytes[next]))) {
                next = i;
                while (next < length && !endsValue(bytes[next])) {
                    next++;
                }
                try {
                    parsed[0] = DecimalParser.parseOther(bytes, i, next);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
            float value = (float) parsed[0];
            if (!Float.isFinite(value)) {
                return -1;
            }
            values[offset + v] = value;
            i = next;
        }
        while (i < length && bytes[i] == ' ') {
            i++;
        }
        if (i < length && bytes[i] == '\r') {
            i++;
        }
        return i == length || bytes[i] == '\n' ? i : -1;
    }

    /** A byte a value may end at in {@link #parseRowFast}: a space, or the line's end (a CR first or not). */
    private static boolean endsValue(byte b) {
        return b == ' ' || b == '\n' || b == '\r';
    }

    private String parseRow(LineTokens tokens, int lineStart, CharsetDecoder utf8) throws LineError {
        int wordTokens = tokens.count - dimension;
        if (wordTokens == 0 && bytes[lineStart] == ' ' && bytes[lineStart + 1] != ' ') {
            // The empty word, as gensim writes and reads it: a model trained on text split at
            // single spaces has '' among its words, and its line starts with the space before the values.
            parseValues(tokens, 0);
            return "";
        }
        // A few files (GloVe 840B) have words with spaces in them: accept extra leading tokens
        // as part of the word, but only when they are not numbers, so a surplus value still fails.
        boolean wordWithSpaces = wordTokens > 1 && !anyNumber(tokens, 1, wordTokens);
        if (wordTokens < 1 || (wordTokens > 1 && !wordWithSpaces)) {
            throw new LineError(lines, "expected " + dimension + " values after the word, found " + (tokens.count - 1)
                    + (tokens.count == 1 ? LineTokens.tabHint(bytes, tokens.start[0], tokens.end[0]) : ""));
        }
        parseValues(tokens, wordTokens);
        return decode(tokens.start[0], tokens.end[wordTokens - 1], utf8);
    }

    /** The row's values: the {@code dimension} tokens after the word's {@code wordTokens}. */
    private void parseValues(LineTokens tokens, int wordTokens) throws LineError {
        int offset = rows * dimension;
        for (int v = 0; v < dimension; v++) {
            int t = wordTokens + v;
            values[offset + v] = parseValue(tokens.start[t], tokens.end[t], v + 1);
        }
    }

    private String decode(int start, int end, CharsetDecoder utf8) throws LineError {
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            if (unicodeErrors == UnicodeErrors.STRICT) {
                throw new LineError(lines, ReadState.NOT_UTF8);
            }
            String word = unicodeErrors.repair(utf8, bytes, start, end);
            if (repaired++ == 0) {
                firstRepaired = word;
            }
            return word;
        }
    }

    private boolean anyNumber(LineTokens tokens, int from, int to) {
        for (int t = from; t < to; t++) {
            if (isNumber(bytes, tokens.start[t], tokens.end[t])) {
                return true;
            }
        }
        return false;
    }

    /** True when the bytes are a number as gensim (Python's {@code float}), and so this reader, reads one. */
    static boolean isNumber(byte[] bytes, int start, int end) {
        try {
            DecimalParser.parse(bytes, start, end);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Parses one value as gensim does (decimal to double, then rounded to float32), so the stored
     * float32 values are bit-for-bit the ones gensim loads from the same file ({@link DecimalParser}
     * gives the same double as {@link Double#parseDouble}, several times faster).
     */
    private float parseValue(int start, int end, int index) throws LineError {
        float value;
        try {
            value = (float) DecimalParser.parse(bytes, start, end);
        } catch (NumberFormatException e) {
            throw new LineError(lines, "value " + index + " ('" + text(start, end) + "') is not a number");
        }
        if (!Float.isFinite(value)) {
            throw new LineError(lines, "value " + index + " ('" + text(start, end) + "') is not a finite float32");
        }
        return value;
    }

    private String text(int start, int end) {
        String text = new String(bytes, start, Math.min(end - start, 80), StandardCharsets.UTF_8);
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
