package dev.wordvec.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks the heap to what is live before a long computation, so that a phase that needed a lot
 * of heap (reading a training corpus) does not leave the JVM a young generation sized for it.
 *
 * <p>Why: with no {@code -Xmx}, G1 may grow to a quarter of the machine's memory. After reading
 * the 11.3 million-word corpus it had committed 3.4 GB, and training then allocates about 70 MB/s
 * of short-lived wrappers (the engine's per-operation objects) into a young generation so large
 * that no collection ran for the last 50 s: every allocation touched fresh pages. Measured, one
 * epoch of skip-gram: 185,000 words/s, 12 s of system time and 2.7 GB resident, against 238,000
 * words/s, 2 s and 0.9 GB with {@code -Xmx1g} (docs/benchmarks.md). One full collection with
 * tighter free-heap ratios gives the computation a heap sized from its live set instead.
 */
public final class HeapCompaction {

    private HeapCompaction() {
    }

    /**
     * On G1, sets {@code MinHeapFreeRatio} / {@code MaxHeapFreeRatio} to 10 / 30 where still at
     * their defaults (a command line's choice wins); then runs one full collection.
     *
     * @return the flags set, as {@code NAME=value}
     */
    public static List<String> compact() {
        List<String> set = new ArrayList<>();
        if (JvmFlags.usesG1()) {
            JvmFlags.tightenHeapFreeRatios(set);
        }
        System.gc();
        return set;
    }
}
