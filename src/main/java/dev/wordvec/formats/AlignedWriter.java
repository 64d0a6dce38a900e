package dev.wordvec.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.Checksum;

/**
 * Writes a file front to back in writes that start and end on 2 MiB boundaries of the file (but
 * the first and the last). Linux's page cache (ext4 and XFS with large folios, Linux 6.x) then
 * holds each such stretch in one 2 MiB folio, and a mapping of the file maps it with one
 * page-table entry instead of 512. The difference is in every exact search over a mapped matrix:
 * a product of 64 queries over a 480 MB matrix cost 1.3x to 1.6x the CPU when the file had been
 * written in 1 MiB writes, and no more than over the process's own memory when written in 2 MiB
 * ones (docs/benchmarks.md). Where the page cache has no large folios these are ordinary writes.
 */
final class AlignedWriter {

    /** The size of a huge page on x86-64 and of the page cache's largest folio there. */
    static final int CHUNK = 2 << 20;

    /** Where the chunks go: a positional write of all of a buffer's remaining bytes. */
    @FunctionalInterface
    interface Sink {
        void write(ByteBuffer bytes, long position) throws IOException;
    }

    private final Sink sink;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    /** The whole chunk as floats, index 0 at its byte 0, for absolute puts. */
    private final FloatBuffer floats = chunk.asFloatBuffer();
    /** Updated with every byte written, in order; null for none. */
    private final Checksum checksum;
    /** Where in the file the chunk's first byte goes. */
    private long chunkStart;

    /**
     * @param position where in {@code channel} the first byte goes
     * @param checksum updated with every byte written (null for none)
     */
    AlignedWriter(FileChannel channel, long position, Checksum checksum) throws IOException {
        this((bytes, at) -> ConvertedModel.writeFully(channel, bytes, at), position, checksum);
    }

    AlignedWriter(Sink sink, long position, Checksum checksum) throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException("converted files are little-endian; this machine is not");
        }
        this.sink = sink;
        this.checksum = checksum;
        this.chunkStart = position;
        chunk.limit(toBoundary(position));
    }

    private static int toBoundary(long position) {
        return (int) (CHUNK - position % CHUNK);
    }

    /** The file position the next byte goes to. */
    long position() {
        return chunkStart + chunk.position();
    }

    /** Writes {@code source}'s remaining bytes. */
    void write(ByteBuffer source) throws IOException {
        while (source.hasRemaining()) {
            int n = Math.min(source.remaining(), chunk.remaining());
            chunk.put(chunk.position(), source, source.position(), n);
            chunk.position(chunk.position() + n);
            source.position(source.position() + n);
            if (!chunk.hasRemaining()) {
                flush();
            }
        }
    }

    /** Writes {@code length} floats of {@code values} from {@code offset}, little-endian. */
    void write(float[] values, int offset, int length) throws IOException {
        while (length > 0) {
            if (chunk.position() % Float.BYTES != 0 || chunk.remaining() < Float.BYTES) {
                // Only in a chunk that starts at a position not a multiple of 4 (no file of ours does):
                // a float at a time, which may straddle two chunks.
                write(ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, values[offset]));
                offset++;
                length--;
                continue;
            }
            int n = Math.min(length, chunk.remaining() / Float.BYTES);
            floats.put(chunk.position() / Float.BYTES, values, offset, n);
            chunk.position(chunk.position() + n * Float.BYTES);
            offset += n;
            length -= n;
            if (!chunk.hasRemaining()) {
                flush();
            }
        }
    }

    /** Writes what is held back; the next write starts a new chunk, which ends at the next boundary. */
    void flush() throws IOException {
        chunk.flip();
        if (checksum != null) {
            checksum.update(chunk.duplicate());
        }
        sink.write(chunk, chunkStart);
        chunkStart += chunk.limit();
        chunk.clear().limit(toBoundary(chunkStart));
    }
}
