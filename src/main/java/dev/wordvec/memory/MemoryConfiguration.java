package dev.wordvec.memory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MemoryConfiguration {

    /** Stopped by Spring at shutdown (it has a close method). */
    @Bean
    IdleMemoryRelease idleMemoryRelease(MemoryProperties properties) {
        return IdleMemoryRelease.start(properties.releaseWhenIdle());
    }

    /** At ready, not before: the start-up's many large buffers are better served by glibc's moving threshold. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> nativeMmapThreshold(MemoryProperties properties) {
        return ready -> NativeHeap.fixMmapThreshold(properties.nativeMmapThreshold().toBytes(), System.getenv());
    }
}
