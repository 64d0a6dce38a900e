package dev.wordvec.models;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ModelsConfiguration {

    /** Closed by Spring at shutdown (it has a close method), which frees the engine's memory. */
    @Bean
    ModelRegistry modelRegistry(WordvecProperties properties) {
        return new ModelRegistry(properties);
    }
}
