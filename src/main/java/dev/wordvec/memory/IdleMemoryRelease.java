package dev.wordvec.memory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back once a burst of requests is over. Under load the JVM grows its heap, and
 * glibc keeps the native buffers the requests used (PyTorch's, the server's) in its arenas;
 * neither goes back to the system by itself. Measured with no JVM flags on a 400,000 x 300 model:
 * 1,196 to 1,269 MiB resident 5 s after 60 s of mixed load, 849 MiB 25 s after it with this (801
 * at ready); after 300 s of load, 895 to 952 MiB 30 s after it (docs/benchmarks.md).
 *
 * <ul>
 *   <li>On G1 (the default collector): sets the manageable flags {@code G1PeriodicGCInterval}
 *       (after that long without a collection, the JVM runs a concurrent one, whose pauses are a
 *       few milliseconds, and shrinks the heap at its end) and {@code MinHeapFreeRatio} /
 *       {@code MaxHeapFreeRatio} (keep 10 to 30% of the heap free instead of 40 to 70%). Only
 *       flags still at their defaults: a command line's choice wins.
 *   <li>On any collector: once the collections stop for a whole interval after some, glibc is
 *       asked to return its free memory ({@code System.trim_native_heap}, the JVM's own
 *       {@code malloc_trim}, through the DiagnosticCommand MBean; JDK 17.0.9 and later), once per
 *       idle spell.
 * </ul>
 * An idle service does not collect, so the collection count tells busy from idle without a cost
 * on any request.
 */
public final class IdleMemoryRelease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdleMemoryRelease.class);
    private static final String DIAGNOSTIC_COMMANDS = "com.sun.management:type=DiagnosticCommand";

    private final LongSupplier collections;
    private final Runnable release;
    private final ScheduledExecutorService timer;
    private long seen = -1;
    private long releasedAt;

    /**
     * @param collections how many collections the JVM has run so far
     * @param release what to do once the collections have stopped
     */
    IdleMemoryRelease(LongSupplier collections, Runnable release, ScheduledExecutorService timer) {
        this.collections = collections;
        this.release = release;
        this.timer = timer;
        this.releasedAt = collections.getAsLong();
    }

    /** Starts watching (nothing when {@code idle} is zero); checks twice per {@code idle}. */
    public static IdleMemoryRelease start(Duration idle) {
        if (idle.isZero() || idle.isNegative()) {
            log.info("Idle memory release is off (wordvec.memory.release-when-idle=0)");
            return new IdleMemoryRelease(() -> 0, () -> { }, null);
        }
        List<String> set = tuneG1(idle);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wordvec-memory-release");
            thread.setDaemon(true);
            return thread;
        });
        IdleMemoryRelease watcher = new IdleMemoryRelease(IdleMemoryRelease::collectionCount,
                IdleMemoryRelease::trimNativeHeap, timer);
        long every = Math.max(1, idle.toMillis() / 2);
        timer.scheduleWithFixedDelay(watcher::check, every, every, TimeUnit.MILLISECONDS);
        log.info("Idle memory release: after {} s without a collection{}, native memory goes back to the system",
                idle.toMillis() / 1000.0, set.isEmpty() ? "" : " (JVM flags set: " + String.join(", ", set) + ")");
        return watcher;
    }

    /**
     * One look: releases when the count has not moved since the last look but has since the last
     * release. Synchronised: the timer calls it, and so do tests.
     */
    synchronized boolean check() {
        long count = collections.getAsLong();
        boolean settled = count == seen;
        seen = count;
        if (!settled || count == releasedAt) {
            return false;
        }
        releasedAt = count;
        release.run();
        return true;
    }

    /** The G1 flags above, where they are still the JVM's defaults; returns what was set. */
    static List<String> tuneG1(Duration idle) {
        List<String> set = new ArrayList<>();
        if (!JvmFlags.usesG1()) {
            return set;
        }
        JvmFlags.setIfDefault("G1PeriodicGCInterval", Long.toString(idle.toMillis()), set);
        JvmFlags.tightenHeapFreeRatios(set);
        return set;
    }

    static long collectionCount() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }

    /** {@code jcmd <pid> System.trim_native_heap}, in-process; what the JVM answers (RSS before and after). */
    static String trimNativeHeap() {
        try {
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMANDS),
                    "systemTrimNativeHeap", new Object[] {null}, new String[] {String[].class.getName()});
            String text = String.valueOf(answer).strip();
            log.debug("Idle: {}", text);
            return text;
        } catch (JMException | RuntimeException e) {
            // Older JDKs (before 17.0.9) have no such command; the heap part above still works.
            log.debug("Could not trim the native heap: {}", e.toString());
            return "";
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
