package dev.wordvec.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actuator's health endpoint answers a component it does not have ({@code /actuator/health/foo})
 * with a 404 and no body at all; every other error is a problem, so this one gets one too.
 * Registered for the actuator's paths only (not its health paths alone: Tomcat matches filters
 * against the path with its dot segments resolved, so {@code /actuator/health/%2E%2E} would slip
 * past), and acts on the health paths as they were asked for.
 */
public final class HealthComponentFilter extends OncePerRequestFilter {

    private final ServicePaths paths;
    private final JsonMapper json;

    HealthComponentFilter(ServicePaths paths, JsonMapper json) {
        this.paths = paths;
        this.json = json;
    }

    /** The servlet URL pattern of actuator's paths, where the filter is registered. */
    String urlPattern() {
        return paths.actuator() + "/*";
    }

    /**
     * The detail of the 404 for a health component the service does not have, at {@code path}
     * (within the service, which answers beneath {@code contextPath}).
     */
    public static String noComponent(String path, ServicePaths paths, String contextPath) {
        return "no health component at " + contextPath + path + "; GET " + contextPath + paths.health()
                + " lists the components";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        String path = RequestPaths.within(request);
        boolean bare = response.getStatus() == HttpStatus.NOT_FOUND.value() && response.getContentType() == null
                && !response.isCommitted();
        if (bare && paths.isHealthComponent(path) && !"HEAD".equals(request.getMethod())) {
            ProblemWriter.write(response, json, HttpStatus.NOT_FOUND, "no-route", "No such health component",
                    noComponent(path, paths, request.getContextPath()), Map.of());
        }
    }
}
