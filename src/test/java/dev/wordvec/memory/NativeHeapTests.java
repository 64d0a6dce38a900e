package dev.wordvec.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class NativeHeapTests {

    private static final long MIB = 1024 * 1024;

    /**
     * In a JVM of its own, whose arenas hold only what its start needed: with the threshold fixed at
     * 128 KiB a 24 MiB buffer is a mapping of its own; with it at 32 MiB, it comes from an arena
     * (and so does a 0.9 MB one at the default 1 MiB).
     */
    @Test
    void onGlibcAFixedThresholdServesALargeBufferFromAMappingOfItsOwn() throws Exception {
        if (!Platform.isLinux()) {
            assertThat(NativeHeap.fixMmapThreshold(128 * 1024, Map.of())).isEqualTo(NativeHeap.Outcome.UNAVAILABLE);
            return;
        }
        assertThat(mappedInAFreshJvm(128 * 1024, 24 * MIB)).isTrue();
        assertThat(mappedInAFreshJvm(32 * MIB, 24 * MIB)).isFalse();
        // The default, 1 MiB: a top-k buffer of a small model's search (0.9 MB) is not mapped afresh.
        assertThat(mappedInAFreshJvm(MIB, 900_000)).isFalse();
        assertThat(mappedInAFreshJvm(128 * 1024, 900_000)).isTrue();
    }

    @Test
    void theEnvironmentsSettingStandsAndZeroChangesNothing() {
        assertThat(NativeHeap.fixMmapThreshold(128 * 1024, Map.of(NativeHeap.ENVIRONMENT, "65536")))
                .isEqualTo(NativeHeap.Outcome.LEFT_TO_ENVIRONMENT);
        assertThat(NativeHeap.fixMmapThreshold(0, Map.of())).isEqualTo(NativeHeap.Outcome.OFF);
    }

    @Test
    void aThresholdGlibcWouldRefuseIsAConfigurationError() {
        assertThatThrownBy(() -> NativeHeap.decide(64 * MIB, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 32MB");
        Binder binder = new Binder(new MapConfigurationPropertySource(
                Map.of("wordvec.memory.native-mmap-threshold", "64MB")));
        assertThatThrownBy(() -> binder.bindOrCreate("wordvec.memory", MemoryProperties.class))
                .rootCause().hasMessageContaining("wordvec.memory.native-mmap-threshold is 67108864 bytes");
        MemoryProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("wordvec.memory", MemoryProperties.class);
        assertThat(defaults.nativeMmapThreshold().toBytes()).isEqualTo(MIB);
    }

    /** Runs {@link #main} in a new JVM: whether glibc served the buffer from a mapping of its own. */
    private static boolean mappedInAFreshJvm(long threshold, long bytes) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), NativeHeapTests.class.getName(), Long.toString(threshold),
                Long.toString(bytes)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(output).isZero();
        String[] lines = output.split("\\R");
        return Boolean.parseBoolean(lines[lines.length - 1]);
    }

    /**
     * Fixes the threshold at args[0] bytes, then prints whether a buffer of args[1] bytes is a mapping
     * of its own: glibc marks such a chunk in the size word before it (bit 1, {@code IS_MMAPPED}),
     * which other threads' allocations cannot disturb, unlike a count of all mapped bytes.
     */
    public static void main(String[] args) {
        if (NativeHeap.fixMmapThreshold(Long.parseLong(args[0]), Map.of()) != NativeHeap.Outcome.FIXED) {
            throw new IllegalStateException("mallopt refused " + args[0]);
        }
        long buffer = Native.malloc(Long.parseLong(args[1]));
        try {
            System.out.println((new Pointer(buffer).getLong(-8) & 2) != 0);
        } finally {
            Native.free(buffer);
        }
    }
}
