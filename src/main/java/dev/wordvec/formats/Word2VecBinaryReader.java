package dev.wordvec.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * word2vec's binary layout (GoogleNews): a text header {@code count dimension}, then per row
 * the word, a space, and {@code dimension} little-endian float32 values. Errors name the byte offset.
 */
final class Word2VecBinaryReader implements VectorsReader {

    private static final int MAX_WORD_BYTES = 1 << 16;

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
            ByteBuffer.wrap(in.array(), in.position(), vectorBytes).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(values, 0, dimension);
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
}
