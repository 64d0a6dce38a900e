package dev.wordvec.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JVM's manageable flags, set at run time where the command line left them at their defaults. */
final class JvmFlags {

    private static final Logger log = LoggerFactory.getLogger(JvmFlags.class);

    private JvmFlags() {
    }

    /** Whether the JVM runs G1, the collector the heap flags here are tuned for. */
    static boolean usesG1() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return vm != null && "true".equals(vm.getVMOption("UseG1GC").getValue());
    }

    /**
     * {@code MinHeapFreeRatio} / {@code MaxHeapFreeRatio} 10 / 30 instead of 40 / 70, where still
     * at their defaults: after a collection G1 keeps at most 30% of its heap free, so it shrinks to
     * what is live.
     */
    static void tightenHeapFreeRatios(List<String> set) {
        // Min before Max: the JVM refuses a Max below the Min in force.
        setIfDefault("MinHeapFreeRatio", "10", set);
        setIfDefault("MaxHeapFreeRatio", "30", set);
    }

    /** Sets {@code flag} to {@code value} if it is still the JVM's default, and adds {@code flag=value} to {@code set}. */
    static void setIfDefault(String flag, String value, List<String> set) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        try {
            if (vm != null && vm.getVMOption(flag).getOrigin() == VMOption.Origin.DEFAULT) {
                vm.setVMOption(flag, value);
                set.add(flag + "=" + value);
            }
        } catch (IllegalArgumentException e) {
            // Not this JVM's flag, or a value it refuses next to one set on the command line.
            log.debug("Could not set {}={}: {}", flag, value, e.getMessage());
        }
    }
}
