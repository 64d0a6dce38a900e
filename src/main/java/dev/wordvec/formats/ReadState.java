package dev.wordvec.formats;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file being read, whatever its format: the input, where the reader is (line or byte offset,
 * for error messages), the words kept so far, the limit, and progress. The format readers share
 * it so that duplicates, limits, errors and progress behave the same in every format.
 */
final class ReadState {

    private static final Logger log = LoggerFactory.getLogger(ReadState.class);

    /** The vocabulary is indexed by int; a little below the largest Java array. */
    static final int MAX_ROWS = Integer.MAX_VALUE - 8;
    static final int MAX_DIMENSION = 1 << 16;
    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;
    private static final int DUPLICATES_LOGGED = 5;

    final ModelSource source;
    /** What the bytes were unpacked from (gzip, bzip2, xz, zip), or null: offsets in errors are then in the unpacked data. */
    final String compression;
    final ByteInput in;
    final long blockBytes;
    /** Current line (text formats), for error messages; 0 where the format has no lines. */
    long line;
    /**
     * Where the word rows go instead of memory ({@link #matrix}), or null. Models with n-grams
     * (fastText .bin, gensim's FastText) keep their rows in memory, where they are averaged with
     * the n-grams, and a converted copy of them is written whole afterwards.
     */
    private final StreamedCopy copy;
    /** A fastText model's character n-grams, set by its reader; null for other formats. */
    dev.wordvec.vectors.Subwords subwords;

    private final CountingInputStream counted;
    private final long totalBytes;
    private final Consumer<LoadProgress> progress;
    /** Keep at most this many words (0: all). */
    private final int limit;
    private final CharsetDecoder utf8 = UnicodeErrors.decoder();
    /** What to do with a word that is not valid UTF-8. */
    final UnicodeErrors unicodeErrors;
    /** Words that were not valid UTF-8, decoded under {@link #unicodeErrors}; the first of them. */
    private long repaired;
    private String firstRepaired;
    private final long started = System.nanoTime();
    private long besideTotal;
    private long besideRead;
    private long lastReport = started;
    private final List<String> words = new ArrayList<>();
    private final Map<String, Integer> rowsByWord = new HashMap<>();
    private int duplicates;

    ReadState(ModelSource source, String compression, ByteInput in, CountingInputStream counted, long totalBytes,
            Consumer<LoadProgress> progress, long blockBytes, int limit, UnicodeErrors unicodeErrors,
            StreamedCopy copy) {
        this.unicodeErrors = unicodeErrors;
        this.copy = copy;
        this.source = source;
        this.compression = compression;
        this.in = in;
        this.counted = counted;
        this.totalBytes = totalBytes;
        this.progress = progress;
        this.blockBytes = blockBytes;
        this.limit = limit;
    }

    /** The builder of the word rows: into the streamed copy when there is one. */
    MatrixBuilder matrix(int dimension, long expectedRows) {
        return new MatrixBuilder(dimension, expectedRows, blockBytes, copy);
    }

    String location() {
        return source.location();
    }

    List<String> words() {
        return words;
    }

    int duplicates() {
        return duplicates;
    }

    /** True once {@code limit} words are kept. */
    boolean full() {
        return limit > 0 && words.size() >= limit;
    }

    /** The rows to expect when a header gives {@code expectedRows}, after the limit. */
    long limited(long expectedRows) {
        return limit > 0 && (expectedRows < 0 || expectedRows > limit) ? (expectedRows < 0 ? -1 : limit) : expectedRows;
    }

    /**
     * The rows a file without a count should hold, from the {@code rows} read so far and the
     * uncompressed bytes they took; -1 when the file's size is unknown. For compressed input the
     * total is scaled by the ratio seen so far.
     */
    long estimateRows(long rows, long bytes) {
        long read = counted.count();
        if (totalBytes <= 0 || rows <= 0 || bytes <= 0 || read <= 0) {
            return -1;
        }
        double total = compression == null ? totalBytes : (double) totalBytes * (in.offset() + in.available()) / read;
        long estimate = (long) (rows * total / bytes);
        return limit > 0 ? Math.min(limit, estimate) : estimate;
    }

    /** Keeps a row unless its word came before (then the first row stays, as in gensim, and the repeat is logged). */
    void addWord(String word, MatrixBuilder matrix, float[] values, int offset) throws ModelFileException {
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

    /** The word in {@code bytes[start, end)}; empty is a word too (gensim writes and reads it). */
    String decodeWord(byte[] bytes, int start, int end) throws ModelFileException {
        if (end <= start) {
            return "";
        }
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            if (unicodeErrors == UnicodeErrors.STRICT) {
                throw where(NOT_UTF8);
            }
            String word = unicodeErrors.repair(utf8, bytes, start, end);
            repaired(1, word);
            return word;
        }
    }

    /** The reason given for a word that is not UTF-8 under strict decoding, with the way out. */
    static final String NOT_UTF8 = "the word is not valid UTF-8 (to load such words anyway, as gensim's unicode_errors "
            + "does, set unicode-errors: replace, ignore or backslashreplace)";

    /** Counts {@code count} words decoded under {@link #unicodeErrors}, {@code first} the first of them. */
    void repaired(long count, String first) {
        if (count > 0 && repaired == 0) {
            firstRepaired = first;
        }
        repaired += count;
    }

    /** How many words were not valid UTF-8 (decoded under {@link #unicodeErrors}), and the first. */
    long repaired() {
        return repaired;
    }

    String firstRepaired() {
        return firstRepaired;
    }

    /** An error at the current line, or at the current byte offset for a format without lines. */
    ModelFileException where(String reason) {
        return line > 0 ? ModelFileException.atLine(source.location(), line, reason) : binaryError(in.offset(), reason);
    }

    /**
     * The size of the data being read when it is known and read as it is: a plain file's or a
     * class-path resource's; -1 for a compressed file, a zip's member or a pipe.
     */
    long plainBytes() {
        return compression == null && totalBytes > 0 ? totalBytes : -1;
    }

    ModelFileException binaryError(long offset, String reason) {
        return ModelFileException.atOffset(source.location(), offset,
                compression != null ? reason + " [offset in the uncompressed data]" : reason);
    }

    /** EF BB BF, as the header's bytes read one character each. */
    private static final String UTF8_BYTE_ORDER_MARK = "\u00EF\u00BB\u00BF";

    ModelFileException empty() {
        return ModelFileException.of(source.location(), "the file is empty", null);
    }

    /**
     * The header's {count, dimension} when bytes {@code from..from+length} are two whole numbers
     * (separated by spaces or tabs), else null.
     * A byte-order mark before them (a file saved as "UTF-8 with BOM") is passed over: it is part of
     * no word there, so nothing answers differently for it (gensim refuses such a header).
     */
    long[] parseHeader(int from, int length) {
        String text = new String(in.array(), in.position() + from, length, StandardCharsets.ISO_8859_1).trim();
        if (text.startsWith(UTF8_BYTE_ORDER_MARK)) {
            text = text.substring(UTF8_BYTE_ORDER_MARK.length()).trim();
        }
        // Split as gensim splits it (at any whitespace): a tab between the numbers is read too.
        String[] parts = text.split("[ \t]+");
        if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,9}")) {
            return null;
        }
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    /** The dimension a header announces, after checking both numbers are in range. */
    int checkHeader(long[] header) throws ModelFileException {
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

    /** Resolves an {@link ByteInput#indexOf} answer for a line into its length, failing on an over-long line. */
    int lineLength(int newline, int maxLength, long lineNumber) throws ModelFileException {
        if (newline == -2) {
            throw ModelFileException.atLine(source.location(), lineNumber, "line is longer than "
                    + (maxLength >> 20) + " MB: not a word-vector text file");
        }
        return newline >= 0 ? newline : in.available();
    }

    /** Reports at most once per interval; called per row (binary) or per batch (text), so by time, not by row count. */
    void maybeReport(long rows) {
        long now = System.nanoTime();
        if (now - lastReport >= PROGRESS_INTERVAL_NANOS) {
            lastReport = now;
            report(rows);
        }
    }

    void report(long rows) {
        progress.accept(new LoadProgress(rows, counted.count() + besideRead,
                totalBytes > 0 ? totalBytes + besideTotal : totalBytes, System.nanoTime() - started));
    }

    /** Counts a file beside the model that the reader streams too (gensim's .npy arrays) in the progress. */
    void besideFile(long bytes) {
        besideTotal += bytes;
    }

    /** Bytes of the files beside the model read so far, for the progress. */
    void besideRead(long bytes) {
        besideRead += bytes;
    }

    String abbreviate(int from, int length) {
        return abbreviate(new String(in.array(), in.position() + from, Math.min(length, 80), StandardCharsets.UTF_8));
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
