package dev.wordvec;

import java.util.List;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Whether the service uses Spring AOT's bean definitions, which the build works out and the jar
 * carries: they save about a second and a half of a two-core start (2.5 s of CPU). Used when the
 * service runs from the packaged jar (not from a build's class directory, whose generated classes
 * may be older than the code), unless {@code -Dspring.aot.enabled} says otherwise.
 * <p>
 * But AOT settles every bean condition when the jar is built, with the jar's own configuration:
 * a management port of its own ({@code management.server.port}, which the Helm chart sets),
 * another set of exposed endpoints or springdoc switched off would be ignored without a word. Such
 * settings are all under a few prefixes; when one of them comes from anywhere but the jar's own
 * {@code application.yaml} (arguments, environment variables, a config file beside the jar,
 * {@code SPRING_APPLICATION_JSON}), the context is built the usual way and the log says why. The
 * decision is made once the configuration is read and before the context is created, which is
 * when Spring first asks whether to use the generated code.
 */
final class SpringAotChoice implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /**
     * Settings that Spring Boot's auto-configuration and springdoc read in bean conditions. Most of
     * {@code server.*} is read when the server is made, not in conditions; these two are not.
     */
    static final List<String> CONDITION_PREFIXES = List.of("management", "springdoc", "spring.main", "spring.mvc",
            "spring.web", "spring.http", "spring.threads", "spring.jmx", "spring.autoconfigure",
            "spring.application.admin", "spring.info", "spring.task", "server.forward-headers-strategy",
            "server.servlet.encoding");

    /** Turns AOT on for a start from the packaged jar that carries its classes, unless set either way. */
    static void preferInPackagedJar(Class<?> application) {
        java.net.URL self = application.getResource(application.getSimpleName() + ".class");
        boolean packaged = self != null && self.getProtocol().equals("jar");
        boolean generated = ClassUtils.isPresent(application.getName() + "__ApplicationContextInitializer",
                application.getClassLoader());
        if (packaged && generated && SpringProperties.getProperty(AotDetector.AOT_ENABLED) == null) {
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
        }
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!AotDetector.useGeneratedArtifacts()) {
            return;
        }
        TreeSet<String> changed = settingsChangingBeans(event.getEnvironment());
        if (changed.isEmpty()) {
            LoggerFactory.getLogger(SpringAotChoice.class).debug("Using Spring AOT's bean definitions from the build");
        } else {
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, "false");
            LoggerFactory.getLogger(SpringAotChoice.class).info("Starting without Spring AOT's build-time beans, "
                    + "since {} {} set at start and the build settled which beans exist without {}",
                    String.join(", ", changed), changed.size() == 1 ? "is" : "are", changed.size() == 1 ? "it" : "them");
        }
    }

    /** The condition settings that come from somewhere other than the jar's own configuration. */
    static TreeSet<String> settingsChangingBeans(ConfigurableEnvironment environment) {
        TreeSet<String> found = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (isTheJarsOwn(source) || !(source instanceof IterableConfigurationPropertySource names)) {
                continue;
            }
            names.stream().filter(SpringAotChoice::choosesBeans).map(ConfigurationPropertyName::toString)
                    .forEach(found::add);
        }
        return found;
    }

    private static final List<ConfigurationPropertyName> CONDITION_ROOTS = CONDITION_PREFIXES.stream()
            .map(ConfigurationPropertyName::of).toList();

    private static boolean choosesBeans(ConfigurationPropertyName name) {
        for (ConfigurationPropertyName root : CONDITION_ROOTS) {
            if (root.equals(name) || root.isAncestorOf(name)) {
                return true;
            }
        }
        return false;
    }

    /** The jar's application.yaml, which the build's AOT step read too. */
    private static boolean isTheJarsOwn(ConfigurationPropertySource source) {
        Object underlying = source.getUnderlyingSource();
        String name = underlying instanceof org.springframework.core.env.PropertySource<?> p ? p.getName() : "";
        return name.contains("class path resource [application.yaml]");
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
