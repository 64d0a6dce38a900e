package dev.wordvec.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem from a servlet filter, where {@link ProblemHandler} (an MVC advice) cannot reach. */
final class FilterProblems {

    private FilterProblems() {
    }

    static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String type, String title,
            String detail, Map<String, Object> properties) throws IOException {
        ProblemDetail problem = ProblemHandler.problem(status, type, title, detail);
        properties.forEach(problem::setProperty);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
