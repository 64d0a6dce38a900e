package dev.wordvec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Spring AOT's build-time beans are dropped when, and only when, a setting that chooses beans is
 * given at start: the image's management port (the Helm chart's MANAGEMENT_SERVER_PORT) must open
 * a port, not be ignored; wordvec's own settings and the jar's configuration keep AOT.
 */
class SpringAotChoiceTests {

    private static final String JARS_OWN = "Config resource 'class path resource [application.yaml]' via location "
            + "'optional:classpath:/'";

    @Test
    void onlyConditionSettingsFromOutsideTheJarCount() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource(JARS_OWN,
                Map.of("management.endpoints.web.exposure.include", "health,info,prometheus",
                        "springdoc.api-docs.enabled", "true")));
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("MANAGEMENT_SERVER_PORT", "8081", "WORDVEC_ADMIN_ENABLED", "true", "HOME", "/root",
                        "SERVER_FORWARDHEADERSSTRATEGY", "framework", "SERVER_PORT", "8080")));
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(
                "--springdoc.swagger-ui.enabled=false", "--server.port=9000", "--wordvec.models.a.path=/a.txt"));

        assertThat(SpringAotChoice.settingsChangingBeans(environment))
                .containsExactly("management.server.port", "server.forwardheadersstrategy", "springdoc.swagger-ui.enabled");
    }

    @Test
    void theJarsOwnConfigurationKeepsAot() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource(JARS_OWN,
                Map.of("management.endpoint.health.probes.enabled", "true")));
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--server.port=9000"));
        assertThat(fallsBack(environment)).isFalse();
    }

    @Test
    void aManagementPortStartsWithoutAot() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--management.server.port=8081"));
        assertThat(fallsBack(environment)).isTrue();
    }

    /** Whether the listener, with AOT on as in the image, turns it off for {@code environment}. */
    private static boolean fallsBack(StandardEnvironment environment) {
        SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
        try {
            new SpringAotChoice().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
                    new SpringApplication(), new String[0], environment));
            return !AotDetector.useGeneratedArtifacts();
        } finally {
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
        }
    }
}
