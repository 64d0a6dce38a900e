package dev.wordvec.memory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code wordvec.memory.}.
 *
 * @param releaseWhenIdle after this long without a garbage collection, following some, the service
 *     counts as idle and gives back what the burst before left: on G1 (the JVM's default collector)
 *     a concurrent collection shrinks the heap, then glibc returns its free native memory to the
 *     system (default 10s; 0 turns it off). JVM flags set on the command line take precedence.
 */
@ConfigurationProperties("wordvec.memory")
public record MemoryProperties(@DefaultValue("10s") Duration releaseWhenIdle) {
}
