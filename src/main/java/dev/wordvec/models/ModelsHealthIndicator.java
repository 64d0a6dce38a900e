package dev.wordvec.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports {@code models} in the health endpoint and the readiness group: UP when every model
 * answers, OUT_OF_SERVICE while one loads, DOWN when one failed; with each model's status.
 */
@Component("models")
class ModelsHealthIndicator implements HealthIndicator {

    private final ModelRegistry registry;

    ModelsHealthIndicator(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Map<String, Object> models = new LinkedHashMap<>();
        boolean failed = false;
        for (ModelHandle handle : registry.handles()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", handle.status().name().toLowerCase());
            handle.progress().ifPresent(p -> detail.put("rows", p.rows()));
            handle.failure().ifPresent(f -> detail.put("error", f));
            SourceState source = handle.sourceState();
            if (source != SourceState.UNKNOWN) {
                // Informational: a changed or missing file does not stop the model answering.
                detail.put("source", source.name().toLowerCase());
            }
            models.put(handle.name(), detail);
            failed |= handle.status() == ModelStatus.FAILED;
        }
        Health.Builder health = failed ? Health.down() : registry.allReady() ? Health.up() : Health.outOfService();
        return health.withDetail("default", registry.defaultName()).withDetail("models", models).build();
    }
}
