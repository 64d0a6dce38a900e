package dev.wordvec.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapCompactionTests {

    /**
     * A phase that grew the heap (600 MB of arrays, then dropped), then compaction: the heap the
     * JVM keeps committed comes back near what is live, not the 600 MB the phase needed.
     */
    @Test
    void aHeapGrownByAPhaseShrinksBackToWhatIsLive() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean g1 = "true".equals(vm.getVMOption("UseG1GC").getValue());
        List<byte[]> phase = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            phase.add(new byte[1 << 20]);
        }
        long grown = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        assertThat(grown).isGreaterThan(600L << 20);
        phase = null;

        List<String> set = HeapCompaction.compact();

        MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        if (g1) {
            // Set here unless another test (or the command line) set it first; either way no longer the default 70.
            assertThat(set).isSubsetOf("MinHeapFreeRatio=10", "MaxHeapFreeRatio=30");
            assertThat(vm.getVMOption("MaxHeapFreeRatio").getValue()).isNotEqualTo("70");
            // G1 keeps at least its initial size (a 64th of the machine's memory by default).
            long floor = Math.max(after.getInit(), (long) (after.getUsed() / 0.7));
            assertThat(after.getCommitted()).as("committed after, grown was %d", grown).isLessThan(floor + (64L << 20));
        }
        assertThat(after.getCommitted()).isLessThan(grown);
    }
}
