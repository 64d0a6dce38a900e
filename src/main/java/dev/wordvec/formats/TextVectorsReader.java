package dev.wordvec.formats;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The text layouts: GloVe ({@code word v1 ... vN}, no header), word2vec text and fastText
 * {@code .vec} (a {@code count dimension} header first). Lines are cut into runs of about
 * {@link #BATCH_BYTES} and parsed on several threads ({@link TextBatch}); rows are kept in file
 * order, and what spans runs (line numbers, blank lines, the header's count) is checked here.
 */
final class TextVectorsReader implements VectorsReader {

    private static final int MAX_LINE_BYTES = 64 << 20;
    /** Text is parsed in runs of lines of about this many bytes, one run per task. */
    private static final int BATCH_BYTES = 4 << 20;
    private static final int PARSE_THREADS = Integer.getInteger("wordvec.parse-threads",
            Math.max(1, Runtime.getRuntime().availableProcessors()));

    private final ModelFormat format;
    private ReadState file;
    private ByteInput in;

    /** @param format a text format; its header (or its absence) is required */
    TextVectorsReader(ModelFormat format) {
        this.format = format;
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

    @Override
    public MatrixBuilder read(ReadState file) throws IOException {
        this.file = file;
        this.in = file.in;
        long expectedRows = -1;
        int dimension;
        if (format.hasHeader()) {
            if (in.atEnd()) {
                throw file.empty();
            }
            file.line = 1;
            int length = file.lineLength(in.indexOf((byte) '\n', MAX_LINE_BYTES), MAX_LINE_BYTES, file.line);
            long[] header = file.parseHeader(0, length);
            if (header == null) {
                throw ModelFileException.atLine(file.location(), 1, "expected a header 'count dimension' ("
                        + format.id() + " format), found '" + file.abbreviate(0, length) + "'");
            }
            dimension = file.checkHeader(header);
            expectedRows = header[0];
            in.skip(Math.min(length + 1, in.available()));
        } else {
            dimension = firstRowDimension();
        }
        MatrixBuilder matrix = file.matrix(dimension, file.limited(expectedRows));
        ExecutorService workers = Executors.newFixedThreadPool(PARSE_THREADS, parseThreads());
        try {
            Deque<Future<TextBatch>> pending = new ArrayDeque<>();
            TextRowsState state = new TextRowsState(expectedRows, file.line + 1);
            while (!file.full()) {
                TextBatch batch;
                try {
                    batch = nextBatch(dimension, () -> {
                        // Only with every earlier batch taken is this line's number known.
                        takeAll(pending, state, matrix);
                        return state.nextLine;
                    });
                } catch (IOException e) {
                    // The stream broke off (a truncated gzip file, most often): the error names the
                    // line it broke in, after the whole lines read before the damage.
                    takeAll(pending, state, matrix);
                    file.line = state.nextLine + in.countBuffered((byte) '\n');
                    throw e;
                }
                if (batch == null) {
                    break;
                }
                pending.add(workers.submit(batch));
                if (pending.size() >= 2 * PARSE_THREADS) {
                    take(pending.poll(), state, matrix);
                }
            }
            while (!pending.isEmpty() && !file.full()) {
                take(pending.poll(), state, matrix);
            }
            long nextLine = state.nextLine;
            if (file.full()) {
                return matrix;
            }
            file.line = nextLine - 1;
            if (matrix.rows() == 0) {
                throw ModelFileException.of(file.location(), "the file holds no vectors", null);
            }
            if (expectedRows >= 0 && state.rowsSeen < expectedRows) {
                throw ModelFileException.atLine(file.location(), file.line + 1, "unexpected end of file after "
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
        /** The bytes of the batches taken, until the row count is estimated (a file without a header). */
        long bytesTaken;
        boolean estimated;

        TextRowsState(long expectedRows, long firstLine) {
            this.expectedRows = expectedRows;
            this.nextLine = firstLine;
        }
    }

    /** Takes every pending batch, in order. */
    private void takeAll(Deque<Future<TextBatch>> pending, TextRowsState state, MatrixBuilder matrix)
            throws IOException {
        while (!pending.isEmpty()) {
            take(pending.poll(), state, matrix);
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
            if (e.getCause() instanceof Error error) {
                throw error; // out of memory, above all: the caller names the limit, which "parsing failed" did not
            }
            throw new IOException("parsing failed", e.getCause());
        }
        long firstLine = state.nextLine;
        if (state.pendingBlankLine != 0 && (batch.rows > 0 || batch.errorReason != null)) {
            throw ModelFileException.atLine(file.location(), state.pendingBlankLine, "empty line inside the file");
        }
        file.repaired(batch.repaired, batch.firstRepaired);
        for (int r = 0; r < batch.rows && !file.full(); r++) {
            file.line = firstLine + batch.rowLines[r];
            if (state.expectedRows >= 0 && state.rowsSeen == state.expectedRows) {
                throw ModelFileException.atLine(file.location(), file.line, "the header announces " + state.expectedRows
                        + " rows, but the file goes on after them");
            }
            state.rowsSeen++;
            file.addWord(batch.words[r], matrix, batch.values, r * matrix.dimension());
        }
        if (batch.errorReason != null && !file.full()) {
            throw batch.error(firstLine);
        }
        if (state.pendingBlankLine == 0 && batch.trailingBlankLine >= 0) {
            state.pendingBlankLine = firstLine + batch.trailingBlankLine;
        }
        state.nextLine += batch.lines;
        if (state.expectedRows < 0 && !state.estimated) {
            state.bytesTaken += batch.length();
            long estimate = file.estimateRows(state.rowsSeen, state.bytesTaken);
            if (estimate > 0) {
                // Low by 3%: in frequency-ordered files (GloVe) the rare words' lines are longer, and
                // the first 4 MB overestimated a real 400,000-word file by 2.6%.
                matrix.expectRows((long) (estimate * 0.97));
                state.estimated = true;
            }
        }
        file.maybeReport(matrix.rows());
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
                    file.lineLength(newline, MAX_LINE_BYTES, lineNumber.next());
                }
                length = file.lineLength(newline, MAX_LINE_BYTES, 0) + (newline >= 0 ? 1 : 0);
            }
        }
        byte[] bytes = java.util.Arrays.copyOfRange(in.array(), in.position(), in.position() + length);
        in.skip(length);
        return new TextBatch(file.location(), bytes, length, dimension, file.unicodeErrors);
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
                throw ModelFileException.of(file.location(), "the file holds no vectors", null);
            }
            int newline = indexOfFrom((byte) '\n', from, MAX_LINE_BYTES, lineNumber);
            int end = newline >= 0 ? newline : in.available();
            tokens.split(in.array(), in.position() + from, in.position() + end);
            if (tokens.count == 1) {
                throw ModelFileException.atLine(file.location(), lineNumber, "a word with no values after it"
                        + LineTokens.tabHint(in.array(), in.position() + from, in.position() + end));
            }
            if (tokens.count > 1) {
                return tokens.count - 1;
            }
            if (newline < 0) {
                throw ModelFileException.of(file.location(), "the file holds no vectors", null);
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
                file.lineLength(-2, maxLength, lineNumber);
            }
            if (in.fill(available + (1 << 16)) == available) {
                return -1;
            }
        }
    }
}
