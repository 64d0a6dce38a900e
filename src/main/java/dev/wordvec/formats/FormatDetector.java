package dev.wordvec.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Tells a file's format from its first bytes, without consuming them: a header line or not,
 * text rows or binary ones, fastText's trailing space. Files wordvec recognises but cannot parse
 * here (its converted format from a stream, fastText's native {@code .bin}) fail with a message
 * that says what to do instead.
 */
final class FormatDetector {

    private static final int DETECTION_SAMPLE_BYTES = 4096;

    private final ReadState file;
    private final ByteInput in;

    private FormatDetector(ReadState file) {
        this.file = file;
        this.in = file.in;
    }

    static ModelFormat detect(ReadState file) throws IOException {
        return new FormatDetector(file).detect();
    }

    static ModelFileException convertedNotOnDisk(ReadState file) {
        return ModelFileException.of(file.location(), "a wordvec converted file is memory-mapped, so it must be a "
                + "regular file on disk (not a pipe or a classpath resource)", null);
    }

    private ModelFormat detect() throws IOException {
        if (in.atEnd()) {
            throw file.empty();
        }
        if (in.fill(8) >= 8 && new String(in.array(), in.position(), 8, StandardCharsets.ISO_8859_1).equals("WORDVEC\0")) {
            throw convertedNotOnDisk(file);
        }
        String store = ForeignData.store(java.util.Arrays.copyOfRange(in.array(), in.position(),
                in.position() + Math.min(16, in.fill(16))), file.compression);
        if (store != null) {
            throw ModelFileException.of(file.location(), store, null);
        }
        // A binary Python pickle (protocol 2 to 5): gensim's own format. No text model starts with 0x80.
        if (in.fill(2) >= 2 && (in.peek(0) & 0xff) == 0x80 && in.peek(1) >= 2 && in.peek(1) <= 5) {
            return ModelFormat.GENSIM;
        }
        if (in.fill(4) >= 4 && littleEndianInt(0) == FastTextBinReader.MAGIC || looksLikeOldFastText()) {
            return ModelFormat.FASTTEXT_BIN;
        }
        int firstLineLength = file.lineLength(in.indexOf((byte) '\n', 1 << 20), 1 << 20, 1);
        long[] header = looksLikeText(0, firstLineLength) ? file.parseHeader(0, firstLineLength) : null;
        if (header == null) {
            // No header: GloVe text, which must look like text from its first byte on.
            int sample = Math.min(in.fill(DETECTION_SAMPLE_BYTES), DETECTION_SAMPLE_BYTES);
            if (hasControlBytes(0, sample)) {
                throw ModelFileException.atLine(file.location(), 1, looksLikeOnnx()
                        ? "an ONNX network (a sentence encoder), not a word-vector file: the service loads it as a "
                        + "contextual model, with wordvec.models.<name>.kind: contextual and its tokenizer.json "
                        + "beside it"
                        : "binary data where text was expected: not a GloVe, word2vec or fastText .vec file, and no "
                        + "word2vec binary header 'count dimension'");
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

    /**
     * An ONNX network, a sentence encoder's, given where a word-vector file was meant: by its name,
     * or by how its protobuf starts (field 1, the IR version, a small number; then field 2, the
     * name of the program that wrote it, as text).
     */
    private boolean looksLikeOnnx() throws IOException {
        if (file.location().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
            return true;
        }
        if (in.fill(4) < 4 || in.peek(0) != 0x08 || in.peek(1) < 1 || in.peek(1) > 20 || in.peek(2) != 0x12) {
            return false;
        }
        int length = in.peek(3);
        return length > 0 && in.fill(4 + length) >= 4 + length && looksLikeText(4, length);
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
            if (!TextBatch.isNumber(in.array(), tokens.start[t], tokens.end[t])) {
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

    /**
     * fastText's layout before its magic number: the arguments first, each in its range (dim,
     * ws, epoch, minCount, neg, wordNgrams, loss 1..4, model 1..3, bucket, minn, maxn).
     */
    private boolean looksLikeOldFastText() throws IOException {
        if (in.fill(44) < 44) {
            return false;
        }
        int[] a = new int[11];
        for (int i = 0; i < a.length; i++) {
            a[i] = littleEndianInt(4 * i);
        }
        return a[0] >= 1 && a[0] <= 10_000 && a[1] >= 1 && a[1] <= 1_000 && a[2] >= 1 && a[2] <= 10_000 && a[3] >= 0
                && a[4] >= 0 && a[4] <= 1_000 && a[5] >= 1 && a[5] <= 10 && a[6] >= 1 && a[6] <= 4 && a[7] >= 1
                && a[7] <= 3 && a[8] >= 0 && a[9] >= 0 && a[9] <= 64 && a[10] >= 0 && a[10] <= 64;
    }

    private int littleEndianInt(int at) {
        return (in.peek(at) & 0xff) | (in.peek(at + 1) & 0xff) << 8 | (in.peek(at + 2) & 0xff) << 16
                | (in.peek(at + 3) & 0xff) << 24;
    }
}
