package dev.wordvec.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Keeps services that share a cache directory (replicas on one volume, two services on one
 * machine), and {@code download} commands, from downloading the same model at once: both would
 * write the same {@code FILE.part}, and what came out would be neither's file (one measured start
 * failed on "gave 7307264 bytes, not the catalogue's 7194809"). The one that waits finds the file
 * there when the lock is its own.
 *
 * <p>The lock is the operating system's on a small hidden file beside the download ({@code fcntl}
 * on Linux, which NFS 4 keeps too), so a holder that is killed leaves no lock behind. The file
 * itself stays: deleting it would let a waiter and a newcomer each lock a different file. Threads
 * of one process queue on a lock of their own first, as a process's file locks are all one.
 */
public final class DownloadLock implements AutoCloseable {

    private static final long POLL_MILLIS = 250;
    /** How often a long wait says it still waits. */
    private static final Duration STILL_WAITING_EVERY = Duration.ofSeconds(30);
    private static final Map<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock inThisProcess;
    private final FileChannel channel;
    private final FileLock lock;

    private DownloadLock(ReentrantLock inThisProcess, FileChannel channel, FileLock lock) {
        this.inThisProcess = inThisProcess;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file for what is downloaded to {@code target} (a file or a folder): hidden, beside it. */
    public static Path beside(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /**
     * Takes the lock for {@code target}, waiting while another process or thread holds it.
     *
     * @param told told once when this has to wait, or when the file system has no locks (some
     *     network file systems), in which case the download goes on without one
     */
    public static DownloadLock acquire(Path target, Consumer<String> told) throws IOException, InterruptedException {
        return acquire(target, told, () -> { });
    }

    /**
     * {@link #acquire(Path, Consumer)}, and {@code waits} run once, when this has to wait (for a
     * service to show that it is waiting rather than downloading).
     */
    public static DownloadLock acquire(Path target, Consumer<String> told, Runnable waits)
            throws IOException, InterruptedException {
        return acquire(target, told, waits, STILL_WAITING_EVERY);
    }

    /** {@link #acquire(Path, Consumer, Runnable)}, saying every {@code reportEvery} that it still waits. */
    static DownloadLock acquire(Path target, Consumer<String> told, Runnable waits, Duration reportEvery)
            throws IOException, InterruptedException {
        Path file = beside(target);
        ReentrantLock inThisProcess = IN_THIS_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        Waiting waiting = new Waiting(target, told, waits, reportEvery.toNanos());
        if (!inThisProcess.tryLock()) {
            waiting.tick();
            while (!inThisProcess.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                waiting.tick();
            }
        }
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                for (FileLock lock; ; Thread.sleep(POLL_MILLIS)) {
                    try {
                        lock = channel.tryLock();
                    } catch (IOException noLocks) {
                        told.accept("cannot lock " + file + " (" + noLocks.getMessage() + "): downloading without "
                                + "it, so another process sharing the directory must not download the same model now");
                        channel.close();
                        return new DownloadLock(inThisProcess, null, null);
                    }
                    if (lock != null) {
                        return new DownloadLock(inThisProcess, channel, lock);
                    }
                    waiting.tick();
                }
            } catch (InterruptedException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            inThisProcess.unlock();
            throw e;
        }
    }

    /**
     * A wait for the lock, told when it starts and then every {@code reportEvery}, with the bytes
     * the other download has so far (its {@code .part}), so that a long wait does not look hung.
     */
    private static final class Waiting {

        private final Path target;
        private final Consumer<String> told;
        private final Runnable waits;
        private final long reportEvery;
        private long started = -1;
        private long lastTold;

        Waiting(Path target, Consumer<String> told, Runnable waits, long reportEvery) {
            this.target = target;
            this.told = told;
            this.waits = waits;
            this.reportEvery = reportEvery;
        }

        /** Called while the lock is not had: the first time, and after each {@code reportEvery}. */
        void tick() {
            long now = System.nanoTime();
            if (started < 0) {
                started = now;
                lastTold = now;
                waits.run();
                told.accept("another download of " + target.getFileName() + " into "
                        + target.toAbsolutePath().getParent() + " is under way (another process sharing the directory, "
                        + "or a model of the same source); waiting for it");
            } else if (now - lastTold >= reportEvery) {
                lastTold = now;
                Path partial = ResumableDownload.partial(target);
                String sofar = "";
                try {
                    if (Files.isRegularFile(partial)) {
                        sofar = String.format(Locale.ROOT, "; %s holds %.1f MB", partial.getFileName(),
                                Files.size(partial) / 1e6);
                    }
                } catch (IOException gone) {
                    // finished (renamed) or discarded just now: nothing to add
                }
                told.accept(String.format(Locale.ROOT, "still waiting for the other download of %s (%d s so far%s)",
                        target.getFileName(), (now - started) / 1_000_000_000L, sofar));
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                lock.release();
                channel.close();
            }
        } finally {
            inThisProcess.unlock();
        }
    }
}
