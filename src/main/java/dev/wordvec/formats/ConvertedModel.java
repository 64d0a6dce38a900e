package dev.wordvec.formats;

import dev.wordvec.vectors.PrunedBuckets;
import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Subwords;
import dev.wordvec.vectors.Vocabulary;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * wordvec's own model file: the vocabulary and the float32 matrix, laid out to be memory-mapped
 * straight into the engine, so a start from it is ready in a fraction of a second instead of
 * parsing text. Written by the {@code convert} command and by the load cache.
 *
 * <pre>
 * offset  size  field (little-endian)
 *      0     8  magic "WORDVEC\0"
 *      8     4  format version (1)
 *     12     4  dtype (0 = float32)
 *     16     8  rows
 *     24     4  dimension
 *     28     4  source format id length, then the id (UTF-8), padded to 8 bytes
 *      .     8  source size in bytes (-1: unknown)
 *      .     8  source fingerprint ({@link SourceFingerprint}; -1: unknown)
 *      .     8  vocabulary offset, 8 vocabulary bytes, 8 matrix offset (4096-aligned), 8 matrix bytes
 *      .     8  CRC32C of the vocabulary and matrix bytes (and n-gram rows)
 *      .    32  versions 2 and 3 (a fastText model): minn (4), maxn (4), bucket (8),
 *               n-gram rows offset (8, 4096-aligned), n-gram rows bytes (8)
 *      .     8  versions 3 and 4: wordNgrams (4), classifier (4: 1 for a fastText classifier)
 *      .    16  version 4 only (a pruned quantised fastText model): kept buckets (8), their map's offset (8)
 * vocabulary: per word a 4-byte length and its UTF-8 bytes
 * matrix: rows x dimension float32, row-major
 * version 5 (words only, written while the model is read): version 1's header and contents, the
 *   matrix first (at 4096) and the vocabulary after it; the checksum covers them in that order
 * n-gram rows (versions 2 to 4): bucket (version 4: kept buckets) x dimension float32, row-major
 * the kept buckets' map (version 4): per kept bucket, in increasing order, the bucket and its row (4 + 4)
 * </pre>
 */
public final class ConvertedModel {

    public static final String EXTENSION = ".wvc";
    private static final byte[] MAGIC = "WORDVEC\0".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    /** Version 1 plus fastText's character n-grams, which answer words outside the vocabulary. */
    private static final int VERSION_WITH_SUBWORDS = 2;
    /** Version 2 plus what a fastText classifier's sentence vectors need: its word n-grams and its kind. */
    private static final int VERSION_WITH_CLASSIFIER = 3;
    /** Version 3 plus the map of the n-gram buckets a quantised model kept ({@code fasttext quantize -cutoff}). */
    private static final int VERSION_WITH_PRUNING = 4;
    /**
     * Version 1's contents with the matrix first: the rows are written as they are read, before the
     * vocabulary is known ({@link StreamedCopy}).
     */
    private static final int VERSION_MATRIX_FIRST = 5;
    private static final int FLOAT32 = 0;
    private static final int ALIGNMENT = 4096;
    /** Where a version 5 file's matrix starts: its header fits in the page before. */
    static final long STREAMED_MATRIX_OFFSET = ALIGNMENT;

    /**
     * What the file was made from, so that a cache can tell when its source has changed.
     *
     * @param format the source's format id
     * @param size the source's size in bytes, -1 when unknown
     * @param fingerprint the source's {@link SourceFingerprint}, -1 when unknown
     */
    public record Stamp(String format, long size, long fingerprint) {

        /** The stamp of a file on disk now. */
        public static Stamp of(Path source, ModelFormat format) throws IOException {
            return new Stamp(format.id(), Files.size(source), SourceFingerprint.of(source));
        }

        /** The same source read as {@code format}. */
        public Stamp as(String format) {
            return new Stamp(format, size, fingerprint);
        }

        /** True when both stamps describe the same file contents (same size and fingerprint). */
        public boolean sameSource(Stamp other) {
            return size == other.size && fingerprint == other.fingerprint;
        }
    }

    /** A converted file as mapped: the vectors (their format is the source's) and the stamp. */
    public record Mapped(ParsedVectors vectors, Stamp stamp) {
    }

    private ConvertedModel() {
    }

    /** True when the file starts with the converted-file magic. */
    public static boolean isConverted(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // read on
            }
            return !head.hasRemaining() && java.util.Arrays.equals(head.array(), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code vectors} to {@code target} through a temporary file beside it, renamed into
     * place when complete, so a reader never sees half a file.
     */
    public static void write(ParsedVectors vectors, Stamp stamp, Path target) throws IOException {
        Path temporary = PartialFile.beside(target, ".tmp");
        // Ctrl-C ends the JVM through its shutdown hooks, not through this method's finally.
        temporary.toFile().deleteOnExit();
        try {
            byte[] vocabulary = encodeVocabulary(vectors.vocabulary());
            byte[] format = stamp.format().getBytes(StandardCharsets.UTF_8);
            Subwords subwords = vectors.subwords();
            PrunedBuckets pruned = subwords == null ? null : subwords.pruned();
            int version = subwords == null ? VERSION : pruned == null ? VERSION_WITH_CLASSIFIER : VERSION_WITH_PRUNING;
            int headerBytes = 32 + pad8(format.length) + 7 * 8 + (subwords != null ? 40 : 0) + (pruned != null ? 16 : 0);
            long vocabularyOffset = headerBytes;
            long matrixOffset = align(vocabularyOffset + vocabulary.length);
            RowBlocks matrix = vectors.matrix();
            long ngramOffset = align(matrixOffset + matrix.bytes());
            long prunedOffset = subwords == null ? 0 : ngramOffset + subwords.rows().bytes();
            List<ByteBuffer> written = new ArrayList<>(matrix.blocks());
            if (subwords != null) {
                written.addAll(subwords.rows().blocks());
            }
            byte[] prunedMap = pruned == null ? new byte[0] : encode(pruned);
            CRC32C crc = new CRC32C();
            crc.update(vocabulary);
            for (ByteBuffer block : written) {
                crc.update(block.duplicate().clear());
            }
            crc.update(prunedMap);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                AlignedWriter out = new AlignedWriter(channel, 0, null);
                ByteBuffer header = header(headerBytes, version, matrix.rows(), matrix.dimension(), stamp,
                        vocabularyOffset, vocabulary.length, matrixOffset, matrix.bytes(), crc.getValue());
                if (subwords != null) {
                    header.putInt(subwords.minn()).putInt(subwords.maxn()).putLong(subwords.bucket()).putLong(ngramOffset)
                            .putLong(subwords.rows().bytes()).putInt(subwords.wordNgrams())
                            .putInt(subwords.classifier() ? 1 : 0);
                }
                if (pruned != null) {
                    header.putLong(pruned.size()).putLong(prunedOffset);
                }
                out.write(header.clear());
                out.write(ByteBuffer.wrap(vocabulary));
                out.write(ByteBuffer.allocate((int) (matrixOffset - vocabularyOffset - vocabulary.length)));
                writeBlocks(out, matrix.blocks());
                if (subwords != null) {
                    out.write(ByteBuffer.allocate((int) (ngramOffset - matrixOffset - matrix.bytes())));
                    writeBlocks(out, subwords.rows().blocks());
                }
                out.write(ByteBuffer.wrap(prunedMap));
                out.flush();
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The fields every version starts with, in a buffer of {@code headerBytes} positioned after
     * them (for the n-gram fields of versions 2 to 4).
     */
    private static ByteBuffer header(int headerBytes, int version, long rows, int dimension, Stamp stamp,
            long vocabularyOffset, long vocabularyBytes, long matrixOffset, long matrixBytes, long checksum) {
        byte[] format = stamp.format().getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(version).putInt(FLOAT32).putLong(rows).putInt(dimension)
                .putInt(format.length).put(format).position(32 + pad8(format.length));
        return header.putLong(stamp.size()).putLong(stamp.fingerprint()).putLong(vocabularyOffset)
                .putLong(vocabularyBytes).putLong(matrixOffset).putLong(matrixBytes).putLong(checksum);
    }

    /**
     * Completes a version 5 file whose {@code rows} rows are in {@code channel} from
     * {@link #STREAMED_MATRIX_OFFSET}: the vocabulary after them, then the header, whose checksum
     * continues {@code rowsChecksum} (the rows' bytes) over the vocabulary.
     */
    static void finishStreamed(FileChannel channel, long rows, int dimension, CRC32C rowsChecksum,
            Vocabulary vocabulary, Stamp stamp) throws IOException {
        byte[] words = encodeVocabulary(vocabulary);
        long matrixBytes = rows * dimension * Float.BYTES;
        long vocabularyOffset = STREAMED_MATRIX_OFFSET + matrixBytes;
        rowsChecksum.update(words);
        int headerBytes = 32 + pad8(stamp.format().getBytes(StandardCharsets.UTF_8).length) + 7 * 8;
        ByteBuffer header = header(headerBytes, VERSION_MATRIX_FIRST, rows, dimension, stamp, vocabularyOffset,
                words.length, STREAMED_MATRIX_OFFSET, matrixBytes, rowsChecksum.getValue());
        writeFully(channel, ByteBuffer.wrap(words), vocabularyOffset);
        writeFully(channel, header.flip(), 0);
    }

    static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
    }

    private static void writeBlocks(AlignedWriter out, List<ByteBuffer> blocks) throws IOException {
        for (ByteBuffer block : blocks) {
            out.write(block.duplicate().clear());
        }
    }

    /**
     * Maps a converted file: the matrix is read from the page cache in place, not copied. Fails
     * with a {@link ModelFileException} naming the file and the problem when it is not a complete,
     * intact converted file.
     *
     * @param blockBytes the most bytes one matrix block may hold
     */
    public static Mapped map(Path file, long blockBytes) throws ModelFileException {
        String location = file.toString();
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw ModelFileException.of(location, "converted files hold little-endian floats; this machine is not", null);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer fixed = read(channel, 0, (int) Math.min(size, 32), location);
            byte[] magic = new byte[MAGIC.length];
            fixed.get(magic);
            if (fixed.capacity() < 32 || !java.util.Arrays.equals(magic, MAGIC)) {
                throw ModelFileException.atOffset(location, 0, "not a wordvec converted file (no WORDVEC header)");
            }
            int version = fixed.getInt();
            if (version < VERSION || version > VERSION_MATRIX_FIRST) {
                throw ModelFileException.atOffset(location, 8, "converted-file version " + version
                        + "; this wordvec reads versions " + VERSION + " to " + VERSION_MATRIX_FIRST
                        + ": convert the source again");
            }
            boolean matrixFirst = version == VERSION_MATRIX_FIRST;
            int dtype = fixed.getInt();
            long rows = fixed.getLong();
            int dimension = fixed.getInt();
            int formatLength = fixed.getInt();
            if (dtype != FLOAT32 || rows < 1 || rows > ModelReader.MAX_ROWS || dimension < 1
                    || dimension > ModelReader.MAX_DIMENSION || formatLength < 0 || formatLength > 64) {
                throw ModelFileException.atOffset(location, 12, "the header is corrupt");
            }
            boolean withSubwords = version >= VERSION_WITH_SUBWORDS && !matrixFirst;
            boolean withClassifier = version >= VERSION_WITH_CLASSIFIER && !matrixFirst;
            boolean withPruning = version == VERSION_WITH_PRUNING;
            int headerBytes = 32 + pad8(formatLength) + 7 * 8 + (withSubwords ? 32 : 0) + (withClassifier ? 8 : 0)
                    + (withPruning ? 16 : 0);
            ByteBuffer header = read(channel, 32, headerBytes - 32, location);
            byte[] format = new byte[formatLength];
            header.get(format).position(pad8(formatLength));
            Stamp stamp = new Stamp(new String(format, StandardCharsets.UTF_8), header.getLong(), header.getLong());
            long vocabularyOffset = header.getLong();
            long vocabularyBytes = header.getLong();
            long matrixOffset = header.getLong();
            long matrixBytes = header.getLong();
            long checksum = header.getLong();
            int minn = withSubwords ? header.getInt() : 0;
            int maxn = withSubwords ? header.getInt() : 0;
            long bucket = withSubwords ? header.getLong() : 0;
            long ngramOffset = withSubwords ? header.getLong() : 0;
            long ngramBytes = withSubwords ? header.getLong() : 0;
            int wordNgrams = withClassifier ? header.getInt() : 1;
            int classifier = withClassifier ? header.getInt() : 0;
            long kept = withPruning ? header.getLong() : bucket;
            long prunedOffset = withPruning ? header.getLong() : ngramOffset + ngramBytes;
            if (withSubwords && (wordNgrams < 1 || classifier < 0 || classifier > 1 || minn < 0 || maxn < minn
                    || bucket < 1 || bucket > ModelReader.MAX_ROWS || kept < 0 || kept > bucket
                    || ngramOffset < 0 || ngramOffset >= 1L << 56 || prunedOffset < 0 || prunedOffset >= 1L << 56
                    || ngramBytes != kept * dimension * Float.BYTES || ngramOffset < matrixOffset + matrixBytes
                    || prunedOffset != ngramOffset + ngramBytes || size < ngramOffset + ngramBytes
                    || withPruning && size < prunedOffset + 8 * kept)) {
                throw ModelFileException.atOffset(location, headerBytes - 32, "the n-gram header is corrupt, or the "
                        + "file is truncated");
            }
            // Offsets no file can reach are refused first: added to a size, they could overflow.
            boolean laidOut = matrixOffset >= 0 && matrixOffset < 1L << 56 && vocabularyOffset >= 0
                    && vocabularyOffset < 1L << 56 && (matrixFirst
                    ? matrixOffset >= headerBytes && vocabularyOffset >= matrixOffset + matrixBytes
                    : vocabularyOffset == headerBytes && matrixOffset >= vocabularyOffset + vocabularyBytes);
            if (matrixBytes != rows * dimension * Float.BYTES || vocabularyBytes < 0 || vocabularyBytes > Integer.MAX_VALUE
                    || !laidOut) {
                throw ModelFileException.atOffset(location, 32, "the header is corrupt");
            }
            long end = Math.max(matrixOffset + matrixBytes, vocabularyOffset + vocabularyBytes);
            if (size < end) {
                throw ModelFileException.atOffset(location, size, "the file ends after " + size + " bytes; its header "
                        + "announces " + end + " (truncated file?)");
            }
            // Mapped, not read into the heap: for GoogleNews that is 30 MB the young collections
            // need not copy while the vocabulary is built from it.
            ByteBuffer vocabularyBuffer = channel.map(FileChannel.MapMode.READ_ONLY, vocabularyOffset, vocabularyBytes)
                    .order(ByteOrder.LITTLE_ENDIAN);
            CRC32C crc = new CRC32C();
            if (!matrixFirst) {
                crc.update(vocabularyBuffer.duplicate());
            }
            Vocabulary vocabulary = decodeVocabulary(vocabularyBuffer, rows, location, vocabularyOffset);
            int rowsPerBlock = RowBlocks.rowsPerBlock(dimension, blockBytes);
            List<ByteBuffer> blocks = mapRows(channel, matrixOffset, rows, dimension, rowsPerBlock, crc);
            if (matrixFirst) {
                crc.update(vocabularyBuffer.duplicate());
            }
            RowBlocks ngramRows = !withSubwords ? null
                    : new RowBlocks(dimension, rowsPerBlock, mapRows(channel, ngramOffset, kept, dimension, rowsPerBlock, crc));
            ByteBuffer prunedMap = withPruning ? read(channel, prunedOffset, (int) (8 * kept), location) : null;
            if (prunedMap != null) {
                crc.update(prunedMap.duplicate());
            }
            if (crc.getValue() != checksum) {
                throw ModelFileException.of(location, "the checksum does not match: the file is corrupt", null);
            }
            Subwords subwords = !withSubwords ? null : new Subwords(minn, maxn, (int) bucket, ngramRows, wordNgrams,
                    classifier == 1, prunedMap == null ? null : decode(prunedMap, (int) kept, location, prunedOffset));
            ModelFormat sourceFormat = java.util.Objects.requireNonNullElse(ModelFormat.byId(stamp.format()),
                    ModelFormat.AUTO);
            return new Mapped(new ParsedVectors(vocabulary, dimension, new RowBlocks(dimension, rowsPerBlock, blocks),
                    sourceFormat, 0, subwords), stamp);
        } catch (NoSuchFileException e) {
            throw ModelFileException.of(location, "file does not exist", e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw ModelFileException.of(location, "cannot be read: " + e, e);
        }
    }

    /** {@code rows} rows from {@code offset}, mapped a block at a time and added to {@code crc} (when not null). */
    static List<ByteBuffer> mapRows(FileChannel channel, long offset, long rows, int dimension, int rowsPerBlock,
            CRC32C crc) throws IOException {
        List<ByteBuffer> blocks = new ArrayList<>();
        long rowBytes = (long) dimension * Float.BYTES;
        for (long first = 0; first < rows; first += rowsPerBlock) {
            long count = Math.min(rowsPerBlock, rows - first);
            ByteBuffer block = channel.map(FileChannel.MapMode.READ_ONLY, offset + first * rowBytes, count * rowBytes)
                    .order(ByteOrder.LITTLE_ENDIAN);
            if (crc != null) {
                crc.update(block.duplicate());
            }
            blocks.add(block);
        }
        return blocks;
    }

    private static byte[] encode(PrunedBuckets pruned) {
        ByteBuffer map = ByteBuffer.allocate(8 * pruned.size()).order(ByteOrder.LITTLE_ENDIAN);
        int[] buckets = pruned.buckets();
        int[] rows = pruned.rows();
        for (int i = 0; i < buckets.length; i++) {
            map.putInt(buckets[i]).putInt(rows[i]);
        }
        return map.array();
    }

    private static PrunedBuckets decode(ByteBuffer map, int kept, String location, long offset)
            throws ModelFileException {
        int[] buckets = new int[kept];
        int[] rows = new int[kept];
        for (int i = 0; i < kept; i++) {
            buckets[i] = map.getInt();
            rows[i] = map.getInt();
        }
        try {
            return new PrunedBuckets(buckets, rows);
        } catch (IllegalArgumentException e) {
            throw ModelFileException.atOffset(location, offset, "the kept n-gram buckets are corrupt: " + e.getMessage());
        }
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length, String location) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw ModelFileException.atOffset(location, offset + buffer.position(),
                        "unexpected end of file (truncated file?)");
            }
        }
        return buffer.flip();
    }

    static byte[] encodeVocabulary(Vocabulary vocabulary) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int row = 0; row < vocabulary.size(); row++) {
            byte[] word = vocabulary.utf8(row);
            out.writeInt(Integer.reverseBytes(word.length));
            out.write(word);
        }
        return bytes.toByteArray();
    }

    private static Vocabulary decodeVocabulary(ByteBuffer bytes, long rows, String location, long offset)
            throws ModelFileException {
        // The words' bytes are kept as they are, without their length prefixes, and become
        // strings only when asked for. Words with non-ASCII bytes go through a strict decoder
        // here, so that bytes that are not UTF-8 fail rather than turn into replacement characters.
        var utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        long wordBytes = bytes.limit() - 4 * rows; // what a sound file holds, once the prefixes are gone
        if (wordBytes < rows) {
            throw ModelFileException.atOffset(location, offset, "the vocabulary is corrupt: " + bytes.limit()
                    + " bytes cannot hold " + rows + " words");
        }
        byte[] words = new byte[(int) wordBytes];
        int[] starts = new int[(int) rows + 1];
        int position = 0;
        int length = 0;
        try {
            for (int row = 0; row < rows; row++) {
                int wordLength = bytes.limit() - position >= 4 ? bytes.getInt(position) : -1;
                if (wordLength < 1 || wordLength > bytes.limit() - position - 4 || wordLength > words.length - length) {
                    throw ModelFileException.atOffset(location, offset + position, "the vocabulary is corrupt at word "
                            + (row + 1));
                }
                bytes.get(position + 4, words, length, wordLength);
                if (!isAscii(words, length, wordLength)) {
                    utf8.decode(ByteBuffer.wrap(words, length, wordLength));
                }
                position += 4 + wordLength;
                length += wordLength;
                starts[row + 1] = length;
            }
            if (length != words.length) {
                throw ModelFileException.atOffset(location, offset + position, "the vocabulary is corrupt: "
                        + (words.length - length) + " bytes after the last word");
            }
            return Vocabulary.ofUtf8(words, starts);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw ModelFileException.atOffset(location, offset + position, "the vocabulary is corrupt: " + e.getMessage());
        }
    }

    private static boolean isAscii(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static int pad8(int length) {
        return (length + 7) & ~7;
    }

    private static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
