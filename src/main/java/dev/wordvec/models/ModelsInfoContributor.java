package dev.wordvec.models;

import java.util.LinkedHashMap;
import java.util.Locale;
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

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelHandle handle : registry.handles()) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("status", handle.status().name().toLowerCase(Locale.ROOT));
            model.put("source", handle.source().location());
            handle.loaded().ifPresent(m -> {
                model.put("format", m.format().id());
                model.put("words", m.vectors().vocabulary().size());
                model.put("dimension", m.vectors().dimension());
                model.put("dtype", m.vectors().dtype().name().toLowerCase(Locale.ROOT));
                model.put("matrixBytes", m.vectors().matrixBytes());
                model.put("loadMillis", m.loadTime().toMillis());
            });
            models.put(handle.name(), model);
        }
        builder.withDetail("defaultModel", registry.defaultName()).withDetail("models", models);
    }
}
