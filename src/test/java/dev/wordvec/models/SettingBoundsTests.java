package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;

/** The bounds of the wordvec.* numbers, checked as Spring Boot binds them. */
class SettingBoundsTests {

    private static WordvecProperties bind(Map<String, String> settings) {
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        return binder.bindOrCreate("wordvec", Bindable.of(WordvecProperties.class),
                new ValidationBindHandler(new SettingBounds()));
    }

    @Test
    void everyValueOutOfBoundsIsReportedAtOnceWithItsPath() {
        Map<String, String> settings = Map.of("wordvec.intra-op-threads", "0", "wordvec.batching.max-wait-micros", "-1",
                "wordvec.limits.max-k", "0", "wordvec.catalogue.attempts", "0",
                "wordvec.models.a.path", "a.txt", "wordvec.models.a.hnsw.m", "513", "wordvec.models.a.max-tokens", "-2",
                "wordvec.models.Big_1.path", "b.txt", "wordvec.models.Big_1.hnsw.beam-width", "0",
                "wordvec.models.Big_1.limit", "-3");
        assertThatThrownBy(() -> bind(settings)).isInstanceOf(BindException.class)
                .cause().isInstanceOfSatisfying(BindValidationException.class, invalid -> {
                    assertThat(invalid.getValidationErrors().getName().toString()).isEqualTo("wordvec");
                    assertThat(invalid.getValidationErrors().getAllErrors()).map(e -> {
                        FieldError field = (FieldError) e;
                        return field.getField() + ": " + field.getDefaultMessage();
                    }).containsExactlyInAnyOrder(
                            "intraOpThreads: must be greater than or equal to 1",
                            "batching.maxWaitMicros: must be greater than or equal to 0",
                            "limits.maxK: must be greater than or equal to 1",
                            "catalogue.attempts: must be greater than or equal to 1",
                            "models[a].maxTokens: must be greater than or equal to 0",
                            "models[a].hnsw.m: must be less than or equal to 512",
                            "models[Big_1].limit: must be greater than or equal to 0",
                            "models[Big_1].hnsw.beamWidth: must be greater than or equal to 1");
                });
    }

    @Test
    void valuesAtTheirBoundsAndTheDefaultsBind() {
        WordvecProperties atBounds = bind(Map.of("wordvec.intra-op-threads", "1",
                "wordvec.batching.max-wait-micros", "0",
                "wordvec.models.a.path", "a.txt", "wordvec.models.a.hnsw.m", "512", "wordvec.models.a.hnsw.beam-width",
                "3200", "wordvec.models.a.max-tokens", "0", "wordvec.models.b.path", "b.txt",
                "wordvec.models.b.hnsw.m", "2"));
        assertThat(atBounds.models().get("a").hnsw().m()).isEqualTo(512);
        assertThat(atBounds.models().get("b").hnsw().m()).isEqualTo(2);
        assertThat(bind(new HashMap<>()).limits().maxK()).isEqualTo(1000);
    }

    record Unchecked(@NotBlank String name) {
    }

    record Fraction(@Max(1) double share) {
    }

    @Test
    void aBoundOnAFractionIsRefusedNotComparedAsAWholeNumber() {
        MapBindingResult errors = new MapBindingResult(new HashMap<>(), "x");
        assertThatThrownBy(() -> new SettingBounds().validate(new Fraction(1.5), errors))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Fraction.share")
                .hasMessageContaining("whole numbers, not double");
    }

    @Test
    void aConstraintItDoesNotCheckIsRefusedNotIgnored() {
        MapBindingResult errors = new MapBindingResult(new HashMap<>(), "x");
        assertThatThrownBy(() -> new SettingBounds().validate(new Unchecked(""), errors))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Unchecked.name")
                .hasMessageContaining("@Min and @Max only");
    }

    @Test
    void theContextualQueuesMemoryIsHalfTheHeapUnlessSetAndASizeOfNothingIsRefused() {
        assertThat(bind(Map.of()).batching().queueBudget().limit()).isEqualTo(Runtime.getRuntime().maxMemory() / 2);
        assertThat(bind(Map.of("wordvec.batching.queued-text-memory", "200MB")).batching().queueBudget().limit())
                .isEqualTo(200L << 20);
        assertThatThrownBy(() -> bind(Map.of("wordvec.batching.queued-text-memory", "0B")).batching().queueBudget())
                .isInstanceOfSatisfying(ModelConfigurationException.class, e -> {
                    assertThat(e).hasMessage("wordvec.batching.queued-text-memory must be at least 1 byte, was 0B");
                    assertThat(e.action()).contains("leave it unset for half the heap");
                });
    }
}
