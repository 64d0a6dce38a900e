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
 * Registered for the health paths only: no other request passes through it.
 */
class HealthComponentFilter extends OncePerRequestFilter {

    static final String[] PATHS = {"/actuator/health/*"};

    private final JsonMapper json;

    HealthComponentFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.NOT_FOUND.value() && response.getContentType() == null
                && !response.isCommitted() && !"HEAD".equals(request.getMethod())) {
            String path = RequestPaths.within(request);
            ProblemWriter.write(response, json, HttpStatus.NOT_FOUND, "no-route", "No such health component",
                    "no health component at " + path + "; GET /actuator/health lists the components", Map.of());
        }
    }
}
