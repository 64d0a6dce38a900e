package dev.wordvec.models;

import dev.wordvec.formats.ModelFileException;
import dev.wordvec.vectors.PyTorchEngine;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the configured models once the web server is up. Spring reports readiness only after
 * its runners finish, so {@code /readyz} stays DOWN (and {@code /livez} UP) while a big model
 * loads; a model that fails to load stops the start-up.
 */
@Component
class ModelLoader implements ApplicationRunner {

    private final ModelRegistry registry;
    private final WordvecProperties properties;

    ModelLoader(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Start the engine on this (main) thread: a first DJL use from a pool thread can fail to find it.
        PyTorchEngine.configureThreads(properties.intraOpThreads());
        PyTorchEngine.get();
        try {
            registry.loadAll();
        } catch (ModelFileException e) {
            throw new ModelLoadException(e);
        }
    }
}
