package dev.wordvec.formats;

import dev.wordvec.cli.OutOfMemory;
import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Vocabulary;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Reads GloVe text, word2vec text, fastText {@code .vec} and {@code .bin}, word2vec binary and gensim 4 files, plain or
 * gzip-compressed, into a {@link ParsedVectors}. Strict by design: anything that does not add up
 * (a missing value, a non-number, a header that disagrees with the body, a truncated file) fails
 * with a {@link ModelFileException} naming the file, the line or byte offset, and the reason, so
 * that a model is never served half-loaded. The one thing forgiven, as gensim forgives it, is a
 * word that appears twice: the first row is kept and the repeat is logged.
 *
 * <p>This class opens the file and picks the reader: {@link FormatDetector} tells the format,
 * one {@link VectorsReader} per format reads the rows, and {@link ReadState} carries what they share.
 */
public final class ModelReader {

    /**
     * Bump when a change to parsing could change what a file reads as: converted copies in the
     * cache are keyed on it, so none made by an older reader is used.
     */
    public static final int READER_VERSION = 2;
    /** The vocabulary is indexed by int; a little below the largest Java array. */
    static final int MAX_ROWS = ReadState.MAX_ROWS;
    static final int MAX_DIMENSION = ReadState.MAX_DIMENSION;

    private ModelReader() {
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
        return read(source, format, progress, blockBytes, limit, UnicodeErrors.STRICT);
    }

    /**
     * As {@link #read(ModelSource, ModelFormat, Consumer, long, int)}, decoding words that are not
     * valid UTF-8 as {@code unicodeErrors} says (gensim's {@code unicode_errors}).
     */
    public static ParsedVectors read(ModelSource source, ModelFormat format, Consumer<LoadProgress> progress,
            long blockBytes, int limit, UnicodeErrors unicodeErrors) throws ModelFileException {
        return read(source, format, progress, blockBytes, limit, unicodeErrors, null);
    }

    /**
     * As {@link #read(ModelSource, ModelFormat, Consumer, long, int, UnicodeErrors)}, writing the
     * rows of a model without n-grams into {@code copy} (when not null) and mapping them
     * from it; {@link StreamedCopy#used} says whether the format did.
     */
    static ParsedVectors read(ModelSource source, ModelFormat format, Consumer<LoadProgress> progress,
            long blockBytes, int limit, UnicodeErrors unicodeErrors, StreamedCopy copy) throws ModelFileException {
        try (Unpacking unpacked = Unpacking.open(source)) {
            return read(new ReadState(source, unpacked.compression(), new ByteInput(unpacked.data()), unpacked.counted(),
                    unpacked.totalBytes(), progress, blockBytes, limit, unicodeErrors, copy), format);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw ModelFileException.of(source.location(), "cannot read the file: " + e, e);
        }
    }

    /** The reader of each format that has rows to parse: a new format is one line here. */
    private static VectorsReader readerFor(ModelFormat format) {
        return switch (format) {
            case GLOVE, WORD2VEC_TEXT, FASTTEXT_VEC -> new TextVectorsReader(format);
            case WORD2VEC_BINARY -> new Word2VecBinaryReader();
            case FASTTEXT_BIN -> new FastTextBinReader();
            case GENSIM -> new GensimReader();
            case AUTO, CONVERTED, ONNX -> throw new IllegalArgumentException(format + " has no row reader");
        };
    }

    private static ParsedVectors read(ReadState file, ModelFormat requested) throws ModelFileException {
        ModelFormat looksLike = requested == ModelFormat.AUTO || requested == ModelFormat.CONVERTED ? null
                : lookAt(file);
        try {
            return readAs(file, requested);
        } catch (ModelFileException e) {
            // A format named by mistake fails somewhere inside the file, for a reason that does not
            // say so (convert's --format names the file read, not the one written).
            throw looksLike == null || sameReader(looksLike, requested) ? e : e.withReason("; the file looks like "
                    + looksLike.id() + ", not the " + requested.id() + " it was read as (the format setting, or a "
                    + "command's --format, names the format of the file read)");
        }
    }

    /** The format the file's first bytes show (they are not consumed), or null when they show none. */
    private static ModelFormat lookAt(ReadState file) {
        try {
            return FormatDetector.detect(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** Word2vec's and fastText's text files are read alike: a row of one reads as a row of the other. */
    private static boolean sameReader(ModelFormat a, ModelFormat b) {
        Set<ModelFormat> text = EnumSet.of(ModelFormat.WORD2VEC_TEXT, ModelFormat.FASTTEXT_VEC);
        return a == b || text.contains(a) && text.contains(b);
    }

    private static ParsedVectors readAs(ReadState file, ModelFormat requested) throws ModelFileException {
        try {
            if (requested == ModelFormat.CONVERTED) {
                throw FormatDetector.convertedNotOnDisk(file);
            }
            ModelFormat format = requested == ModelFormat.AUTO ? FormatDetector.detect(file) : requested;
            MatrixBuilder matrix = readerFor(format).read(file);
            file.report(matrix.rows());
            if (file.repaired() > 0) {
                LoggerFactory.getLogger(ModelReader.class).warn("{}: {} word(s) were not valid UTF-8 and were read "
                        + "with unicode-errors {}, the first as '{}'", file.location(), file.repaired(),
                        file.unicodeErrors.id(), file.firstRepaired());
            }
            return new ParsedVectors(new Vocabulary(file.words()), matrix.dimension(), matrix.build(), format,
                    file.duplicates(), file.subwords);
        } catch (ModelFileException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw ModelFileException.of(file.location(), outOfMemory(e, Runtime.getRuntime().maxMemory()), e);
        } catch (IOException e) {
            // A read error part-way (most often a truncated or damaged gzip stream).
            String reason = Unpacking.readFailure(file.compression, e);
            throw file.line > 0 ? ModelFileException.atLine(file.location(), file.line, reason)
                    : ModelFileException.atOffset(file.location(), file.in.offset(), reason);
        }
    }

    /**
     * Which of the JVM's limits a read ran into, and the flag that raises it. The matrix lives in
     * direct buffers, which the JVM caps at -XX:MaxDirectMemorySize (by default the -Xmx value); the
     * words, and the reader's own buffers, live on the heap.
     */
    static String outOfMemory(OutOfMemoryError e, long maxHeap) {
        String reason = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        if (OutOfMemory.isDirect(e)) {
            return "not enough memory for the matrix" + reason + "; start the JVM with -XX:MaxDirectMemorySize above "
                    + "the model's size (it defaults to -Xmx), or load a converted file, which is memory-mapped and "
                    + "needs none";
        }
        return "not enough memory" + reason + ": the JVM's heap is at most " + (maxHeap >> 20) + " MB here; start it "
                + "with a larger -Xmx (by default a quarter of the machine's memory)";
    }
}
