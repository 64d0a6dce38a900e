package dev.wordvec.models;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ModelsConfiguration {

    /**
     * Closed by Spring at shutdown (it has a close method), which frees the engine's memory. The
     * models start loading as soon as the registry exists, while the rest of the application
     * starts; {@link ModelLoader} waits for them before the service reports ready.
     */
    @Bean
    ModelRegistry modelRegistry(WordvecProperties properties) {
        ModelRegistry registry = new ModelRegistry(properties);
        registry.startLoading(properties.intraOpThreads());
        return registry;
    }
}
