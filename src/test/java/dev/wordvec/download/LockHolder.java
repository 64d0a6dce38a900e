package dev.wordvec.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding a {@link DownloadLock}, as another service sharing the cache directory
 * does while it downloads: a JVM started on this class, which holds the lock from {@link #start}
 * until {@link #finish}, when it may put a file in place first, as a finished download does.
 */
public final class LockHolder implements AutoCloseable {

    private final Process process;

    private LockHolder(Process process) {
        this.process = process;
    }

    /**
     * Starts a JVM that locks {@code target}; returns once it holds the lock.
     *
     * @param downloaded copied to {@code target} before the lock is let go; null for none
     */
    public static LockHolder start(Path target, Path downloaded) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                target.toString()));
        if (downloaded != null) {
            command.add(downloaded.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(first).as("the holder's first line").isEqualTo("locked");
        return new LockHolder(process);
    }

    /** Lets the holder put its file in place and go; it must end well. */
    public void finish() throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the holder ended").isTrue();
        assertThat(process.exitValue()).isZero();
    }

    /** Kills the holder, as a service killed in the middle of its download. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /**
     * Takes the lock for args[0], says "locked", and waits for a line on its input; then copies
     * args[1] (if given) to args[0] and lets go.
     */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        try (DownloadLock lock = DownloadLock.acquire(target, line -> { })) {
            System.out.println("locked");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (args.length > 1) {
                Files.copy(Path.of(args[1]), target);
            }
        }
    }
}
