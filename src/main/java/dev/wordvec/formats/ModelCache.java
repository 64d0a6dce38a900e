package dev.wordvec.formats;

import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Subwords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads models through a cache of converted files: the first load of a text or binary file also
 * writes its {@link ConvertedModel} form into the cache directory, and later loads map that
 * instead of parsing, once they have checked it was made from the source as it is now (same
 * size and {@link SourceFingerprint}) and is intact (checksum). A stale or damaged cache file is
 * rebuilt; a model whose copy cannot be written (a directory that takes no file, a full file system)
 * is warned about, named, and served without one.
 *
 * <p>A text, word2vec binary or gensim file is read straight into its copy, whose rows are then
 * served mapped ({@link StreamedCopy}). A model with fastText's n-grams (a fastText {@code .bin},
 * gensim's FastText) is read into memory and copied afterwards. Such a load may leave the writing of the copy
 * to a thread of the cache's own
 * ({@link #load(ModelSource, ModelFormat, int, UnicodeErrors, Consumer, boolean)}), when the
 * caller serves the parsed matrix itself: the copy is only for later starts, and writing it
 * (0.6 to 2.2 s for a 400,000 x 300 model here) then no longer delays this one. {@link #close}
 * waits for it.
 */
public final class ModelCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelCache.class);
    /** A partial copy untouched this long belongs to no writer any more. */
    static final Duration LEFTOVER_AGE = Duration.ofHours(1);

    private final Path directory;
    private final long blockBytes;
    private final AtomicBoolean warned = new AtomicBoolean();
    /** Whether this cache has looked for partial copies left by processes that were killed. */
    private final AtomicBoolean swept = new AtomicBoolean();
    /** Writes the copies that loads left for later, one at a time; made at the first such load. */
    private ExecutorService writer;
    /** What copies left for later wait for before they are written ({@link #holdCopies}). */
    private volatile CompletableFuture<Void> copiesMayStart = CompletableFuture.completedFuture(null);

    /**
     * @param directory where converted files go; null for no cache
     * @param blockBytes the most bytes one matrix block may hold
     */
    public ModelCache(Path directory, long blockBytes) {
        this.directory = directory;
        this.blockBytes = blockBytes;
    }

    /**
     * The cache the commands share with the service: the directory {@code wordvec.cache-dir} names
     * where the service would read it without its configuration files (a system property, or the
     * environment's {@code WORDVEC_CACHEDIR}, which the container image sets), else
     * {@link #defaultDirectory}; default blocks.
     */
    public static ModelCache shared() {
        String configured = System.getProperty("wordvec.cache-dir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("WORDVEC_CACHEDIR");
        }
        Path directory = configured == null || configured.isBlank() ? defaultDirectory() : Path.of(configured);
        return new ModelCache(directory, RowBlocks.DEFAULT_BLOCK_BYTES);
    }

    /** The default directory: {@code $XDG_CACHE_HOME/wordvec}, else {@code ~/.cache/wordvec}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("wordvec");
    }

    /** Where the converted form of {@code source} read as {@code format} (first {@code limit} words) is kept; null when not cached. */
    public Path cacheFile(ModelSource source, ModelFormat format, int limit) {
        return cacheFile(source, format, limit, UnicodeErrors.STRICT);
    }

    /**
     * As {@link #cacheFile(ModelSource, ModelFormat, int)}, read with {@code unicodeErrors}: a copy
     * read otherwise holds other words (or none, for strict), so it is kept apart.
     */
    public Path cacheFile(ModelSource source, ModelFormat format, int limit, UnicodeErrors unicodeErrors) {
        if (directory == null || source.path() == null) {
            return null;
        }
        Path absolute = source.path().toAbsolutePath().normalize();
        String key = absolute + "|" + format.id() + "|" + limit + "|" + ModelReader.READER_VERSION
                + (source.member() == null ? "" : "|" + source.member())
                + (unicodeErrors == UnicodeErrors.STRICT ? "" : "|unicode-errors=" + unicodeErrors.id());
        String name = absolute.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return directory.resolve(name + "-" + sha256(key).substring(0, 16) + ConvertedModel.EXTENSION);
    }

    /**
     * Where a file derived from the model (such as its HNSW index) is kept: beside its converted
     * copy, named after it with {@code extension}; null when nothing is cached.
     */
    public Path companionFile(ModelSource source, ModelFormat format, int limit, String extension) {
        return companionFile(source, format, limit, UnicodeErrors.STRICT, extension);
    }

    /** As {@link #companionFile(ModelSource, ModelFormat, int, String)}, for a model read with {@code unicodeErrors}. */
    public Path companionFile(ModelSource source, ModelFormat format, int limit, UnicodeErrors unicodeErrors,
            String extension) {
        Path cached = isConverted(source, format) ? cacheFile(source, ModelFormat.CONVERTED, limit)
                : cacheFile(source, format, limit, unicodeErrors);
        return cached == null ? null : cached.resolveSibling(cached.getFileName() + extension);
    }

    /**
     * The model at {@code source}: mapped from the cache when a fresh copy is there, else read
     * (and then cached).
     *
     * <p>Only the cache's own files are ever left mapped. They are written beside their final
     * name and renamed into place, so a mapping always sees a whole file that nobody changes. A
     * file the user names is read, never served mapped: if it were truncated or rewritten in
     * place while mapped, the next search would touch a page that no longer exists, and the
     * process would die of SIGBUS inside libtorch.
     */
    public ParsedVectors load(ModelSource source, ModelFormat format, int limit, Consumer<LoadProgress> progress)
            throws ModelFileException {
        return load(source, format, limit, UnicodeErrors.STRICT, progress);
    }

    /**
     * As {@link #load(ModelSource, ModelFormat, int, Consumer)}, decoding words that are not valid
     * UTF-8 as {@code unicodeErrors} says (a converted file's words are already decoded).
     */
    public ParsedVectors load(ModelSource source, ModelFormat format, int limit, UnicodeErrors unicodeErrors,
            Consumer<LoadProgress> progress) throws ModelFileException {
        return load(source, format, limit, unicodeErrors, progress, false);
    }

    /**
     * As {@link #load(ModelSource, ModelFormat, int, UnicodeErrors, Consumer)}; with
     * {@code copyLater}, a parsed model is returned before its converted copy is written, and the
     * cache's writer thread writes it afterwards from the same matrix, which the caller must then
     * not change (the caller keeps the matrix in use, so it stays valid until the copy is done).
     */
    public ParsedVectors load(ModelSource source, ModelFormat format, int limit, UnicodeErrors unicodeErrors,
            Consumer<LoadProgress> progress, boolean copyLater) throws ModelFileException {
        Path path = source.path();
        if (isConverted(source, format)) {
            return loadConverted(source, limit);
        }
        Path cached = cacheFile(source, format, limit, unicodeErrors);
        if (cached == null || !Files.isRegularFile(path)) {
            return ModelReader.read(source, format, progress, blockBytes, limit, unicodeErrors);
        }
        ConvertedModel.Stamp now;
        try {
            now = ConvertedModel.Stamp.of(path, format);
        } catch (IOException e) {
            return ModelReader.read(source, format, progress, blockBytes, limit, unicodeErrors);
        }
        ParsedVectors fresh = mapIfFresh(source, cached, now);
        if (fresh != null) {
            return fresh;
        }
        Read read = readIntoCopy(source, format, limit, unicodeErrors, progress, cached, now);
        if (read == null) {
            // The directory just refused the copy (warned about): a second try would fail alike.
            return ModelReader.read(source, format, progress, blockBytes, limit, unicodeErrors);
        }
        if (read.streamed()) {
            return read.vectors();
        }
        ParsedVectors parsed = read.vectors();
        ConvertedModel.Stamp stamp = now.as(parsed.format().id());
        Runnable write = () -> writeCopy(source, parsed, stamp, cached, "wrote the converted copy",
                "; later starts map it");
        if (!copyLater) {
            write.run();
            return parsed;
        }
        CompletableFuture<Void> mayStart = copiesMayStart;
        try {
            writer().execute(() -> {
                mayStart.join();
                write.run();
            });
        } catch (RejectedExecutionException closing) {
            // closing: the next start parses the file again
        }
        return parsed;
    }

    /** A model read through a {@link StreamedCopy}: {@code streamed} when its rows went into it. */
    private record Read(ParsedVectors vectors, boolean streamed) {
    }

    /**
     * Reads the model with its rows (but those of a model with n-grams) written straight into its
     * converted copy at {@code cached} and served mapped from there; the rows of other formats stay
     * in memory ({@code streamed} false: their copy is still to write). Null when the copy failed
     * before the model was read whole (warned about): the caller reads it without one.
     */
    private Read readIntoCopy(ModelSource source, ModelFormat format, int limit, UnicodeErrors unicodeErrors,
            Consumer<LoadProgress> progress, Path cached, ConvertedModel.Stamp now) throws ModelFileException {
        removeLeftoverCopiesOnce();
        long started = System.nanoTime();
        ParsedVectors read = null;
        try (StreamedCopy copy = StreamedCopy.create(cached)) {
            read = ModelReader.read(source, format, progress, blockBytes, limit, unicodeErrors, copy);
            if (!copy.used()) {
                return new Read(read, false);
            }
            copy.finish(read.vocabulary(), now.as(read.format().id()));
            log.info("{}: wrote the converted copy {} while reading ({} ms in all); later starts map it",
                    source.location(), cached, (System.nanoTime() - started) / 1_000_000);
            return new Read(read, true);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | StreamedCopy.WriteFailed e) {
            // A load called off (the service stopping) while writing: FileChannel's writes are
            // interruptible, and their ClosedByInterruptException leaves the thread interrupted.
            if (Thread.currentThread().isInterrupted()) {
                throw ModelFileException.of(source.location(), "interrupted while reading", e);
            }
            warnUnwritable(source, e instanceof StreamedCopy.WriteFailed failed ? failed.getCause() : e);
            // Read whole, with only the copy unfinished: served as it is; the next start reads the file again.
            return read == null ? null : new Read(read, true);
        }
    }

    /**
     * Writes {@code vectors} to {@code cached}, after removing what killed writers left, and logs
     * "{@code what} CACHED in N ms{@code after}"; false (warned about) when it cannot.
     */
    private boolean writeCopy(ModelSource source, ParsedVectors vectors, ConvertedModel.Stamp stamp, Path cached,
            String what, String after) {
        removeLeftoverCopiesOnce();
        try {
            long started = System.nanoTime();
            ConvertedModel.write(vectors, stamp, cached);
            log.info("{}: {} {} in {} ms{}", source.location(), what, cached, (System.nanoTime() - started) / 1_000_000,
                    after);
            return true;
        } catch (IOException | RuntimeException e) {
            warnUnwritable(source, e);
            return false;
        }
    }

    /**
     * Removes the partial copies a process killed while writing left behind (a stop that cannot
     * wait, such as Kubernetes' SIGKILL after its grace period, skips the JVM's clean-up), each the
     * size of a matrix. Only this cache's own temporary files, and only those untouched for an
     * hour: another process writing into the same directory changes its file every moment.
     */
    private void removeLeftoverCopiesOnce() {
        if (!swept.compareAndSet(false, true)) {
            return;
        }
        Instant before = Instant.now().minus(LEFTOVER_AGE);
        long bytes = 0;
        int removed = 0;
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(directory,
                "." + "*" + ConvertedModel.EXTENSION + ".*.tmp")) {
            for (Path partial : partials) {
                long size = Files.size(partial);
                if (Files.getLastModifiedTime(partial).toInstant().isBefore(before) && Files.deleteIfExists(partial)) {
                    bytes += size;
                    removed++;
                }
            }
        } catch (IOException e) {
            return; // no directory yet, or not readable: the write says what is wrong
        }
        if (removed > 0) {
            log.info("Removed {} partial converted cop{} ({} MB) that a stopped process left in {}", removed,
                    removed == 1 ? "y" : "ies", bytes / 1_000_000, directory);
        }
    }

    private synchronized ExecutorService writer() {
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "wordvec-cache-writer");
                thread.setDaemon(true);
                return thread;
            });
        }
        return writer;
    }

    /**
     * Copies left for later wait from now until {@link #releaseCopies}: while a service starts,
     * writing a matrix (about a second of a core for 400,000 x 300 floats) would take the cores
     * from the rest of its start, which a first start from a text file waits for.
     */
    public synchronized void holdCopies() {
        // Held already (a registry the context took over from the early start is held again):
        // copies queued under this hold must go when it is released.
        if (copiesMayStart.isDone()) {
            copiesMayStart = new CompletableFuture<>();
        }
    }

    /**
     * Lets the copies held by {@link #holdCopies} be written, and those left later at once.
     *
     * @return done once the copies left until now are written (or have failed, which is warned about)
     */
    public CompletableFuture<Void> releaseCopies() {
        ExecutorService current;
        synchronized (this) {
            copiesMayStart.complete(null);
            current = writer;
        }
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return CompletableFuture.runAsync(() -> { }, current); // one writer: after those queued before
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Waits up to {@code timeout} for the copies left for later to be written (held ones too);
     * true when none is left. Later loads still may leave more.
     */
    public boolean awaitCopies(Duration timeout) throws InterruptedException {
        releaseCopies();
        ExecutorService current;
        synchronized (this) {
            current = writer;
            writer = null;
        }
        if (current == null) {
            return true;
        }
        current.shutdown();
        return current.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Lets a copy being written finish, so that a stop right after a first start still leaves the
     * next start a copy to map: up to 20 s, within the 30 s that Kubernetes and Spring's graceful
     * shutdown give a stop. A copy not done by then is given up, its temporary file removed when
     * the JVM exits.
     */
    @Override
    public void close() {
        try {
            if (!awaitCopies(Duration.ofSeconds(20))) {
                log.warn("The converted copy being written to {} was not done after 20 s; the next start parses "
                        + "the model file again", directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code source} is a converted file: said so, or found so by its magic bytes. */
    private static boolean isConverted(ModelSource source, ModelFormat format) {
        Path path = source.path();
        return path != null && (format == ModelFormat.CONVERTED || ConvertedModel.isConverted(path));
    }

    /**
     * A converted file the user named: copied into the cache (under a stamp of that file) and the
     * copy mapped; without a cache, copied into memory.
     */
    private ParsedVectors loadConverted(ModelSource source, int limit) throws ModelFileException {
        Path path = source.path();
        Path cached = cacheFile(source, ModelFormat.CONVERTED, limit);
        ConvertedModel.Stamp now = null;
        if (cached != null) {
            try {
                now = ConvertedModel.Stamp.of(path, ModelFormat.CONVERTED);
            } catch (IOException e) {
                throw ModelFileException.of(source.location(), "cannot read the file: " + e.getMessage(), e);
            }
            ParsedVectors fresh = mapIfFresh(source, cached, now);
            if (fresh != null) {
                return fresh;
            }
        }
        ConvertedModel.Mapped original = ConvertedModel.map(path, blockBytes);
        ParsedVectors vectors = firstRows(original.vectors(), limit);
        if (cached != null && writeCopy(source, vectors, now.as(vectors.format().id()), cached,
                "copied into the cache as", " (the file itself is never served mapped)")) {
            try {
                return ConvertedModel.map(cached, blockBytes).vectors();
            } catch (IOException | RuntimeException e) {
                warnUnwritable(source, e);
            }
        }
        // Copied, n-grams too: the user's file is never served mapped.
        Subwords subwords = vectors.subwords() == null ? null
                : vectors.subwords().withRows(vectors.subwords().rows().copy());
        return new ParsedVectors(vectors.vocabulary(), vectors.dimension(), vectors.matrix().copy(), vectors.format(),
                vectors.duplicates(), subwords);
    }

    /** The cached copy mapped, when it exists, is intact and was made from the source as it is {@code now}; else null. */
    private ParsedVectors mapIfFresh(ModelSource source, Path cached, ConvertedModel.Stamp now) {
        if (!Files.exists(cached)) {
            return null;
        }
        try {
            ConvertedModel.Mapped mapped = ConvertedModel.map(cached, blockBytes);
            if (mapped.stamp().sameSource(now)) {
                log.info("{}: mapped the converted copy {}", source.location(), cached);
                return mapped.vectors();
            }
            log.info("{}: the cached copy {} is stale (the file changed since, or an earlier wordvec made the copy); "
                    + "converting again",
                    source.location(), cached);
        } catch (ModelFileException e) {
            log.warn("{}: the cached copy is unusable ({}); converting again", source.location(), e.getMessage());
        }
        return null;
    }

    private static ParsedVectors firstRows(ParsedVectors vectors, int limit) {
        if (limit <= 0 || limit >= vectors.vocabulary().size()) {
            return vectors;
        }
        // A fastText model's n-grams do not depend on the vocabulary: words past the limit are then
        // answered from them, as unknown words are.
        return new ParsedVectors(vectors.vocabulary().first(limit), vectors.dimension(), vectors.matrix().first(limit),
                vectors.format(), 0, vectors.subwords());
    }

    /**
     * Says which model goes without its copy, and why: the first time in full, with what to do; after
     * that in a line, since a directory that takes no file fails every model alike, while a full file
     * system can fail one model's copy and take a smaller one's.
     */
    private void warnUnwritable(ModelSource source, Exception e) {
        if (warned.compareAndSet(false, true)) {
            log.warn("Cannot write the model cache in {} ({}); {} is served without a converted copy, so the next "
                    + "start reads it again (set wordvec.cache-dir, or WORDVEC_CACHEDIR in the environment, to a "
                    + "writable directory with room for the copies)", directory, e.toString(), source.location());
        } else {
            log.warn("Cannot write the model cache in {} ({}) for {} either; it is served without a converted copy",
                    directory, e.toString(), source.location());
        }
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
