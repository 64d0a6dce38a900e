package dev.wordvec.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class NativeHeapTests {

    private static final long MIB = 1024 * 1024;

    /** glibc's {@code struct mallinfo2}: ten size_t fields, of which the mapped chunks' bytes. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }

    /**
     * In a JVM of its own, whose arenas hold only what its start needed: with the threshold fixed at
     * 128 KiB a 24 MiB buffer is a mapping of its own; with it at 32 MiB, it comes from an arena.
     */
    @Test
    void onGlibcAFixedThresholdServesALargeBufferFromAMappingOfItsOwn() throws Exception {
        if (!Platform.isLinux()) {
            assertThat(NativeHeap.fixMmapThreshold(128 * 1024, Map.of())).isEqualTo(NativeHeap.Outcome.UNAVAILABLE);
            return;
        }
        assertThat(mappedInAFreshJvm(128 * 1024, 24 * MIB)).isGreaterThanOrEqualTo(24 * MIB);
        assertThat(mappedInAFreshJvm(32 * MIB, 24 * MIB)).isZero();
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
        assertThat(defaults.nativeMmapThreshold().toBytes()).isEqualTo(128 * 1024);
    }

    /** Runs {@link #main} in a new JVM: how many bytes a held buffer added to glibc's mappings. */
    private static long mappedInAFreshJvm(long threshold, long bytes) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), NativeHeapTests.class.getName(), Long.toString(threshold),
                Long.toString(bytes)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(output).isZero();
        String[] lines = output.split("\\R");
        return Long.parseLong(lines[lines.length - 1]);
    }

    /** Fixes the threshold at args[0] bytes, then prints how much a buffer of args[1] bytes adds to the mappings. */
    public static void main(String[] args) {
        if (NativeHeap.fixMmapThreshold(Long.parseLong(args[0]), Map.of()) != NativeHeap.Outcome.FIXED) {
            throw new IllegalStateException("mallopt refused " + args[0]);
        }
        long bytes = Long.parseLong(args[1]);
        long before = mallinfo2().hblkhd;
        long buffer = Native.malloc(bytes);
        try {
            System.out.println(mallinfo2().hblkhd - before);
        } finally {
            Native.free(buffer);
        }
    }

    private static MallInfo2 mallinfo2() {
        Function function = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallinfo2");
        return (MallInfo2) function.invoke(MallInfo2.class, new Object[0]);
    }
}
