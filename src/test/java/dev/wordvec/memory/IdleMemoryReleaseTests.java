package dev.wordvec.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdleMemoryReleaseTests {

    @Test
    void releasesOnceWhenCollectionsStopAfterSomeAndAgainAfterTheNextBurst() {
        AtomicLong collections = new AtomicLong(5);
        AtomicInteger releases = new AtomicInteger();
        IdleMemoryRelease watcher = new IdleMemoryRelease(collections::get, releases::incrementAndGet, null);

        // Idle from the start, with nothing to give back: no release.
        assertThat(watcher.check()).isFalse();
        assertThat(watcher.check()).isFalse();
        // A burst: the count moves, then stays.
        collections.addAndGet(7);
        assertThat(watcher.check()).isFalse();
        assertThat(watcher.check()).isTrue();
        assertThat(releases).hasValue(1);
        // Still idle: once per idle spell, not at every look.
        assertThat(watcher.check()).isFalse();
        assertThat(watcher.check()).isFalse();
        // Busy for a while (the count moves at every look), then idle again.
        collections.incrementAndGet();
        assertThat(watcher.check()).isFalse();
        collections.incrementAndGet();
        assertThat(watcher.check()).isFalse();
        assertThat(releases).hasValue(1);
        assertThat(watcher.check()).isTrue();
        assertThat(releases).hasValue(2);
    }

    @Test
    void theJvmTrimsItsNativeHeapWhenAsked() {
        // The DiagnosticCommand MBean's System.trim_native_heap (JDK 17.0.9+ and 21+, the JDKs we run on).
        assertThat(IdleMemoryRelease.trimNativeHeap()).startsWith("Trim native heap");
    }

    @Test
    void g1FlagsAreSetOnlyWhereTheyAreStillTheDefaults() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        // The test JVM runs with no GC flags on a machine of 2 cores and 24 GiB, so on G1, and
        // with these flags at their defaults unless another test here set them already.
        boolean g1 = "true".equals(vm.getVMOption("UseG1GC").getValue());
        boolean defaults = vm.getVMOption("G1PeriodicGCInterval").getOrigin() == VMOption.Origin.DEFAULT
                && vm.getVMOption("MaxHeapFreeRatio").getOrigin() == VMOption.Origin.DEFAULT;
        var set = IdleMemoryRelease.tuneG1(Duration.ofSeconds(7));
        if (g1 && defaults) {
            assertThat(set).containsExactly("G1PeriodicGCInterval=7000", "MinHeapFreeRatio=10", "MaxHeapFreeRatio=30");
            assertThat(vm.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo("7000");
            assertThat(vm.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("10");
            assertThat(vm.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("30");
        } else if (!g1) {
            assertThat(set).isEmpty();
        }
        // Once set, no longer defaults: a second call leaves them alone, as it does a command line's.
        assertThat(IdleMemoryRelease.tuneG1(Duration.ofSeconds(3))).isEmpty();
        if (g1) {
            assertThat(vm.getVMOption("G1PeriodicGCInterval").getValue()).isNotEqualTo("3000");
        }
    }

    @Test
    void zeroTurnsItOff() {
        try (IdleMemoryRelease off = IdleMemoryRelease.start(Duration.ZERO)) {
            assertThat(off.check()).isFalse();
        }
    }
}
