package dev.wordvec.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Keeps services that share a cache directory (replicas on one volume, two services on one
 * machine) from downloading the same model at once: both would write the same {@code FILE.part},
 * and what came out would be neither's file (one measured start failed on "gave 7307264 bytes,
 * not the catalogue's 7194809"). The one that waits finds the file there when the lock is its own.
 *
 * <p>The lock is the operating system's on a small hidden file beside the download ({@code fcntl}
 * on Linux, which NFS 4 keeps too), so a holder that is killed leaves no lock behind. The file
 * itself stays: deleting it would let a waiter and a newcomer each lock a different file. Threads
 * of one process queue on a lock of their own first, as a process's file locks are all one.
 */
public final class DownloadLock implements AutoCloseable {

    private static final long POLL_MILLIS = 250;
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
        Path file = beside(target);
        ReentrantLock inThisProcess = IN_THIS_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        Runnable waiting = () -> {
            waits.run();
            told.accept(waitingFor(target));
        };
        boolean waited = false;
        if (!inThisProcess.tryLock()) {
            waiting.run();
            waited = true;
            inThisProcess.lockInterruptibly();
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
                                + "it, so another service sharing the directory must not download the same model now");
                        channel.close();
                        return new DownloadLock(inThisProcess, null, null);
                    }
                    if (lock != null) {
                        return new DownloadLock(inThisProcess, channel, lock);
                    }
                    if (!waited) {
                        waiting.run();
                        waited = true;
                    }
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

    private static String waitingFor(Path target) {
        return "another download of " + target.getFileName() + " into " + target.toAbsolutePath().getParent()
                + " is under way (a service sharing the directory, or a model of the same source); waiting for it";
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
