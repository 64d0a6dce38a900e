package dev.wordvec.formats;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import org.slf4j.LoggerFactory;

/**
 * word2vec's binary layout (GoogleNews): a text header {@code count dimension}, then per row
 * the word, a space, and {@code dimension} little-endian float32 values. Errors name the byte offset.
 *
 * <p>The layout cannot hold a word with a space, yet gensim's {@code save_word2vec_format} writes
 * one as it is ({@code new york}), and every reader, gensim's too, then takes {@code york} and
 * the first bytes of its vector for the values of {@code new}: the row's values come out as
 * nonsense (1e26 from the letters of {@code york}), and the rest of the vector is prefixed to the
 * next word, which loads under a garbled name whenever its bytes happen to be valid UTF-8. So when
 * the values after a word's first space make no vector and no row can start after them, while
 * after a later space (only text before it) they make one and a row starts after them, the word
 * is read through its spaces; from {@link #SURE_DIMENSION} dimensions on, whether a row starts
 * after the values as first read is not asked. A file whose values are merely odd reads as it
 * always did.
 */
final class Word2VecBinaryReader implements VectorsReader {

    private static final int MAX_WORD_BYTES = 1 << 16;
    /** How far past a word's first space a word with spaces is looked for. */
    private static final int MAX_SPACED_BYTES = 1 << 10;
    /**
     * No word vector has a value this large, or one this small but zero. Bytes of text read as a
     * float32 mostly give one or the other (lower-case letters in its last byte 1e20 and more, a
     * space there less than 4.4e-19, so a word's rest always ends in such a value), and so mostly
     * do floats read out of step with their bytes.
     */
    private static final float LARGEST_VALUE = 1e6f;
    private static final float SMALLEST_VALUE = 1e-15f;
    /**
     * From this dimension on, values that make a vector only when read past a later space are
     * evidence enough (read out of step, a value is in range about a quarter of the time), while a
     * vector's last few bytes, read as the start of the next word, can pass for text.
     */
    private static final int SURE_DIMENSION = 16;

    @Override
    public MatrixBuilder read(ReadState file) throws IOException {
        ByteInput in = file.in;
        if (in.atEnd()) {
            throw file.empty();
        }
        int headerLength = file.lineLength(in.indexOf((byte) '\n', 1 << 10), 1 << 10, 1);
        long[] header = file.parseHeader(0, headerLength);
        if (header == null) {
            throw ModelFileException.atLine(file.location(), 1, "word2vec binary files start with a header "
                    + "'count dimension', found '" + file.abbreviate(0, headerLength) + "'");
        }
        long expectedRows = header[0];
        MatrixBuilder matrix = file.matrix(file.checkHeader(header), file.limited(expectedRows));
        int dimension = matrix.dimension();
        float[] values = new float[dimension];
        int vectorBytes = dimension * Float.BYTES;
        long spaced = 0;
        String firstSpaced = null;
        in.skip(Math.min(headerLength + 1, in.available()));
        for (long row = 1; row <= expectedRows && !file.full(); row++) {
            // The C tool ends each vector with '\n'; gensim's writer does not. Accept both.
            while (in.fill(1) > 0 && (in.peek(0) == '\n' || in.peek(0) == '\r')) {
                in.skip(1);
            }
            long rowOffset = in.offset();
            if (in.available() == 0) {
                throw file.binaryError(rowOffset, "unexpected end of file after " + (row - 1) + " of the "
                        + expectedRows + " rows the header announces (truncated file?)");
            }
            int space = in.indexOf((byte) ' ', MAX_WORD_BYTES);
            if (space == -2) {
                throw file.binaryError(rowOffset, "no space ends the word of row " + row + " within "
                        + (MAX_WORD_BYTES >> 10) + " KB: the file is corrupt or not word2vec binary");
            }
            if (space == -1) {
                throw file.binaryError(rowOffset, "unexpected end of file inside the word of row " + row + " of "
                        + expectedRows + " (truncated file?)");
            }
            String word = file.decodeWord(in.array(), in.position(), in.position() + space);
            in.skip(space + 1);
            if (in.fill(vectorBytes) < vectorBytes) {
                throw file.binaryError(in.offset(), "unexpected end of file inside the vector of '"
                        + ReadState.abbreviate(word) + "' (row " + row + " of " + expectedRows + "; truncated file?)");
            }
            if (!readVector(in, 0, values) && (dimension >= SURE_DIMENSION || !startsARow(in, vectorBytes))) {
                int rest = restOfSpacedWord(in, dimension);
                if (rest >= 0) {
                    word += " " + file.decodeWord(in.array(), in.position(), in.position() + rest);
                    firstSpaced = spaced++ == 0 ? word : firstSpaced;
                    in.skip(rest + 1);
                    readVector(in, 0, values);
                }
            }
            for (int v = 0; v < dimension; v++) {
                if (!Float.isFinite(values[v])) {
                    throw file.binaryError(in.offset() + (long) v * Float.BYTES, "value " + (v + 1) + " of '"
                            + ReadState.abbreviate(word) + "' (row " + row + ") is " + values[v]);
                }
            }
            in.skip(vectorBytes);
            file.addWord(word, matrix, values, 0);
            file.maybeReport(matrix.rows());
        }
        if (spaced > 0) {
            LoggerFactory.getLogger(Word2VecBinaryReader.class).warn("{}: {} word(s) hold a space, the first '{}': "
                    + "word2vec's binary format ends a word at its first space, so such a word was read on past it, "
                    + "to where its values make a vector (gensim's load_word2vec_format misreads these rows; a text "
                    + "file holds such words safely)", file.location(), spaced, ReadState.abbreviate(firstSpaced));
        }
        if (file.full()) {
            return matrix;
        }
        while (in.fill(1) > 0 && Character.isWhitespace(in.peek(0))) {
            in.skip(1);
        }
        if (!in.atEnd()) {
            throw file.binaryError(in.offset(), "the header announces " + expectedRows
                    + " rows, but more data follows them");
        }
        return matrix;
    }

    /**
     * Where the rest of a word with spaces ends, past the input's position (which is just past the
     * word's first space; the values there make no vector, and no row starts after them): at the
     * first later space after which they do make one and a row starts after them, with only UTF-8
     * text (no control byte) before it; -1 when there is none.
     */
    private static int restOfSpacedWord(ByteInput in, int dimension) throws IOException {
        float[] values = new float[dimension];
        int vectorBytes = dimension * Float.BYTES;
        for (int at = spaceAfterText(in, 0, MAX_SPACED_BYTES); at >= 0;
                at = spaceAfterText(in, at + 1, MAX_SPACED_BYTES)) {
            if (in.fill(at + 1 + vectorBytes) < at + 1 + vectorBytes) {
                return -1;
            }
            if (readVector(in, at + 1, values) && startsARow(in, at + 1 + vectorBytes) && isUtf8(in, 0, at)) {
                return at;
            }
        }
        return -1;
    }

    /**
     * Whether a row could start {@code at} bytes past the position (after the line ends the C tool
     * writes): a word of UTF-8 text and its space, or the end of the file. Past a word with spaces
     * read at its first space, the "word" holds the rest of its vector's bytes.
     */
    private static boolean startsARow(ByteInput in, int at) throws IOException {
        while (in.fill(at + 1) > at && (in.peek(at) == '\n' || in.peek(at) == '\r')) {
            at++;
        }
        if (in.fill(at + 1) == at) {
            return true;
        }
        int space = spaceAfterText(in, at, at + MAX_SPACED_BYTES);
        return space > at && isUtf8(in, at, space);
    }

    /**
     * The first space at or after {@code from} (past the position, before {@code limit}) with no
     * control byte before it; -1 when a control byte, the end of the data or {@code limit} comes first.
     */
    private static int spaceAfterText(ByteInput in, int from, int limit) throws IOException {
        for (int i = from; i < limit && in.fill(i + 1) > i; i++) {
            byte b = in.peek(i);
            if (b == ' ') {
                return i;
            }
            if (b >= 0 && b < ' ' || b == 0x7f) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether the bytes from {@code from} to {@code to} past the position are UTF-8. */
    private static boolean isUtf8(ByteInput in, int from, int to) {
        try {
            UTF_8.newDecoder().decode(ByteBuffer.wrap(in.array(), in.position() + from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Reads {@code values} from the bytes at {@code from} past the position; whether they could be a
     * word vector's (each finite, and zero or between 1e-15 and 1e6 in magnitude).
     */
    private static boolean readVector(ByteInput in, int from, float[] values) {
        ByteBuffer.wrap(in.array(), in.position() + from, values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer().get(values);
        boolean vector = true;
        for (float value : values) {
            float magnitude = Math.abs(value);
            vector &= magnitude < LARGEST_VALUE && (magnitude >= SMALLEST_VALUE || magnitude == 0);
        }
        return vector;
    }
}
