package dev.wordvec.formats;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A model's bytes as the readers want them: out of a {@code .zip} (the configured member, or the
 * archive's only model file) and decompressed from gzip, bzip2 or xz, each detected from the
 * content, whatever the file is called. Commons Compress does the zip, bzip2 and xz work. Training
 * corpora, evaluation sets and SIF reference files are opened the same way ({@link TextLines}).
 *
 * @param data the model file's own bytes
 * @param counted what progress counts: the bytes read of the file, or of the zip member
 * @param totalBytes what {@code counted} runs up to, or -1 when unknown
 * @param compression what {@code data} was unpacked from ({@code gzip}, {@code bzip2}, {@code xz}, {@code zip});
 *     null when it is the file's bytes as they are. Offsets in errors are then in the unpacked data.
 */
public record Unpacking(InputStream data, CountingInputStream counted, long totalBytes, String compression)
        implements AutoCloseable {

    /** Bytes of the file, or of the zip member, read so far: what progress reports against {@link #totalBytes}. */
    public long bytesRead() {
        return counted.count();
    }

    @Override
    public void close() throws IOException {
        data.close();
    }

    /** Zip members that are never the model: documentation and licences, by how their names start... */
    private static final List<String> NOT_MODELS = List.of("readme", "license", "licence", "notice", "copying");
    /** ...and documents and descriptions (NLPL's {@code meta.json}), by how they end. */
    private static final List<String> NOT_MODEL_ENDINGS = List.of(".md", ".html", ".pdf", ".json");

    public static Unpacking open(ModelSource source) throws IOException {
        CountingInputStream counted = new CountingInputStream(source.open());
        BufferedInputStream in = new BufferedInputStream(counted, 1 << 16);
        boolean zipped = peekIs(in, new byte[] {'P', 'K', 3, 4});
        if (zipped && source.path() != null && java.nio.file.Files.isRegularFile(source.path())) {
            // Opened once only (a pipe could not be opened again): a zip on disk is reopened by its directory.
            in.close();
            return fromZipFile(source);
        }
        if (zipped) {
            // A zip read as a stream (a classpath resource, a pipe): its member must be named or come first.
            ZipArchiveInputStream zip = new ZipArchiveInputStream(in);
            List<String> seen = new ArrayList<>();
            for (ZipArchiveEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (!entry.isDirectory() && (source.member() == null ? isModel(entry.getName())
                        : matches(entry.getName(), source.member()))) {
                    return new Unpacking(decompressed(new BufferedInputStream(zip, 1 << 16), source), counted, source.size(),
                            "zip");
                }
                seen.add(entry.getName());
            }
            throw noMember(source, seen);
        }
        if (source.member() != null) {
            // Read whole instead, the setting would be ignored without a word.
            in.close();
            throw ModelFileException.of(source.fileLocation(), "is no zip, so it has no member '" + source.member()
                    + "' to read (a member, the 'member' setting or what follows a '!' in the path, names a file "
                    + "inside a .zip)", null);
        }
        String compression = compression(in);
        return new Unpacking(decompressed(in, source, compression), counted, source.size(), compression);
    }

    /** A zip on disk: its directory read first, so the only model file can be found by name. */
    private static Unpacking fromZipFile(ModelSource source) throws IOException {
        ZipFile zip = ZipFile.builder().setPath(source.path()).get();
        try {
            List<ZipArchiveEntry> files = Collections.list(zip.getEntries()).stream().filter(e -> !e.isDirectory()).toList();
            List<ZipArchiveEntry> chosen = files.stream().filter(e -> source.member() == null ? isModel(e.getName())
                    : matches(e.getName(), source.member())).toList();
            if (chosen.size() != 1) {
                throw source.member() == null && chosen.size() > 1
                        ? ModelFileException.of(source.location(), "the zip holds " + chosen.size() + " files "
                                + "that could be the one to read " + chosen.stream().map(ZipArchiveEntry::getName)
                                .toList() + "; name one, as " + source.location() + "!" + chosen.get(0).getName()
                                + " (a configured model also takes it as its 'member' setting)", null)
                        : noMember(source, files.stream().map(ZipArchiveEntry::getName).toList());
            }
            ZipArchiveEntry entry = chosen.get(0);
            CountingInputStream counted = new CountingInputStream(new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            });
            InputStream data = decompressed(new BufferedInputStream(counted, 1 << 16), source);
            return new Unpacking(data, counted, entry.getSize(), "zip");
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static ModelFileException noMember(ModelSource source, List<String> names) {
        return ModelFileException.of(source.location(), source.member() == null
                ? "the zip holds no file to read (" + (names.isEmpty() ? "it is empty" : "only " + names) + ")"
                : "the zip has no member '" + source.member() + "' (it holds " + names + ")", null);
    }

    /** A member named {@code member}, at the top of the archive or in a folder of it. */
    private static boolean matches(String name, String member) {
        return name.equals(member) || name.endsWith("/" + member);
    }

    private static boolean isModel(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return !base.startsWith(".") && NOT_MODELS.stream().noneMatch(base::startsWith)
                && NOT_MODEL_ENDINGS.stream().noneMatch(base::endsWith);
    }

    /**
     * {@code in}, through gzip, bzip2 or xz when its first bytes say so (concatenated streams
     * read whole). The decoders read their first block at once, so a damaged small file fails here;
     * so does data wordvec does not read (a tar, zstd: {@link ForeignData}).
     */
    private static InputStream decompressed(BufferedInputStream in, ModelSource source) throws IOException {
        return decompressed(in, source, compression(in));
    }

    /** {@link #decompressed(BufferedInputStream, ModelSource)}, its {@code compression} already told. */
    private static InputStream decompressed(BufferedInputStream in, ModelSource source, String compression)
            throws IOException {
        InputStream data = in;
        try {
            byte[] start;
            if (compression == null) {
                start = peek(in, 512);
            } else {
                data = switch (compression) {
                    case "gzip" -> new GZIPInputStream(in, 1 << 16);
                    case "bzip2" -> new BZip2CompressorInputStream(in, true);
                    default -> new XZCompressorInputStream(in, true);
                };
                // Put back by a stream of its own rather than a buffer over the decoder, which would
                // read ahead and so find damage lines before the line that holds it.
                start = data.readNBytes(512);
                data = new SequenceInputStream(new ByteArrayInputStream(start), data);
            }
            String archive = ForeignData.archive(start, compression);
            if (archive != null) {
                throw ModelFileException.of(source.location(), archive, null);
            }
            return data;
        } catch (IOException e) {
            data.close();
            throw compression == null || e instanceof ModelFileException ? e
                    : ModelFileException.of(source.location(), readFailure(compression, e), e);
        }
    }

    /** The compression {@code in}'s first bytes show ({@code gzip}, {@code bzip2}, {@code xz}); null for none. */
    private static String compression(BufferedInputStream in) throws IOException {
        return peekIs(in, new byte[] {0x1f, (byte) 0x8b}) ? "gzip" : peekIs(in, new byte[] {'B', 'Z', 'h'}) ? "bzip2"
                : peekIs(in, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}) ? "xz" : null;
    }

    /** Up to {@code n} of the next bytes, left to be read. */
    private static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        try {
            return in.readNBytes(n);
        } finally {
            in.reset();
        }
    }

    /**
     * Why reading stopped part-way, for an error message: the {@code compression} data (null: none)
     * is damaged, or the file itself could not be read.
     */
    static String readFailure(String compression, IOException e) {
        return (compression != null ? "the " + compression + " data is truncated or corrupt" : "the file cannot be read")
                + " (" + e + ")";
    }

    private static boolean peekIs(BufferedInputStream in, byte[] magic) throws IOException {
        in.mark(magic.length);
        try {
            for (byte b : magic) {
                if (in.read() != (b & 0xff)) {
                    return false;
                }
            }
            return true;
        } finally {
            in.reset();
        }
    }

}
