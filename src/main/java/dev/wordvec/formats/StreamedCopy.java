package dev.wordvec.formats;

import dev.wordvec.vectors.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The cache's converted copy of a model, written while the model is read: each parsed row goes
 * straight into the file (a {@link ConvertedModel} of version 5, matrix first), and the matrix is
 * then served mapped from it. A first start from a text file thus fills no memory of its own
 * with the matrix (zeroed first, then faulted in a 4 KB page at a time: 40% of such a start's
 * page faults, docs/benchmarks.md) and copies nothing afterwards: writing costs the kernel a copy,
 * and the mapped pages, which it may drop and read again, are faulted in 16 at a time, or 2 MiB at
 * a time where the page cache holds the rows in 2 MiB folios ({@link AlignedWriter}).
 *
 * <p>The file is written beside its final name and renamed into place by {@link #finish}, so a
 * reader never sees it half-written; {@link #close} removes it when it was not finished. A failed
 * write (a full disk) is thrown as {@link WriteFailed}, for the caller to read the model without
 * a copy.
 */
final class StreamedCopy implements AutoCloseable {

    /** A write to the copy failed; the model being read is sound, the copy is not. */
    static final class WriteFailed extends UncheckedIOException {
        WriteFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final CRC32C checksum = new CRC32C();
    /** The rows, written in 2 MiB stretches (the page cache then holds them in 2 MiB folios), through the checksum. */
    private final AlignedWriter rowsOut;
    private long rows;
    private int dimension = -1;
    private boolean finished;

    private StreamedCopy(Path target, Path partial, FileChannel channel) throws IOException {
        this.target = target;
        this.partial = partial;
        this.channel = channel;
        this.rowsOut = new AlignedWriter(channel, ConvertedModel.STREAMED_MATRIX_OFFSET, checksum);
    }

    /** A copy to be renamed to {@code target}; its directory is made when missing. */
    static StreamedCopy create(Path target) throws IOException {
        Path partial = PartialFile.beside(target, ".tmp");
        // Ctrl-C ends the JVM through its shutdown hooks, not through close().
        partial.toFile().deleteOnExit();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new StreamedCopy(target, partial, channel);
        } catch (IOException e) {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(partial);
            throw e;
        }
    }

    /** Appends one row: {@code dimension} values of {@code values} from {@code offset}. */
    void add(float[] values, int offset, int dimension) {
        if (this.dimension != dimension) {
            if (this.dimension >= 0) {
                throw new IllegalStateException("rows of " + dimension + " values after rows of " + this.dimension);
            }
            this.dimension = dimension;
        }
        try {
            rowsOut.write(values, offset, dimension);
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
        rows++;
    }

    /** True when a reader sent its rows here (a format whose rows are not streamed sends none). */
    boolean used() {
        return dimension >= 0;
    }

    /** The rows written so far, mapped read-only in blocks of {@code rowsPerBlock} rows. */
    List<ByteBuffer> blocks(int rowsPerBlock) {
        flush();
        try {
            return ConvertedModel.mapRows(channel, ConvertedModel.STREAMED_MATRIX_OFFSET, rows, dimension, rowsPerBlock,
                    null);
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }

    /** Writes the vocabulary and the header after the rows and renames the file into place. */
    void finish(Vocabulary vocabulary, ConvertedModel.Stamp stamp) throws IOException {
        flush();
        if (vocabulary.size() != rows) {
            throw new IllegalStateException(vocabulary.size() + " words for " + rows + " rows");
        }
        ConvertedModel.finishStreamed(channel, rows, dimension, checksum, vocabulary, stamp);
        channel.close();
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
    }

    private void flush() {
        try {
            rowsOut.flush();
        } catch (IOException e) {
            throw new WriteFailed(e);
        }
    }

    /**
     * Closes the file, and removes it unless {@link #finish} renamed it: rows already mapped stay
     * readable, as a removed file's pages stay with its mappings.
     */
    @Override
    public void close() throws IOException {
        channel.close();
        if (!finished) {
            Files.deleteIfExists(partial);
        }
    }
}
