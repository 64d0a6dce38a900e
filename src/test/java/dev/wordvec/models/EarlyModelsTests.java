package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.formats.ModelFormat;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry started before the context is taken over only for the configuration it was made from. */
class EarlyModelsTests {

    private static WordvecProperties properties(int maxK) {
        return new WordvecProperties(null, Map.of("m", WordvecProperties.Model.of("src/test/resources/fixtures/test_glove.txt",
                ModelFormat.AUTO)), new WordvecProperties.Limits(maxK, 10, 10, 10, 10), null, false, 1,
                new WordvecProperties.Batching(1, 8, 0, null),
                new WordvecProperties.Admin(false, Duration.ofSeconds(30),
                        Duration.ofSeconds(10)), new WordvecProperties.Catalogue(null, null, 3, Duration.ofMillis(50), null), null);
    }

    @Test
    void theSameConfigurationTakesTheEarlyRegistryOnce() throws Exception {
        EarlyModels early = EarlyModels.start(properties(10));
        try (ModelRegistry registry = early.adopt(properties(10))) {
            assertThat(registry).isSameAs(early.registry());
            registry.awaitLoaded();
            assertThat(registry.handle("m").status()).isEqualTo(ModelStatus.READY);
            assertThat(early.adopt(properties(10))).isNull();
            early.closeUnlessAdopted(); // taken: not closed
            assertThat(registry.handle("m").status()).isEqualTo(ModelStatus.READY);
        }
    }

    @Test
    void aChangedConfigurationClosesTheEarlyRegistry() throws Exception {
        EarlyModels early = EarlyModels.start(properties(10));
        assertThat(early.adopt(properties(20))).isNull();
        early.registry().awaitLoaded();
        assertThat(early.registry().handle("m").status()).isEqualTo(ModelStatus.PENDING);
    }
}
