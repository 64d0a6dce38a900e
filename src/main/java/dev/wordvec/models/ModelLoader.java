package dev.wordvec.models;

import dev.wordvec.formats.ModelFileException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Waits for the configured models, which started loading when the registry was created. Spring
 * reports readiness only after its runners finish, so {@code /readyz} stays DOWN (and
 * {@code /livez} UP) while a big model loads; a model that fails to load stops the start-up. Then
 * it lets the converted copies of parsed files be written, which until then would have competed
 * with the rest of the start for the cores, and once they are, collects what the loads left.
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
        registry.startLoading(properties.intraOpThreads());
        try {
            registry.awaitLoaded();
        } catch (ModelFileException e) {
            // Named, so that the report can say which model's settings to change; the registry's close
            // lets the copies of those that loaded be written.
            ModelHandle failed = registry.handles().stream().filter(handle -> handle.status() == ModelStatus.FAILED)
                    .findFirst().orElse(null);
            throw failed == null ? new ModelLoadException(null, null, false, e)
                    : new ModelLoadException(failed.name(), failed.kind(), failed.fetched(), e);
        }
        registry.finishStartup();
    }
}
