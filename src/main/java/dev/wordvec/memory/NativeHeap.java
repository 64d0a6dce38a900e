package dev.wordvec.memory;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where glibc puts large native buffers. By default glibc serves a request of 128 KiB or more with
 * a mapping of its own, returned to the system when freed, but it raises that threshold each time
 * such a mapping is freed, up to 32 MiB: after the first requests, the scores of a neighbour search
 * (1.6 MB per query on a 400,000-word model) and the server's large buffers come from its arenas
 * instead, where they leave holes that neither {@code free} nor {@code malloc_trim} give back.
 * Fixing the threshold keeps such buffers out of the arenas for good.
 *
 * <p>Measured with no JVM flags on a 400,000 x 300 model, from the cache, 30 s after 120 s of
 * mixed load (docs/benchmarks.md): 805 and 830 MiB resident with a fixed 128 KiB threshold,
 * against 918 and 923 with glibc's moving one. The service fixes it at 1 MiB: at 128 KiB every
 * exact search on a model of 57,687 words mapped, faulted in and unmapped its scores and
 * libtorch's top-k buffer (0.9 MB) afresh, and cost two to three times the CPU.
 *
 * <p>{@code mallopt} changes glibc's parameters for every thread at once, so, unlike the number
 * of arenas, it can be set from a running process. The service sets it once it is ready: the
 * start-up (class loading, the model's load) runs with glibc's defaults.
 */
public final class NativeHeap {

    private static final Logger log = LoggerFactory.getLogger(NativeHeap.class);

    /** glibc's {@code M_MMAP_THRESHOLD} option of {@code mallopt}. */
    private static final int M_MMAP_THRESHOLD = -3;

    /** The largest threshold glibc accepts: half its largest default mapping size on 64 bits. */
    private static final long MAX_THRESHOLD = 32L * 1024 * 1024;

    /** The environment variable through which glibc takes the same setting at process start. */
    static final String ENVIRONMENT = "MALLOC_MMAP_THRESHOLD_";

    /** What became of the request. */
    public enum Outcome {
        /** The threshold is now fixed at the given size. */
        FIXED,
        /** Asked for no change (a size of 0). */
        OFF,
        /** {@value #ENVIRONMENT} is set: the environment's choice stands. */
        LEFT_TO_ENVIRONMENT,
        /** Not Linux with glibc (musl, macOS, Windows), or glibc refused the value. */
        UNAVAILABLE
    }

    private NativeHeap() {
    }

    /**
     * Fixes glibc's mmap threshold at {@code bytes} (0: leave it moving), unless the environment
     * already sets it; logs and returns what happened.
     */
    public static Outcome fixMmapThreshold(long bytes, Map<String, String> environment) {
        Outcome outcome = decide(bytes, environment);
        String failure = "not Linux";
        if (outcome == null) {
            failure = mallopt(M_MMAP_THRESHOLD, (int) bytes);
            outcome = failure == null ? Outcome.FIXED : Outcome.UNAVAILABLE;
        }
        switch (outcome) {
            case FIXED -> log.info("glibc serves native buffers of {} KiB or more from mappings of their own "
                    + "(wordvec.memory.native-mmap-threshold)", bytes / 1024);
            case LEFT_TO_ENVIRONMENT -> log.info("glibc's mmap threshold is left to {}={}", ENVIRONMENT,
                    environment.get(ENVIRONMENT));
            case UNAVAILABLE -> log.info("glibc's mmap threshold could not be set here ({}): left as it is; on glibc, "
                    + "{}={} in the environment sets it", failure, ENVIRONMENT, bytes);
            case OFF -> log.debug("glibc's mmap threshold left moving (wordvec.memory.native-mmap-threshold=0)");
        }
        return outcome;
    }

    /** The outcome known without calling glibc, or null when it is to be asked. */
    static Outcome decide(long bytes, Map<String, String> environment) {
        if (bytes <= 0) {
            return Outcome.OFF;
        }
        if (environment.containsKey(ENVIRONMENT)) {
            return Outcome.LEFT_TO_ENVIRONMENT;
        }
        requireAcceptable(bytes);
        return Platform.isLinux() ? null : Outcome.UNAVAILABLE;
    }

    /** Fails for a threshold glibc would refuse; the settings call it as they are bound. */
    static void requireAcceptable(long bytes) {
        if (bytes > MAX_THRESHOLD) {
            throw new IllegalArgumentException("wordvec.memory.native-mmap-threshold is " + bytes
                    + " bytes: glibc accepts at most 32MB (0 leaves glibc's own threshold)");
        }
    }

    /** Null when glibc took the setting; otherwise why not. */
    private static String mallopt(int option, int value) {
        try {
            Function mallopt = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallopt");
            return mallopt.invokeInt(new Object[] {option, value}) == 1 ? null : "mallopt refused it";
        } catch (LinkageError | RuntimeException e) {
            // musl and other C libraries without mallopt, or JNA unable to unpack its own native
            // library (no writable temporary directory, or one mounted noexec): glibc's default is a
            // fine fallback.
            // The first failure says why (a later one says only "Could not initialize class").
            Throwable first = e;
            while (first.getCause() != null && first.getCause() != first) {
                first = first.getCause();
            }
            return first.toString();
        }
    }
}
