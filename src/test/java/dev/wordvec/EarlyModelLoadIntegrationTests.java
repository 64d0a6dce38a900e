package dev.wordvec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wordvec.models.EarlyModels;
import dev.wordvec.models.ModelLoadException;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.ModelStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The service started as {@code main} starts it: the models begin loading before the context, and
 * the context takes that registry over; a failed start frees it, and a model that cannot load
 * stops the start as it does without the early load.
 */
class EarlyModelLoadIntegrationTests {

    private static final String GLOVE = "wordvec.models.m.path=src/test/resources/fixtures/test_glove.txt";

    @TempDir
    Path tmp;

    private final EarlyModelLoad listener = new EarlyModelLoad();

    private SpringApplication application() {
        SpringApplication application = new SpringApplication(WordvecApplication.class);
        application.addListeners(listener);
        return application;
    }

    @Test
    void theContextServesTheRegistryWhoseModelsStartedLoadingBeforeIt() {
        try (ConfigurableApplicationContext context = application().run("--server.port=0", "--" + GLOVE,
                "--wordvec.cache=false")) {
            EarlyModels early = listener.early();
            assertThat(early).isNotNull();
            ModelRegistry registry = context.getBean(ModelRegistry.class);
            assertThat(registry).isSameAs(early.registry());
            assertThat(registry.require("m").words().dimension()).isEqualTo(50);
        }
    }

    /** A Kubernetes service named wordvec-models sets WORDVEC_MODELS_PORT, which is no model: bound as the context binds. */
    @Test
    void aServiceVariableOfThePlatformDoesNotStopTheEarlyLoad() {
        SpringApplication application = application();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("WORDVEC_MODELS_PORT", "tcp://10.0.0.1:8080", "WORDVEC_MODELS_SERVICE_HOST", "10.0.0.1")));
        application.setEnvironment(environment);
        try (ConfigurableApplicationContext context = application.run("--server.port=0", "--" + GLOVE,
                "--wordvec.cache=false")) {
            assertThat(listener.early()).isNotNull();
            ModelRegistry registry = context.getBean(ModelRegistry.class);
            assertThat(registry).isSameAs(listener.early().registry());
            assertThat(registry.handles()).extracting(handle -> handle.name()).containsExactly("m");
        }
    }

    @Test
    void aModelThatCannotLoadStillStopsTheStartNamingFileAndLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("short.vec"), "3 2\nfoo 1 2\nbar 3 4\n");
        Throwable failure = catchThrowable(() -> application().run("--server.port=0",
                "--wordvec.models.m.path=" + file, "--wordvec.cache=false").close());
        assertThat(listener.early()).isNotNull();
        assertThat(failure).isInstanceOf(ModelLoadException.class)
                .hasMessage("Cannot load model file " + file + ", line 4: unexpected end of file after 2 of the 3 rows "
                        + "the header announces (truncated file?)");
    }

    @Test
    void aStartThatFailsAfterTheEarlyLoadFreesItsModels() throws Exception {
        // The models' settings are good, so they start loading; an HTTP setting then fails the context.
        Throwable failure = catchThrowable(() -> application().run("--server.port=0", "--" + GLOVE,
                "--wordvec.cache=false", "--wordvec.http.heavy-wait=soon").close());
        assertThat(failure).isNotNull();
        ModelRegistry early = listener.early().registry();
        early.awaitLoaded();
        assertThat(early.handle("m").status()).isEqualTo(ModelStatus.PENDING);
        assertThat(early.handle("m").loaded()).isEmpty();
    }

    @Test
    void aValueOutOfBoundsLoadsNothingEarlyAndStopsTheStart() {
        Throwable failure = catchThrowable(() -> application().run("--server.port=0", "--" + GLOVE,
                "--wordvec.cache=false", "--wordvec.batching.workers=0").close());
        assertThat(failure).isNotNull();
        assertThat(listener.early()).isNull();
    }
}
