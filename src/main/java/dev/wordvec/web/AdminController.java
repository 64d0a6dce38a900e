package dev.wordvec.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.wordvec.http.HttpProperties;
import dev.wordvec.http.ProblemWriter;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.ModelSummary;
import dev.wordvec.models.WordvecProperties;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Swaps a model without a restart: {@code POST /admin/models/{name}/reload}. Served only when
 * {@code wordvec.admin.enabled} is true, and then only with API keys set, so it is never open.
 * The switch is read here, at start, rather than by a condition on the bean: with Spring AOT (the
 * container image) bean conditions are settled when the jar is built, which left the route out of
 * the image whatever the setting.
 */
@RestController
@Tag(name = "models")
class AdminController {

    private final ModelRegistry registry;
    private final boolean enabled;

    AdminController(ModelRegistry registry, WordvecProperties properties, HttpProperties http) {
        this.enabled = properties.admin().enabled();
        if (enabled && http.apiKeys().isEmpty()) {
            throw new IllegalStateException("wordvec.admin.enabled needs wordvec.http.api-keys: the reload route "
                    + "must not be open to anyone who can reach the port");
        }
        this.registry = registry;
    }

    @Operation(summary = "Reload a model from its file, without a restart", description = """
            Loads the file again beside the model answering now, then swaps it in at once. Requests that took \
            the model before the swap finish on the old version, whose memory is freed once they have ended and \
            `wordvec.admin.reload-grace` (30 s) is over. \
            A file that cannot be loaded leaves the old version answering: 422 with the reason. 409 while the \
            model is loading or being reloaded. 404 unless the service runs with `wordvec.admin.enabled` (which \
            needs API keys). Answers the model as `/models` lists it, with its new `version`.""")
    @Problems({404, 409, 422})
    @ApiResponse(responseCode = "200", description = "The model as `GET /models` lists it, with its new `version`",
            content = @Content(schema = @Schema(implementation = ModelSummary.class)))
    @PostMapping("/admin/models/{name}/reload")
    ResponseEntity<?> reload(@PathVariable String name) {
        if (!enabled) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemWriter.problem(HttpStatus.NOT_FOUND,
                    "admin-off", "The reload route is off",
                    "POST /admin/models/{name}/reload is served only when wordvec.admin.enabled is true "
                            + "(with wordvec.http.api-keys set)"));
        }
        registry.handle(name);
        try {
            registry.reload(name);
        } catch (IllegalStateException e) {
            ProblemDetail problem = ProblemWriter.problem(HttpStatus.CONFLICT, "reload-conflict", "Cannot reload now",
                    e.getMessage());
            problem.setProperty("model", name);
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        ModelSummary summary = registry.summaries().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow();
        return ResponseEntity.ok(summary);
    }
}
