package dev.wordvec.http;

import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;
import tools.jackson.databind.json.JsonMapper;

/** Spring's CORS checks, with a refused origin told why as a problem rather than in plain text. */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final JsonMapper json;

    ProblemCorsProcessor(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        var servlet = ((ServletServerHttpResponse) response).getServletResponse();
        HttpHeaders headers = response.getHeaders(); // the Vary headers set so far, not yet written
        headers.forEach((name, values) -> values.forEach(value -> servlet.addHeader(name, value)));
        ProblemWriter.write(servlet, json, HttpStatus.FORBIDDEN, "origin-not-allowed", "Origin not allowed",
                "this origin may not call the service from a browser (wordvec.http.cors-origins lists the ones that may)",
                Map.of());
    }
}
