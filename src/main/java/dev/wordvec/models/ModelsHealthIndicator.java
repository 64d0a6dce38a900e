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
        boolean ready = true;
        for (ModelSummary summary : registry.summaries()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", summary.status());
            if (summary.progress() != null) {
                // waiting, downloading, reading or indexing: a readiness probe's reader sees why it is not ready yet.
                detail.put("stage", summary.progress().stage());
                detail.put("rows", summary.progress().rows());
                if (summary.progress().percent() != null) {
                    detail.put("percent", summary.progress().percent());
                }
            }
            if (summary.error() != null) {
                detail.put("error", summary.error());
            }
            if (summary.sourceState() != null && !summary.sourceState().equals("unknown")) {
                // Informational: a changed or missing file does not stop the model answering.
                detail.put("source", summary.sourceState());
            }
            models.put(summary.name(), detail);
            failed |= summary.error() != null;
            ready &= summary.ready();
        }
        Health.Builder health = failed ? Health.down() : ready ? Health.up() : Health.outOfService();
        return health.withDetail("default", registry.defaultName()).withDetail("models", models).build();
    }
}
