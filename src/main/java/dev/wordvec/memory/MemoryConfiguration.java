package dev.wordvec.memory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MemoryConfiguration {

    /** Stopped by Spring at shutdown (it has a close method). */
    @Bean
    IdleMemoryRelease idleMemoryRelease(MemoryProperties properties) {
        return IdleMemoryRelease.start(properties.releaseWhenIdle());
    }
}
