package dev.wordvec;

import dev.wordvec.vectors.PyTorchEngine;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Starts the PyTorch engine as soon as the configuration is read and logging is set up (so the
 * engine's own log lines come out in the configured format), about a second before the model
 * registry asks for it: on two cores that second is partly idle, and the engine's half second
 * of loading libtorch then no longer delays readiness.
 */
final class EarlyEngineStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (Boolean.getBoolean("spring.aot.processing")) {
            return; // the build's AOT step runs the application up to its context; no engine needed
        }
        int threads;
        try {
            threads = Binder.get(event.getEnvironment()).bind("wordvec.intra-op-threads", Integer.class).orElse(1);
        } catch (RuntimeException e) {
            threads = 1; // reported when the properties are bound for real
        }
        PyTorchEngine.startInBackground(Math.max(1, threads));
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
