package dev.wordvec;

import dev.wordvec.models.EarlyModels;
import dev.wordvec.models.WordvecProperties;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Starts loading the models as soon as the configuration is read and logging is set up, instead
 * of when the context creates the registry, about four seconds later on two cores: a text
 * model's parse then runs beside the rest of Spring's start. The registry is handed to the
 * context ({@link EarlyModels}), which takes it over if its configuration binds the same.
 * A configuration that cannot be bound or cannot work is left to the usual start-up, which
 * reports it.
 */
final class EarlyModelLoad implements SmartApplicationListener {

    private EarlyModels early;

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> type) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            if (Boolean.getBoolean("spring.aot.processing")) {
                return; // the build's AOT step runs the application up to its context: no models
            }
            try {
                WordvecProperties properties = EarlyModels.bind(Binder.get(prepared.getEnvironment()));
                early = EarlyModels.start(properties);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(EarlyModelLoad.class).debug("Models not loaded early: {}", e.toString());
            }
        } else if (event instanceof ApplicationPreparedEvent prepared && early != null) {
            prepared.getApplicationContext().getBeanFactory().registerSingleton("earlyModels", early);
        } else if (event instanceof ApplicationFailedEvent && early != null) {
            early.closeUnlessAdopted();
        }
    }

    /** The models started early, if they were (for tests). */
    EarlyModels early() {
        return early;
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 2;
    }
}
