package dev.wordvec.memory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code wordvec.memory.}.
 *
 * @param releaseWhenIdle after this long without a garbage collection, following some, the service
 *     counts as idle and gives back what the burst before left: on G1 (the JVM's default collector)
 *     a concurrent collection shrinks the heap, then glibc returns its free native memory to the
 *     system (default 10s; 0 turns it off). JVM flags set on the command line take precedence.
 * @param nativeMmapThreshold once the service is ready, glibc serves native buffers of this size
 *     or more from mappings of their own, which go back to the system when freed, instead of
 *     raising that threshold as it goes and keeping them in its arenas (default 1MB: a
 *     400,000-word model's scores per query stay out of the arenas, while the smaller buffers of
 *     a search on a smaller model come from them instead of being mapped, faulted in and unmapped
 *     afresh on every query; at most 32MB; 0 leaves glibc's moving threshold). The environment
 *     variable {@code MALLOC_MMAP_THRESHOLD_} takes precedence. Linux with glibc only.
 */
@ConfigurationProperties(prefix = "wordvec.memory", ignoreUnknownFields = false)
public record MemoryProperties(@DefaultValue("10s") Duration releaseWhenIdle,
        @DefaultValue("1MB") DataSize nativeMmapThreshold) {

    public MemoryProperties {
        NativeHeap.requireAcceptable(nativeMmapThreshold.toBytes());
    }
}
