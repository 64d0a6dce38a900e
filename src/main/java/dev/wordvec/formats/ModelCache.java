package dev.wordvec.formats;

import dev.wordvec.vectors.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads models through a cache of converted files: the first load of a text or binary file also
 * writes its {@link ConvertedModel} form into the cache directory, and later loads map that
 * instead of parsing, once they have checked it was made from the source as it is now (same
 * size and modification time) and is intact (checksum). A stale or damaged cache file is
 * rebuilt; a directory that cannot be written is warned about once and the service runs
 * without a cache.
 */
public final class ModelCache {

    private static final Logger log = LoggerFactory.getLogger(ModelCache.class);

    private final Path directory;
    private final long blockBytes;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param directory where converted files go; null for no cache
     * @param blockBytes the most bytes one matrix block may hold
     */
    public ModelCache(Path directory, long blockBytes) {
        this.directory = directory;
        this.blockBytes = blockBytes;
    }

    /** The default directory: {@code $XDG_CACHE_HOME/wordvec}, else {@code ~/.cache/wordvec}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wordvec");
    }

    /** Where the converted form of {@code source} read as {@code format} (first {@code limit} words) is kept; null when not cached. */
    public Path cacheFile(ModelSource source, ModelFormat format, int limit) {
        if (directory == null || source.path() == null) {
            return null;
        }
        Path absolute = source.path().toAbsolutePath().normalize();
        String key = absolute + "|" + format.id() + "|" + limit + "|" + ModelReader.READER_VERSION;
        String name = absolute.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return directory.resolve(name + "-" + sha256(key).substring(0, 16) + ConvertedModel.EXTENSION);
    }

    /**
     * The model at {@code source}: mapped when it is a converted file or has a fresh cache entry,
     * else parsed (and then cached).
     */
    public ParsedVectors load(ModelSource source, ModelFormat format, int limit, Consumer<LoadProgress> progress)
            throws ModelFileException {
        Path path = source.path();
        if (path != null && (format == ModelFormat.CONVERTED || ConvertedModel.isConverted(path))) {
            ParsedVectors mapped = ConvertedModel.map(path, blockBytes).vectors();
            if (limit <= 0 || limit >= mapped.vocabulary().size()) {
                return mapped;
            }
            List<String> words = new ArrayList<>(limit);
            for (int row = 0; row < limit; row++) {
                words.add(mapped.vocabulary().word(row));
            }
            return new ParsedVectors(new Vocabulary(words), mapped.dimension(), mapped.matrix().first(limit),
                    mapped.format(), 0);
        }
        Path cached = cacheFile(source, format, limit);
        if (cached == null || !Files.isRegularFile(path)) {
            return ModelReader.read(source, format, progress, blockBytes, limit);
        }
        ConvertedModel.Stamp now;
        try {
            now = ConvertedModel.Stamp.of(path, format);
        } catch (IOException e) {
            return ModelReader.read(source, format, progress, blockBytes, limit);
        }
        if (Files.exists(cached)) {
            try {
                ConvertedModel.Mapped mapped = ConvertedModel.map(cached, blockBytes);
                if (mapped.stamp().size() == now.size() && mapped.stamp().modified() == now.modified()) {
                    log.info("{}: mapped the converted copy {}", source.location(), cached);
                    return mapped.vectors();
                }
                log.info("{}: the cached copy {} is stale (the file changed since); converting again",
                        source.location(), cached);
            } catch (ModelFileException e) {
                log.warn("{}: the cached copy is unusable ({}); converting again", source.location(), e.getMessage());
            }
        }
        ParsedVectors parsed = ModelReader.read(source, format, progress, blockBytes, limit);
        try {
            long started = System.nanoTime();
            ConvertedModel.write(parsed, new ConvertedModel.Stamp(parsed.format().id(), now.size(), now.modified()),
                    cached);
            log.info("{}: wrote the converted copy {} in {} ms; later starts map it", source.location(), cached,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("Cannot write the model cache in {} ({}); serving without a cache (set wordvec.cache-dir "
                        + "to a writable directory)", directory, e.toString());
            }
        }
        return parsed;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
