package dev.wordvec.models;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;

/**
 * Refuses a {@code wordvec.*} setting that nothing reads ({@code wordvec.models.glove.dtpye},
 * {@code wordvec.htp.api-keys}), which Spring Boot would otherwise ignore: the model would load
 * in float32, the service would run without keys, and nothing would say why. The start fails with
 * Spring Boot's own report (the setting, its value and where it was set: the file and line, or the
 * command line). The sections bound by classes of their own ({@code wordvec.http},
 * {@code wordvec.tei}, {@code wordvec.memory}) refuse their unknown settings themselves
 * ({@code ignoreUnknownFields = false}); this handler does it for the rest of {@code wordvec}. As
 * Spring Boot does, it leaves environment variables and system properties alone: a Kubernetes
 * service named {@code wordvec} puts {@code WORDVEC_PORT} and the like into every pod.
 */
final class UnknownSettings extends AbstractBindHandler {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("wordvec");
    /** Sections with their own properties class, which checks them. */
    private static final List<ConfigurationPropertyName> BOUND_ELSEWHERE = List.of(ConfigurationPropertyName.of("wordvec.http"),
            ConfigurationPropertyName.of("wordvec.tei"), ConfigurationPropertyName.of("wordvec.memory"));

    /** Records what was bound and reports the rest; used beside the parent chain, never instead of it. */
    private final NoUnboundElementsBindHandler check = new NoUnboundElementsBindHandler(BindHandler.DEFAULT,
            new UnboundElementsSourceFilter());
    private boolean root;

    UnknownSettings(BindHandler parent) {
        super(parent);
    }

    @Override
    public <T> @Nullable Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
        if (context.getDepth() == 0) {
            root = name.equals(ROOT);
        }
        Bindable<T> started = super.onStart(name, target, context);
        if (root && started != null) {
            check.onStart(name, started, context);
        }
        return started;
    }

    @Override
    public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
            Object result) {
        Object bound = super.onSuccess(name, target, context, result);
        if (root && bound != null) {
            check.onSuccess(name, target, context, bound);
        }
        return bound;
    }

    @Override
    public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
            @Nullable Object result) throws Exception {
        super.onFinish(name, target, context, result);
        if (!root || context.getDepth() != 0) {
            return;
        }
        try {
            check.onFinish(name, target, context, result);
        } catch (UnboundConfigurationPropertiesException e) {
            Set<ConfigurationProperty> unknown = e.getUnboundProperties().stream()
                    .filter(property -> !boundElsewhere(property.getName()))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!unknown.isEmpty()) {
                throw new UnboundConfigurationPropertiesException(unknown);
            }
        }
    }

    private static boolean boundElsewhere(ConfigurationPropertyName name) {
        return BOUND_ELSEWHERE.stream().anyMatch(section -> section.isAncestorOf(name));
    }
}
