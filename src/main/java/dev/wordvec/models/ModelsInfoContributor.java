package dev.wordvec.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Adds {@code models} to {@code /actuator/info}: each model's status, size and where it came from. */
@Component
class ModelsInfoContributor implements InfoContributor {

    private final ModelRegistry registry;

    ModelsInfoContributor(ModelRegistry registry) {
        this.registry = registry;
    }

    /** Each model's summary under the names this endpoint has always used ({@code words}, {@code loadMillis}). */
    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelSummary summary : registry.summaries()) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("status", summary.status());
            model.put("source", summary.source());
            if (summary.ready()) {
                model.put("format", summary.format());
                model.put("words", summary.vocabularySize());
                model.put("dimension", summary.dimension());
                model.put("dtype", summary.dtype());
                model.put("matrixBytes", summary.matrixBytes());
                model.put("loadMillis", summary.loadTimeMs());
            }
            models.put(summary.name(), model);
        }
        builder.withDetail("defaultModel", registry.defaultName()).withDetail("models", models);
    }
}
