package dev.wordvec.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The index file: a 72-byte header (magic, version, the {@link IndexStamp}, the checksum of the
 * body), then the body: the {@link PackedGraph}'s ints and each row's inverse norm (so that a
 * start need not read every row to compute them), little-endian. Written beside its final name
 * and renamed into place, so a mapping never sees a half-written file; read by mapping it.
 */
final class IndexFile {

    static final String EXTENSION = ".hnsw";

    private static final byte[] MAGIC = "WVHNSW\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 2;
    private static final int HEADER = 72;
    private static final int DTYPE_BYTES = 8;

    /** Why a file cannot be used: stale (made from something else) or damaged. */
    static final class Unusable extends IOException {
        private final boolean stale;

        Unusable(String reason, boolean stale) {
            super(reason);
            this.stale = stale;
        }

        boolean stale() {
            return stale;
        }
    }

    /** What a file holds: the graph (mapped) and each row's inverse norm. */
    record Contents(PackedGraph graph, float[] inverseNorms) {
    }

    private IndexFile() {
    }

    static void write(Path file, IndexStamp stamp, PackedGraph graph, float[] inverseNorms) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(Math.toIntExact(graph.bytes() + 4L * inverseNorms.length))
                .order(ByteOrder.LITTLE_ENDIAN);
        body.asIntBuffer().put(graph.ints());
        body.position((int) graph.bytes());
        body.asFloatBuffer().put(inverseNorms);
        body.rewind();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(VERSION).putInt(stamp.rows()).putInt(stamp.dimension()).putInt(stamp.m())
                .putInt(stamp.beamWidth()).putLong(stamp.sourceSize()).putLong(stamp.sourceModified())
                .putLong(graph.bytes() / 4).putInt((int) crc.getValue())
                .put(Arrays.copyOf(stamp.dtype().getBytes(StandardCharsets.US_ASCII), DTYPE_BYTES));
        header.position(HEADER).flip(); // the rest of the header is reserved, zero
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (header.hasRemaining()) {
                out.write(header);
            }
            while (body.hasRemaining()) {
                out.write(body);
            }
            out.force(true);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The graph in {@code file}, mapped, when it was built from what {@code expected} describes and
     * is intact.
     *
     * @throws Unusable naming why it is stale or damaged
     */
    static Contents map(Path file, IndexStamp expected) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = in.size();
            if (length < HEADER) {
                throw new Unusable("it has " + length + " bytes, less than its header", false);
            }
            if (length > Integer.MAX_VALUE) {
                throw new Unusable("it has " + length + " bytes, more than one mapping holds", false);
            }
            MappedByteBuffer mapped = in.map(FileChannel.MapMode.READ_ONLY, 0, length);
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[MAGIC.length];
            mapped.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new Unusable("it is not a wordvec HNSW index (wrong magic bytes)", false);
            }
            int version = mapped.getInt();
            if (version != VERSION) {
                throw new Unusable("it is of format version " + version + ", this build reads " + VERSION, true);
            }
            int rows = mapped.getInt();
            int dimension = mapped.getInt();
            int m = mapped.getInt();
            int beamWidth = mapped.getInt();
            long sourceSize = mapped.getLong();
            long sourceModified = mapped.getLong();
            long ints = mapped.getLong();
            int checksum = mapped.getInt();
            byte[] dtype = new byte[DTYPE_BYTES];
            mapped.get(dtype);
            IndexStamp found = new IndexStamp(sourceSize, sourceModified, rows, dimension,
                    new String(dtype, StandardCharsets.US_ASCII).trim().replace("\0", ""), m, beamWidth);
            if (!found.equals(expected)) {
                throw new Unusable("it was built for " + found.describe() + ", the model now is "
                        + expected.describe(), true);
            }
            long announced = ints * 4 + 4L * rows;
            if (announced != length - HEADER) {
                throw new Unusable("its header announces " + announced + " bytes of graph and norms, the file holds "
                        + (length - HEADER) + " (truncated?)", false);
            }
            ByteBuffer body = mapped.slice(HEADER, (int) (length - HEADER)).order(ByteOrder.LITTLE_ENDIAN);
            CRC32C crc = new CRC32C();
            crc.update(body.duplicate());
            if ((int) crc.getValue() != checksum) {
                throw new Unusable("its checksum does not match (the file is damaged)", false);
            }
            try {
                PackedGraph graph = PackedGraph.of(body.slice(0, (int) (ints * 4)).order(ByteOrder.LITTLE_ENDIAN)
                        .asIntBuffer());
                float[] norms = new float[rows];
                body.slice((int) (ints * 4), 4 * rows).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(norms);
                return new Contents(graph, norms);
            } catch (IllegalArgumentException e) {
                throw new Unusable(e.getMessage(), false);
            }
        }
    }
}
