package dev.wordvec.formats;

import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Subwords;
import dev.wordvec.vectors.Vocabulary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * Writes vectors that wordvec made (trained, reduced) in a format other tools read: word2vec
 * text or binary, as gensim's {@code save_word2vec_format} writes them, or wordvec's converted
 * format. A file is written through a temporary file renamed into place when complete, so an
 * interrupted write never leaves half a model under the target's name; a stream
 * ({@link PartialFile#isStream}: standard output, a pipe) gets the rows as they are written. A
 * name ending {@code .gz}, {@code .bz2} or {@code .xz} gets the file compressed so, as gensim
 * writes and reads such names.
 */
public final class VectorsWriter {

    /** The formats written, by the name the commands take. */
    public enum Format {
        /** word2vec text: {@code count dimension}, then {@code word v1 ... vN} per line. */
        WORD2VEC("word2vec"),
        /** word2vec binary: the same header, then {@code word<space>} and little-endian float32 values. */
        WORD2VEC_BINARY("word2vec-binary"),
        /** wordvec's converted format: memory-mapped when loaded. */
        WVC("wvc");

        /** The names, for messages. */
        public static final String CHOICES = Choices.of(Arrays.stream(values()).map(Format::id).toList());

        private final String id;

        Format(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The format named {@code id}, or null. */
        public static Format of(String id) {
            for (Format format : values()) {
                if (format.id.equals(id)) {
                    return format;
                }
            }
            return null;
        }

        /**
         * The format a file's name asks for: {@code .wvc}, word2vec binary for {@code .bin}, else
         * word2vec text; a compression suffix aside ({@code vectors.bin.gz} is a compressed binary).
         */
        public static Format forFile(Path target) {
            String name = target.getFileName().toString();
            Compression compression = Compression.forFile(target);
            if (compression != null) {
                name = name.substring(0, name.length() - compression.suffix.length());
            }
            return name.endsWith(".wvc") ? WVC : name.endsWith(".bin") ? WORD2VEC_BINARY : WORD2VEC;
        }
    }

    /**
     * The compression a file's name asks for, as gensim's {@code save_word2vec_format} (through
     * smart_open) and other tools read it from the name: a {@code .gz} file that holds plain text
     * is refused by them.
     */
    public enum Compression {
        GZIP(".gz"),
        BZIP2(".bz2"),
        XZ(".xz");

        private final String suffix;

        Compression(String suffix) {
            this.suffix = suffix;
        }

        /** The compression {@code target}'s name ends with, or null. */
        public static Compression forFile(Path target) {
            String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Compression compression : values()) {
                if (name.endsWith(compression.suffix)) {
                    return compression;
                }
            }
            return null;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        OutputStream wrap(OutputStream out) throws IOException {
            return switch (this) {
                case GZIP -> new GZIPOutputStream(out, 1 << 16);
                case BZIP2 -> new BZip2CompressorOutputStream(out);
                case XZ -> new XZCompressorOutputStream(out);
            };
        }
    }

    /**
     * Why {@code format} cannot be written to {@code target}, or null when it can: a {@code .wvc}
     * file is memory-mapped when loaded, so it is never compressed.
     */
    public static String refusal(Format format, Path target) {
        Compression compression = Compression.forFile(target);
        if (format == Format.WVC && compression != null) {
            return target + ": a .wvc file is memory-mapped when loaded, so it cannot be " + compression.id()
                    + "-compressed; name it without " + compression.suffix + ", or write word2vec text or binary";
        }
        if (format == Format.WVC && PartialFile.isStream(target)) {
            return target + " is a stream (a device, pipe or standard output): a .wvc file is written with seeks and "
                    + "memory-mapped when loaded, so it needs a file; name one, or write word2vec text or binary";
        }
        return null;
    }

    /**
     * Why {@code words} with {@code dimension} values each will certainly not fit where {@code target}
     * goes, said before the work that makes them (a training run can last hours): the least the
     * format takes (word2vec binary and .wvc: the words and 4 bytes a value; text: 4 bytes a value,
     * as in "0.0 ") against the space its file system has free. Null when they may fit, or when
     * the name asks for compression, whose ratio is not known before.
     */
    public static String noRoom(List<String> words, int dimension, Format format, Path target) throws IOException {
        if (PartialFile.isStream(target)) {
            return null;
        }
        long free = PartialFile.usableSpace(target);
        return free < 0 ? null : noRoom(words, dimension, format, target, free);
    }

    static String noRoom(List<String> words, int dimension, Format format, Path target, long free) {
        if (Compression.forFile(target) != null) {
            return null;
        }
        long wordBytes = format == Format.WORD2VEC ? 0
                : words.stream().mapToLong(w -> w.getBytes(StandardCharsets.UTF_8).length + 1L).sum();
        long least = wordBytes + (long) words.size() * dimension * 4;
        if (least <= free) {
            return null;
        }
        return String.format(Locale.ROOT, "%s cannot be written: %d words x %d dimensions as %s take at least %.1f MB, "
                + "and its file system has %.1f MB free", target, words.size(), dimension, format.id(), least / 1e6,
                free / 1e6);
    }

    /**
     * What a run wrote, for its last line: the format, the compression the name asked for, and the
     * size of a file (a stream's is not known).
     */
    public static String described(Format format, Path target) throws IOException {
        Compression compression = Compression.forFile(target);
        return format.id() + (compression == null ? "" : ", " + compression.id()) + (PartialFile.isStream(target) ? ""
                : String.format(Locale.ROOT, ", %.1f MB", Files.size(target) / 1e6));
    }

    private VectorsWriter() {
    }

    /** Writes the words' vectors; what the person should be told of the words written, if anything. */
    public static Optional<String> write(Vocabulary vocabulary, RowBlocks matrix, Format format, Path target)
            throws IOException {
        return write(vocabulary, matrix, null, format, target);
    }

    /**
     * Writes the words' vectors, and a fastText model's character n-grams with them ({@code subwords},
     * or null); only {@link Format#WVC} holds n-grams, so they need it. Returns a note for the person
     * when word2vec's formats could not hold some words as they are (see {@link WhitespaceInWords}).
     */
    public static Optional<String> write(Vocabulary vocabulary, RowBlocks matrix, Subwords subwords, Format format,
            Path target) throws IOException {
        if (matrix.rows() != vocabulary.size()) {
            throw new IllegalArgumentException(matrix.rows() + " rows for " + vocabulary.size() + " words");
        }
        if (subwords != null && (format != Format.WVC || subwords.rows().dimension() != matrix.dimension())) {
            throw new IllegalArgumentException("character n-grams go into a .wvc file, with the words' dimension");
        }
        String refusal = refusal(format, target);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        if (format == Format.WVC) {
            ConvertedModel.write(new ParsedVectors(vocabulary, matrix.dimension(), matrix, ModelFormat.CONVERTED, 0,
                    subwords), new ConvertedModel.Stamp(ModelFormat.CONVERTED.id(), -1, -1), target);
            return Optional.empty();
        }
        Optional<String> note = WhitespaceInWords.check(vocabulary, target);
        if (PartialFile.isStream(target)) {
            // Appending, as a shell's >> opened it (after >, it is empty): truncating would drop what was there.
            writeTo(Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND), vocabulary,
                    matrix, format, target);
            return note;
        }
        Path temporary = PartialFile.beside(target, ".tmp");
        // Ctrl-C ends the JVM through its shutdown hooks, not through this method's finally.
        temporary.toFile().deleteOnExit();
        try {
            writeTo(Files.newOutputStream(temporary), vocabulary, matrix, format, target);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return note;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The word2vec text or binary file into {@code file}, compressed as {@code target}'s name asks; closes it. */
    private static void writeTo(OutputStream file, Vocabulary vocabulary, RowBlocks matrix, Format format, Path target)
            throws IOException {
        Compression compression = Compression.forFile(target);
        OutputStream compressed = compression == null ? file : compression.wrap(file);
        try (OutputStream out = new BufferedOutputStream(compressed, 1 << 20)) {
            out.write((vocabulary.size() + " " + matrix.dimension() + "\n").getBytes(StandardCharsets.US_ASCII));
            float[] row = new float[matrix.dimension()];
            ByteBuffer bytes = ByteBuffer.allocate(row.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < vocabulary.size(); r++) {
                matrix.read(r, row, 0);
                String word = WhitespaceInWords.written(vocabulary.word(r));
                if (format == Format.WORD2VEC_BINARY) {
                    out.write((word + " ").getBytes(StandardCharsets.UTF_8));
                    bytes.clear().asFloatBuffer().put(row);
                    out.write(bytes.array());
                    out.write('\n');
                } else {
                    line.setLength(0);
                    line.append(word);
                    for (float value : row) {
                        // The shortest decimal that reads back as the same float32.
                        line.append(' ').append(Float.toString(value).toLowerCase(Locale.ROOT));
                    }
                    out.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }
}
