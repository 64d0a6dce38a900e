package dev.wordvec.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The input matrix of a quantised fastText model ({@code fasttext quantize}, a {@code .ftz} file):
 * fastText's {@code QuantMatrix}, product-quantised. Each row is split into {@code nsubq} parts of
 * {@code dsub} columns (the last {@code lastdsub}); a row stores one byte per part, the index of
 * one of 256 centroids of that part. With {@code -qnorm} the rows were normalised before
 * quantisation and each row also stores its norm as a byte, the index of one of 256 scalar
 * centroids. A row is decoded as fastText's {@code addcode} adds it to a vector: each part's
 * centroid, times the row's norm.
 *
 * <pre>
 * qnorm (1 byte), rows (int64), columns (int64), code bytes (int32), codes (rows x nsubq bytes)
 * the quantiser: dim, nsubq, dsub, lastdsub (int32 each), 256 x dim float32 centroids
 * with qnorm: a norm code per row (rows bytes), then the norms' quantiser (dim 1, 256 centroids)
 * </pre>
 */
final class QuantisedMatrix {

    /** Centroids per part: fastText quantises to 8 bits. */
    private static final int CENTROIDS = 256;

    private QuantisedMatrix() {
    }

    /**
     * Reads the matrix from the file's position and decodes its rows ({@code words} words' own
     * rows, then {@code ngrams} n-gram rows) to {@code inputRow}.
     */
    static void read(ReadState file, int words, int ngrams, int dimension, FastTextBinReader.InputRow inputRow)
            throws IOException {
        ByteInput in = file.in;
        long start = in.offset();
        boolean qnorm = byteValue(file) != 0;
        long rows = FastTextBinReader.int64(file);
        long columns = FastTextBinReader.int64(file);
        int codeBytes = FastTextBinReader.int32(file);
        if (columns != dimension || rows != (long) words + ngrams) {
            throw file.binaryError(start, "the quantised input matrix is " + rows + " x " + columns + ", not " + words
                    + " words + " + ngrams + " n-grams x " + dimension);
        }
        if (codeBytes < rows || codeBytes % rows != 0) {
            throw file.binaryError(start + 17, "the quantised input matrix has " + codeBytes + " code bytes for "
                    + rows + " rows: a damaged file");
        }
        byte[] codes = bytes(file, codeBytes, "the quantised rows' codes");
        Quantiser parts = Quantiser.read(file, "the quantiser");
        if (parts.dimension != dimension || (long) parts.parts * rows != codeBytes) {
            throw file.binaryError(in.offset(), "the quantiser is for " + parts.dimension + " columns in " + parts.parts
                    + " parts, where the matrix has " + dimension + " columns and " + codeBytes / rows
                    + " code bytes a row: a damaged file");
        }
        byte[] normCodes = null;
        Quantiser norms = null;
        if (qnorm) {
            normCodes = bytes(file, (int) rows, "the quantised rows' norms");
            norms = Quantiser.read(file, "the norms' quantiser");
            if (norms.dimension != 1 || norms.parts != 1) {
                throw file.binaryError(in.offset(), "the norms' quantiser is for " + norms.dimension + " columns in "
                        + norms.parts + " parts, not 1: a damaged file");
            }
        }
        float[] row = new float[dimension];
        for (int r = 0; r < rows; r++) {
            // The norms' quantiser has one column, so centroid i is the i-th float.
            float norm = normCodes == null ? 1 : norms.centroids[normCodes[r] & 0xFF];
            parts.decode(codes, r, norm, row);
            inputRow.accept(r, row);
        }
    }

    /**
     * fastText's {@code ProductQuantizer}: {@code parts} parts of {@code partWidth} columns, the last
     * {@code lastWidth}, each with 256 centroids, stored part after part.
     */
    private record Quantiser(int dimension, int parts, int partWidth, int lastWidth, float[] centroids) {

        static Quantiser read(ReadState file, String what) throws IOException {
            long start = file.in.offset();
            int dimension = FastTextBinReader.int32(file);
            int parts = FastTextBinReader.int32(file);
            int partWidth = FastTextBinReader.int32(file);
            int lastWidth = FastTextBinReader.int32(file);
            if (dimension < 1 || dimension > ReadState.MAX_DIMENSION || parts < 1 || partWidth < 1 || lastWidth < 1
                    || lastWidth > partWidth || (long) (parts - 1) * partWidth + lastWidth != dimension) {
                throw file.binaryError(start, what + " announces " + dimension + " columns in " + parts
                        + " parts of " + partWidth + " (the last " + lastWidth + "): a damaged file");
            }
            byte[] raw = bytes(file, dimension * CENTROIDS * Float.BYTES, what + "'s centroids");
            float[] centroids = new float[dimension * CENTROIDS];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(centroids);
            return new Quantiser(dimension, parts, partWidth, lastWidth, centroids);
        }

        /**
         * Row {@code r} from its codes, each part's centroid times {@code norm}, into {@code row}; the
         * centroid of a part sits where fastText's {@code get_centroids} finds it.
         */
        void decode(byte[] codes, int r, float norm, float[] row) {
            for (int part = 0; part < parts; part++) {
                int width = part == parts - 1 ? lastWidth : partWidth;
                int offset = part * CENTROIDS * partWidth + (codes[r * parts + part] & 0xFF) * width;
                for (int c = 0; c < width; c++) {
                    row[part * partWidth + c] = norm * centroids[offset + c];
                }
            }
        }
    }

    private static int byteValue(ReadState file) throws IOException {
        return bytes(file, 1, "the quantised input matrix")[0];
    }

    /**
     * The next {@code count} bytes of the file, failing with {@code what} when it ends first. The
     * array grows with the bytes read, so a damaged count fails at the end of the file, not by
     * asking for gigabytes first.
     */
    private static byte[] bytes(ReadState file, int count, String what) throws IOException {
        ByteInput in = file.in;
        byte[] bytes = new byte[Math.min(count, 1 << 20)];
        for (int done = 0; done < count;) {
            int chunk = Math.min(count - done, 1 << 20);
            if (in.fill(chunk) < chunk) {
                throw file.binaryError(in.offset(), "unexpected end of file in " + what + " (truncated file?)");
            }
            if (done + chunk > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(count, 2L * bytes.length + chunk));
            }
            System.arraycopy(in.array(), in.position(), bytes, done, chunk);
            in.skip(chunk);
            done += chunk;
        }
        return bytes;
    }
}
