package dev.wordvec.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock that keeps two services sharing a cache from downloading the same model at once: held
 * by another process (a JVM started here), by another thread, and by a process that is killed.
 */
class DownloadLockTests {

    @TempDir
    Path dir;

    @Test
    void anotherProcessHoldingItIsWaitedForAndItsFileFound() throws Exception {
        Path target = dir.resolve("model.vec");
        Path copy = Files.writeString(dir.resolve("downloaded-elsewhere.vec"), "2 1\na 1\nb 2\n");
        try (LockHolder holder = LockHolder.start(target, copy)) {
            List<String> told = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try (DownloadLock lock = DownloadLock.acquire(target, told::add)) {
                    return Files.isRegularFile(target);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertNotDone(waiter);
            assertThat(told).containsExactly("another download of model.vec into " + dir + " is under way (another "
                    + "process sharing the directory, or a model of the same source); waiting for it");
            holder.finish();
            assertThat(waiter.get(10, TimeUnit.SECONDS)).as("the file the holder put there").isTrue();
        }
        // The lock file stays, hidden, and takes a lock again at once.
        assertThat(DownloadLock.beside(target)).isEqualTo(dir.resolve(".model.vec.lock")).exists();
        List<String> told = new ArrayList<>();
        DownloadLock.acquire(target, told::add).close();
        assertThat(told).isEmpty();
    }

    @Test
    void aHolderThatIsKilledLeavesNoLockBehind() throws Exception {
        Path target = dir.resolve("model.vec");
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        try (LockHolder holder = LockHolder.start(target, null)) {
            CompletableFuture<Void> waiter = lockAndLetGo(target, told);
            assertNotDone(waiter);
            holder.kill();
            waiter.get(10, TimeUnit.SECONDS);
        }
        assertThat(told).hasSize(1);
    }

    @Test
    void threadsOfOneProcessTakeTurns() throws Exception {
        Path target = dir.resolve("model.vec");
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        DownloadLock first = DownloadLock.acquire(target, told::add);
        CompletableFuture<Void> second = lockAndLetGo(target, told);
        assertNotDone(second);
        first.close();
        second.get(10, TimeUnit.SECONDS);
        assertThat(told).hasSize(1).allMatch(line -> line.startsWith("another download of model.vec"));
    }

    /** A long wait says, now and then, that it still waits and how far the other download has got. */
    @Test
    void aLongWaitSaysItStillWaitsAndHowFarTheOtherHasGot() throws Exception {
        Path target = dir.resolve("model.vec");
        Files.write(ResumableDownload.partial(target), new byte[1_500_000]);
        List<String> told = Collections.synchronizedList(new ArrayList<>());
        try (LockHolder holder = LockHolder.start(target, null)) {
            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
                try {
                    DownloadLock.acquire(target, told::add, () -> { }, java.time.Duration.ofMillis(300)).close();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertNotDone(waiter);
            holder.finish();
            waiter.get(10, TimeUnit.SECONDS);
        }
        assertThat(told.get(0)).startsWith("another download of model.vec into " + dir);
        assertThat(told.subList(1, told.size())).isNotEmpty().allMatch(line -> line.matches(
                "still waiting for the other download of model\\.vec \\([0-9]+ s so far; model\\.vec\\.part holds "
                + "1\\.5 MB\\)"));
    }

    /** Takes the lock on another thread and lets it go at once. */
    private static CompletableFuture<Void> lockAndLetGo(Path target, List<String> told) {
        return CompletableFuture.runAsync(() -> {
            try {
                DownloadLock.acquire(target, told::add).close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void assertNotDone(CompletableFuture<?> waiter) throws Exception {
        try {
            waiter.get(1, TimeUnit.SECONDS);
            throw new AssertionError("took the lock while another held it");
        } catch (TimeoutException expected) {
            // still waiting, as it should
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
