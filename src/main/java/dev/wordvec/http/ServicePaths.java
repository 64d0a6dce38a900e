package dev.wordvec.http;

import java.util.List;
import org.springframework.core.env.Environment;

/**
 * Where actuator and the API documents answer: their defaults, or where Spring's own settings
 * ({@code management.endpoints.web.base-path}, {@code springdoc.api-docs.path},
 * {@code springdoc.swagger-ui.path}) move them. What is left open to callers without a key, and
 * the health components' problem, follow these rather than the default paths.
 *
 * @param actuator actuator's base path, without a final {@code /} (empty when it is {@code /})
 * @param apiDocs the OpenAPI document's path
 * @param swaggerUi the path that opens Swagger UI; its files are in {@code swagger-ui/} beside it
 */
public record ServicePaths(String actuator, String apiDocs, String swaggerUi) {

    /** The paths as {@code environment} sets them. */
    public static ServicePaths from(Environment environment) {
        return new ServicePaths(withoutFinalSlash(environment.getProperty("management.endpoints.web.base-path",
                "/actuator")), environment.getProperty("springdoc.api-docs.path", "/v3/api-docs"),
                environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html"));
    }

    private static String withoutFinalSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Actuator's health endpoint; its components are below it. */
    public String health() {
        return actuator + "/health";
    }

    /** Whether {@code path} (within the service) names a component of the health endpoint. */
    public boolean isHealthComponent(String path) {
        return path.startsWith(health() + "/");
    }

    /** The metrics, in Prometheus' format. */
    public String prometheus() {
        return actuator + "/prometheus";
    }

    /** The probes and the metrics: open to every caller, for orchestrators and scrapers hold no key. */
    List<String> probes() {
        return List.of("/livez", "/readyz", "/health", health(), prometheus());
    }

    /** Swagger UI's page, where {@code swaggerUi} redirects (springdoc serves its files beside that path). */
    public String swaggerUiPage() {
        return swaggerUiFiles() + "/index.html";
    }

    private String swaggerUiFiles() {
        return swaggerUi.substring(0, Math.max(0, swaggerUi.lastIndexOf('/'))) + "/swagger-ui";
    }

    /** The API document, Swagger UI (the path that opens it and its files) and the explorer page. */
    List<String> documents() {
        return List.of(apiDocs, swaggerUi, swaggerUiFiles(), "/", "/index.html", "/explorer");
    }
}
