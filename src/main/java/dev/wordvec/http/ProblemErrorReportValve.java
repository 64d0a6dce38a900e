package dev.wordvec.http;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the errors Tomcat finds before a request reaches Spring (a URL with bad
 * percent-encoding, a header over the size limit, an encoded NUL or backslash) with a problem
 * body, like every other error, instead of Tomcat's HTML page.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    /** Spring's problem mix-in: the same body as every other problem (no null instance or properties). */
    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status == 400
                ? "the request could not be parsed: check the URL's percent-encoding (a literal % is %25; "
                        + "%00, %5C and malformed UTF-8 are refused) and the size of the headers (8 KB in all)"
                : "the server could not handle the request (" + title + ")";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                HttpStatus resolved = known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR;
                ProblemDetail problem = ProblemWriter.problem(resolved,
                        status == 400 ? "malformed-request" : "server-error", title, detail);
                problem.setStatus(status);
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is already committed; nothing left to tell it.
        }
    }
}
