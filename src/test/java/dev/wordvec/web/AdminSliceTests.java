package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wordvec.http.HttpProperties;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.ModelSummary;
import dev.wordvec.models.WordvecProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.ProblemDetail;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;

/** {@code POST /admin/models/{name}/reload}: the new version, a failure that keeps the old one, a conflict. */
@WebMvcTest(controllers = AdminController.class, properties = {"wordvec.admin.enabled=true",
    "wordvec.http.api-keys=secret"})
@EnableConfigurationProperties({HttpProperties.class, WordvecProperties.class})
class AdminSliceTests {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelRegistry registry;

    @Test
    void aReloadAnswersTheModelWithItsNewVersion() throws Exception {
        given(registry.reload("m")).willReturn(2);
        given(registry.summaries()).willReturn(List.of(new ModelSummary("m", true, "ready", "words", "glove", "/models/m.txt",
                "unchanged", 10, 3, "float32", 120L, 5L, null, null, null, 2, "2026-11-30T09:00:00Z", null, null, null, null)));
        mvc.perform(post("/admin/models/m/reload")).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2)).andExpect(jsonPath("$.status").value("ready"));
    }

    @Test
    void aReloadThatCannotRunNowIsAConflict() throws Exception {
        willThrow(new IllegalStateException("a reload of model 'm' is already under way")).given(registry).reload(any());
        mvc.perform(post("/admin/models/m/reload")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:reload-conflict"))
                .andExpect(jsonPath("$.detail").value("a reload of model 'm' is already under way"));
    }

    @Test
    void aFailedReloadIs422AndNamesTheVersionStillAnswering() throws Exception {
        willThrow(new dev.wordvec.models.ModelReloadException("m", 1, new IllegalArgumentException("line 2: bad")))
                .given(registry).reload(any());
        mvc.perform(post("/admin/models/m/reload")).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:reload-failed"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.detail").value("model 'm' was not reloaded (version 1 keeps answering): line 2: bad"));
    }

    @Test
    void theRouteIsNeverOpen() {
        assertThatThrownBy(() -> new AdminController(registry, admin(true), http(List.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wordvec.http.api-keys");
    }

    /** Switched off, the route answers 404 and says how to switch it on; nothing is reloaded. */
    @Test
    void offTheRouteIsNotFoundAndSaysWhy() {
        var response = new AdminController(registry, admin(false), http(List.of("secret"))).reload("m");
        assertThat(response.getStatusCode().value()).isEqualTo(404);
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getType().toString()).isEqualTo("urn:wordvec:problem:admin-off");
        assertThat(problem.getDetail()).contains("wordvec.admin.enabled");
        org.mockito.Mockito.verifyNoInteractions(registry);
    }

    private static WordvecProperties admin(boolean enabled) {
        return new WordvecProperties(null, Map.of(), null, null, true, 1, null,
                new WordvecProperties.Admin(enabled, Duration.ofSeconds(30), Duration.ofSeconds(10)), null, null);
    }

    private static HttpProperties http(List<String> keys) {
        return new HttpProperties(keys, List.of(), DataSize.ofMegabytes(2), false, true, 0, Duration.ofSeconds(30),
                false, null);
    }
}
