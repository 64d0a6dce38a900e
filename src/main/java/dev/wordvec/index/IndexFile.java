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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The index file: a 72-byte header (magic, version, the {@link IndexStamp}, the checksum of the
 * body, the bytes of codes per row), then the body: the {@link PackedGraph}'s ints, each row's
 * inverse norm (so that a start need not read every row to compute them) and, when the index has
 * {@link RowCodes}, each row's code scale and the codes, little-endian. Written beside its final
 * name and renamed into place, so a mapping never sees a half-written file; read by mapping it.
 */
final class IndexFile {

    static final String EXTENSION = ".hnsw";

    private static final byte[] MAGIC = "WVHNSW\r\n".getBytes(StandardCharsets.US_ASCII);
    /** 3: with the rows' codes; 4: the source's fingerprint where 3 had its modification time. */
    private static final int VERSION = 4;
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

    /** What a file holds: the graph (mapped), each row's inverse norm, and the rows' codes (mapped) or null. */
    record Contents(PackedGraph graph, float[] inverseNorms, RowCodes codes) {
    }

    private IndexFile() {
    }

    /**
     * Bytes of a body: the graph's, each row's inverse norm and, with {@code codesPerRow} codes a
     * row (0: none), each row's code scale and its codes.
     */
    static long bodyBytes(long graphBytes, long rows, int codesPerRow) {
        return graphBytes + 4L * rows + (codesPerRow == 0 ? 0 : RowCodes.bytes(rows, codesPerRow));
    }

    /** Whether a body of {@code bodyBytes} makes a file that one mapping holds. */
    static boolean fits(long bodyBytes) {
        return HEADER + bodyBytes <= Integer.MAX_VALUE;
    }

    /** @param codes the rows' codes, or null for an index without */
    static void write(Path file, IndexStamp stamp, PackedGraph graph, float[] inverseNorms, RowCodes codes)
            throws IOException {
        List<ByteBuffer> body = new ArrayList<>();
        ByteBuffer ints = bytes((int) graph.bytes());
        ints.asIntBuffer().put(graph.ints());
        body.add(ints);
        body.add(floats(inverseNorms));
        if (codes != null) {
            body.add(floats(codes.scales()));
            body.add(codes.codes());
        }
        CRC32C crc = new CRC32C();
        body.forEach(part -> crc.update(part.duplicate()));
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(VERSION).putInt(stamp.rows()).putInt(stamp.dimension()).putInt(stamp.m())
                .putInt(stamp.beamWidth()).putLong(stamp.sourceSize()).putLong(stamp.sourceFingerprint())
                .putLong(graph.bytes() / 4).putInt((int) crc.getValue())
                .put(Arrays.copyOf(stamp.dtype().getBytes(StandardCharsets.US_ASCII), DTYPE_BYTES))
                .putInt(codes == null ? 0 : codes.dimension());
        header.position(HEADER).flip(); // the rest of the header is reserved, zero
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (header.hasRemaining()) {
                out.write(header);
            }
            for (ByteBuffer part : body) {
                while (part.hasRemaining()) {
                    out.write(part);
                }
            }
            out.force(true);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ByteBuffer bytes(int count) {
        return ByteBuffer.allocate(count).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer floats(float[] values) {
        ByteBuffer bytes = bytes(4 * values.length);
        bytes.asFloatBuffer().put(values);
        return bytes;
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
            long sourceFingerprint = mapped.getLong();
            long ints = mapped.getLong();
            int checksum = mapped.getInt();
            byte[] dtype = new byte[DTYPE_BYTES];
            mapped.get(dtype);
            IndexStamp found = new IndexStamp(sourceSize, sourceFingerprint, rows, dimension,
                    new String(dtype, StandardCharsets.US_ASCII).trim().replace("\0", ""), m, beamWidth);
            if (!found.equals(expected)) {
                throw new Unusable("it was built for " + found.describe() + ", the model now is "
                        + expected.describe(), true);
            }
            int codesPerRow = mapped.getInt();
            if (codesPerRow != 0 && codesPerRow != dimension) {
                throw new Unusable("its header announces " + codesPerRow + " codes a row for " + dimension
                        + " dimensions", false);
            }
            long announced = bodyBytes(ints * 4, rows, codesPerRow);
            if (announced != length - HEADER) {
                throw new Unusable("its header announces " + announced + " bytes of graph, norms and codes, the file "
                        + "holds " + (length - HEADER) + " (truncated?)", false);
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
                int at = (int) (ints * 4);
                float[] norms = new float[rows];
                body.slice(at, 4 * rows).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(norms);
                at += 4 * rows;
                RowCodes codes = null;
                if (codesPerRow > 0) {
                    float[] scales = new float[rows];
                    body.slice(at, 4 * rows).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(scales);
                    at += 4 * rows;
                    codes = RowCodes.kept(body.slice(at, rows * dimension), scales, dimension);
                }
                return new Contents(graph, norms, codes);
            } catch (IllegalArgumentException e) {
                throw new Unusable(e.getMessage(), false);
            }
        }
    }
}
