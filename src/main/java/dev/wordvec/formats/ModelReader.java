package dev.wordvec.formats;

import dev.wordvec.vectors.RowBlocks;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Text is parsed in runs of lines of about this many bytes, one run per task. */
    private static final int BATCH_BYTES = 4 << 20;
    private static final int PARSE_THREADS = Integer.getInteger("wordvec.parse-threads",
            Math.max(1, Runtime.getRuntime().availableProcessors()));
    /**
     * Bump when a change to parsing could change what a file reads as: converted copies in the
     * cache are keyed on it, so none made by an older reader is used.
     */
    public static final int READER_VERSION = 1;
    /** The vocabulary is indexed by int; a little below the largest Java array. */
    static final int MAX_ROWS = Integer.MAX_VALUE - 8;
    static final int MAX_DIMENSION = 1 << 16;

    private final ModelSource source;
    private final boolean gzip;
    private final ByteInput in;
    private final CountingInputStream counted;
    private final long totalBytes;
    private final Consumer<LoadProgress> progress;
    private final long blockBytes;
    /** Keep at most this many words (0: all). */
    private final int limit;
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
            Consumer<LoadProgress> progress, long blockBytes, int limit) {
        this.blockBytes = blockBytes;
        this.limit = limit;
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
        return read(source, format, progress, RowBlocks.DEFAULT_BLOCK_BYTES, 0);
    }

    /**
     * As {@link #read(ModelSource, ModelFormat, Consumer)}, with matrix blocks of at most
     * {@code blockBytes}, keeping only the first {@code limit} words (0: all), as gensim's
     * {@code limit}: the rest of the file is not read.
     */
    public static ParsedVectors read(ModelSource source, ModelFormat format, Consumer<LoadProgress> progress,
            long blockBytes, int limit) throws ModelFileException {
        try (InputStream raw = source.open()) {
            CountingInputStream counted = new CountingInputStream(raw);
            BufferedInputStream buffered = new BufferedInputStream(counted, 1 << 16);
            boolean gzip = startsWithGzipMagic(buffered);
            InputStream data = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            return new ModelReader(source, gzip, new ByteInput(data), counted, progress, blockBytes, limit).read(format);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw ModelFileException.of(source.location(), "cannot read the file: " + e, e);
        }
    }

    /** Daemon threads, so a stuck parse never keeps the JVM alive. */
    private static ThreadFactory parseThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "wordvec-parse-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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
            if (requested == ModelFormat.CONVERTED) {
                throw convertedNotOnDisk();
            }
            ModelFormat format = requested == ModelFormat.AUTO ? detect() : requested;
            MatrixBuilder matrix = format == ModelFormat.WORD2VEC_BINARY ? readBinary() : readText(format);
            report(matrix.rows());
            return new ParsedVectors(new Vocabulary(words), matrix.dimension(), matrix.build(), format, duplicates);
        } catch (ModelFileException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // The matrix lives in direct buffers, which the JVM caps at -XX:MaxDirectMemorySize
            // (by default the -Xmx value): a small -Xmx alone is too small for a big model.
            throw ModelFileException.of(source.location(), "not enough memory for the matrix (" + e.getMessage()
                    + "); start the JVM with -XX:MaxDirectMemorySize above the model's size (it defaults to -Xmx), "
                    + "or load a converted file, which is memory-mapped and needs none", null);
        } catch (IOException e) {
            // A read error part-way (most often a truncated or damaged gzip stream).
            String reason = (gzip ? "the gzip data is truncated or corrupt" : "the file cannot be read") + " (" + e + ")";
            throw line > 0 ? ModelFileException.atLine(source.location(), line, reason)
                    : ModelFileException.atOffset(source.location(), in.offset(), reason);
        }
    }

    private ModelFileException convertedNotOnDisk() {
        return ModelFileException.of(source.location(), "a wordvec converted file is memory-mapped, so it must be a "
                + "regular file on disk (not a pipe or a classpath resource)", null);
    }

    // ---- detection ------------------------------------------------------------------------

    private ModelFormat detect() throws IOException {
        if (in.atEnd()) {
            throw ModelFileException.of(source.location(), "the file is empty", null);
        }
        if (in.fill(8) >= 8 && new String(in.array(), in.position(), 8, StandardCharsets.ISO_8859_1).equals("WORDVEC\0")) {
            throw convertedNotOnDisk();
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
        int dimension;
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
            dimension = checkHeader(header);
            expectedRows = header[0];
            in.skip(Math.min(length + 1, in.available()));
        } else {
            dimension = firstRowDimension();
        }
        MatrixBuilder matrix = new MatrixBuilder(dimension, limited(expectedRows), blockBytes);
        ExecutorService workers = Executors.newFixedThreadPool(PARSE_THREADS, parseThreads());
        try {
            Deque<Future<TextBatch>> pending = new ArrayDeque<>();
            TextRowsState state = new TextRowsState(expectedRows, line + 1);
            while (!full()) {
                TextBatch batch = nextBatch(dimension, () -> {
                    // Only with every earlier batch taken is this line's number known.
                    while (!pending.isEmpty()) {
                        take(pending.poll(), state, matrix);
                    }
                    return state.nextLine;
                });
                if (batch == null) {
                    break;
                }
                pending.add(workers.submit(batch));
                if (pending.size() >= 2 * PARSE_THREADS) {
                    take(pending.poll(), state, matrix);
                }
            }
            while (!pending.isEmpty() && !full()) {
                take(pending.poll(), state, matrix);
            }
            long nextLine = state.nextLine;
            if (full()) {
                return matrix;
            }
            line = nextLine - 1;
            if (matrix.rows() == 0) {
                throw ModelFileException.of(source.location(), "the file holds no vectors", null);
            }
            if (expectedRows >= 0 && state.rowsSeen < expectedRows) {
                throw ModelFileException.atLine(source.location(), line + 1, "unexpected end of file after "
                        + state.rowsSeen + " of the " + expectedRows + " rows the header announces (truncated file?)");
            }
            return matrix;
        } finally {
            workers.shutdownNow();
        }
    }

    /** The number of the line at the input's position, found when an error needs it. */
    @FunctionalInterface
    private interface LineNumber {
        long next() throws IOException;
    }

    /** What the in-order pass over the batches carries from one batch to the next. */
    private static final class TextRowsState {
        final long expectedRows;
        long rowsSeen;
        long pendingBlankLine;
        /** The line the next batch taken starts at. */
        long nextLine;

        TextRowsState(long expectedRows, long firstLine) {
            this.expectedRows = expectedRows;
            this.nextLine = firstLine;
        }
    }

    /** Waits for the next batch in file order and keeps its rows, checking what spans batches. */
    private void take(Future<TextBatch> future, TextRowsState state, MatrixBuilder matrix) throws IOException {
        TextBatch batch;
        try {
            batch = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while parsing", e);
        } catch (ExecutionException e) {
            throw new IOException("parsing failed", e.getCause());
        }
        long firstLine = state.nextLine;
        if (state.pendingBlankLine != 0 && (batch.rows > 0 || batch.errorReason != null)) {
            throw ModelFileException.atLine(source.location(), state.pendingBlankLine, "empty line inside the file");
        }
        for (int r = 0; r < batch.rows && !full(); r++) {
            line = firstLine + batch.rowLines[r];
            if (state.expectedRows >= 0 && state.rowsSeen == state.expectedRows) {
                throw ModelFileException.atLine(source.location(), line, "the header announces " + state.expectedRows
                        + " rows, but the file goes on after them");
            }
            state.rowsSeen++;
            addWord(batch.words[r], matrix, batch.values, r * matrix.dimension());
        }
        if (batch.errorReason != null && !full()) {
            throw batch.error(firstLine);
        }
        if (state.pendingBlankLine == 0 && batch.trailingBlankLine >= 0) {
            state.pendingBlankLine = firstLine + batch.trailingBlankLine;
        }
        state.nextLine += batch.lines;
        maybeReport(matrix.rows());
    }

    /**
     * The next run of whole lines (about {@link #BATCH_BYTES}), copied out of the input so a
     * worker can parse it while the input reads on; null at the end of the file.
     */
    private TextBatch nextBatch(int dimension, LineNumber lineNumber) throws IOException {
        int available = in.fill(BATCH_BYTES);
        if (available == 0) {
            return null;
        }
        int length;
        if (available < BATCH_BYTES) {
            length = available;
        } else {
            length = lastNewline(available) + 1;
            if (length == 0) {
                int newline = in.indexOf((byte) '\n', MAX_LINE_BYTES);
                if (newline == -2) {
                    lineLength(newline, MAX_LINE_BYTES, lineNumber.next());
                }
                length = lineLength(newline, MAX_LINE_BYTES, 0) + (newline >= 0 ? 1 : 0);
            }
        }
        byte[] bytes = java.util.Arrays.copyOfRange(in.array(), in.position(), in.position() + length);
        in.skip(length);
        return new TextBatch(source.location(), bytes, length, dimension);
    }

    private int lastNewline(int available) {
        byte[] bytes = in.array();
        for (int i = in.position() + available - 1; i >= in.position(); i--) {
            if (bytes[i] == '\n') {
                return i - in.position();
            }
        }
        return -1;
    }

    /** A GloVe file's dimension: the value count of its first non-blank line. */
    private int firstRowDimension() throws IOException {
        LineTokens tokens = new LineTokens();
        int from = 0;
        long lineNumber = 1;
        while (true) {
            int available = in.fill(from + 1);
            if (available <= from) {
                throw ModelFileException.of(source.location(), "the file holds no vectors", null);
            }
            int newline = indexOfFrom((byte) '\n', from, MAX_LINE_BYTES, lineNumber);
            int end = newline >= 0 ? newline : in.available();
            tokens.split(in.array(), in.position() + from, in.position() + end);
            if (tokens.count == 1) {
                throw ModelFileException.atLine(source.location(), lineNumber, "a word with no values after it");
            }
            if (tokens.count > 1) {
                return tokens.count - 1;
            }
            if (newline < 0) {
                throw ModelFileException.of(source.location(), "the file holds no vectors", null);
            }
            from = newline + 1;
            lineNumber++;
        }
    }

    /** Index (relative to the position) of {@code target} at or after {@code from}; -1 at the end of the file. */
    private int indexOfFrom(byte target, int from, int maxLength, long lineNumber) throws IOException {
        while (true) {
            int available = in.available();
            for (int i = from; i < available; i++) {
                if (in.peek(i) == target) {
                    return i;
                }
            }
            if (available - from > maxLength) {
                lineLength(-2, maxLength, lineNumber);
            }
            if (in.fill(available + (1 << 16)) == available) {
                return -1;
            }
        }
    }

    private int checkHeader(long[] header) throws ModelFileException {
        if (header[0] < 1) {
            throw ModelFileException.atLine(source.location(), 1, "the header announces no rows");
        }
        if (header[1] < 1) {
            throw ModelFileException.atLine(source.location(), 1, "the header announces dimension 0");
        }
        if (header[0] > MAX_ROWS || header[1] > MAX_DIMENSION) {
            throw ModelFileException.atLine(source.location(), 1, "the header announces " + header[0] + " x "
                    + header[1] + " values: wordvec takes up to " + MAX_ROWS + " words of up to " + MAX_DIMENSION
                    + " dimensions");
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
        long expectedRows = header[0];
        MatrixBuilder matrix = new MatrixBuilder(checkHeader(header), limited(expectedRows), blockBytes);
        int dimension = matrix.dimension();
        float[] values = new float[dimension];
        int vectorBytes = dimension * Float.BYTES;
        in.skip(Math.min(headerLength + 1, in.available()));
        for (long row = 1; row <= expectedRows && !full(); row++) {
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
            ByteBuffer.wrap(in.array(), in.position(), vectorBytes).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(values, 0, dimension);
            for (int v = 0; v < dimension; v++) {
                if (!Float.isFinite(values[v])) {
                    throw binaryError(in.offset() + (long) v * Float.BYTES, "value " + (v + 1) + " of '"
                            + abbreviate(word) + "' (row " + row + ") is " + values[v]);
                }
            }
            in.skip(vectorBytes);
            addWord(word, matrix, values, 0);
            maybeReport(matrix.rows());
        }
        if (full()) {
            return matrix;
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

    /** True once {@code limit} words are kept. */
    private boolean full() {
        return limit > 0 && words.size() >= limit;
    }

    /** The rows to expect when a header gives {@code expectedRows}, after the limit. */
    private long limited(long expectedRows) {
        return limit > 0 && (expectedRows < 0 || expectedRows > limit) ? (expectedRows < 0 ? -1 : limit) : expectedRows;
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

    /** Keeps a row unless its word came before (then the first row stays, as in gensim, and the repeat is logged). */
    private void addWord(String word, MatrixBuilder matrix, float[] values, int offset) throws ModelFileException {
        if (rowsByWord.putIfAbsent(word, words.size()) != null) {
            duplicates++;
            if (duplicates <= DUPLICATES_LOGGED) {
                log.warn("{}: duplicate word '{}' ({}); keeping its first row, as gensim does",
                        source.location(), abbreviate(word), line > 0 ? "line " + line : "offset " + in.offset());
            }
            return;
        }
        if (words.size() == MAX_ROWS) {
            throw where("more than " + MAX_ROWS + " words: too many for one model");
        }
        words.add(word);
        matrix.add(values, offset);
    }

    /** Reports at most once per interval; called per row (binary) or per batch (text), so by time, not by row count. */
    private void maybeReport(long rows) {
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
}
