package dev.wordvec.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place an RFC 9457 problem body is made: by the API's exception handler (errors in
 * controllers), by the filters (before MVC) and by {@link ProblemErrorReportValve} (before Spring).
 */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    /**
     * Seconds a 503 asks a client to wait before it sends the request again, in both APIs' shapes:
     * for a model still loading, one closed under the request, or a full contextual queue.
     */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** The stable {@code type} of a kind of problem. */
    public static URI type(String name) {
        return URI.create("urn:wordvec:problem:" + name);
    }

    /**
     * The type of an error the servlet container found (a request it could not parse, a method it
     * refuses, a body it could not read), from the status it gave: 400 {@code malformed-request},
     * another 4xx {@code invalid-request}, else {@code server-error}.
     */
    public static String containerErrorType(int status) {
        return status == 400 ? "malformed-request" : status >= 400 && status < 500 ? "invalid-request" : "server-error";
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(type));
        problem.setTitle(title);
        return problem;
    }

    /** Writes a problem from a servlet filter, where an MVC exception handler cannot reach. */
    public static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String type, String title,
            String detail, Map<String, Object> properties) throws IOException {
        ProblemDetail problem = problem(status, type, title, detail);
        properties.forEach(problem::setProperty);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Writes a filter's refusal in the shape the request's client reads: {@code openAi} under
     * {@code /v1/}, whose clients parse only OpenAI's error shape, else the problem.
     */
    public static void writeFor(HttpServletRequest request, HttpServletResponse response, JsonMapper json,
            HttpStatus status, String type, String title, String detail, Map<String, Object> properties,
            OpenAiError openAi) throws IOException {
        if (forOpenAi(request)) {
            writeOpenAi(response, json, status, openAi);
        } else {
            write(response, json, status, type, title, detail, properties);
        }
    }

    /** Whether {@code request} is for the OpenAI route, whose clients parse only OpenAI's error shape. */
    public static boolean forOpenAi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/v1/");
    }

    /** Writes OpenAI's error body from a servlet filter. */
    public static void writeOpenAi(HttpServletResponse response, JsonMapper json, HttpStatus status, OpenAiError error)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), error);
    }
}
