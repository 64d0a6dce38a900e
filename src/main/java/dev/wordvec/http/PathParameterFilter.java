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
 * Refuses a raw {@code ;} in the path. URLs use it for path parameters, which the servlet stack
 * strips before routing: {@code /vector/a;b} would silently answer for {@code a}. A word with a
 * semicolon is sent as {@code %3B}.
 */
class PathParameterFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    PathParameterFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().indexOf(';') >= 0) {
            ProblemWriter.write(response, json, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "the path contains ';', which URLs reserve for path parameters (they would be cut from the word); "
                            + "send a ';' in a word as %3B", Map.of("field", "path"));
            return;
        }
        chain.doFilter(request, response);
    }
}
