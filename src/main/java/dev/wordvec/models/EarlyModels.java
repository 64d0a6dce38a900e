package dev.wordvec.models;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;

/**
 * A registry whose models started loading before the application context existed, from the
 * configuration as the environment gave it then (bound and checked as the context will). The
 * {@code modelRegistry} bean adopts it when the configuration Spring binds is the same, which it
 * is unless something changed the environment in between; otherwise it is closed and a registry
 * made from the bound configuration loads from the start.
 *
 * <p>Why: a text model's parse is most of a start from the text, and the context takes seconds to
 * reach the registry; on two cores those seconds are partly idle.
 */
public final class EarlyModels {

    private static final Logger log = LoggerFactory.getLogger(EarlyModels.class);

    private final WordvecProperties properties;
    private final ModelRegistry registry;
    private boolean settled;

    private EarlyModels(WordvecProperties properties, ModelRegistry registry) {
        this.properties = properties;
        this.registry = registry;
    }

    /**
     * The configuration as the context will bind it: with the same handling of settings nothing
     * reads and of the platform's service variables ({@link UnknownSettings}), and the same bounds
     * ({@link SettingBounds}), so that no model starts loading with a value the start will refuse.
     */
    public static WordvecProperties bind(Binder binder) {
        return binder.bindOrCreate("wordvec", Bindable.of(WordvecProperties.class),
                new ValidationBindHandler(new UnknownSettings(BindHandler.DEFAULT), new SettingBounds()));
    }

    /** Creates the registry for {@code properties} and starts loading its models. */
    public static EarlyModels start(WordvecProperties properties) {
        ModelRegistry registry = new ModelRegistry(properties);
        registry.holdConvertedCopies();
        registry.startLoading(properties.intraOpThreads());
        return new EarlyModels(properties, registry);
    }

    /** The registry whose models started loading early. */
    public ModelRegistry registry() {
        return registry;
    }

    /** The early registry if it was made from {@code bound}; else null, and the early one is closed. */
    synchronized ModelRegistry adopt(WordvecProperties bound) {
        if (settled) {
            return null;
        }
        settled = true;
        if (bound.equals(properties)) {
            return registry;
        }
        log.info("The configuration changed after the models started loading early: loading them again");
        registry.close();
        return null;
    }

    /** Closes the early registry unless the application took it (start-up failed before it could). */
    public synchronized void closeUnlessAdopted() {
        if (!settled) {
            settled = true;
            registry.close();
        }
    }
}
