package dev.wordvec.http;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Host;
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
 * percent-encoding, a header over the size limit, an encoded NUL) with a problem
 * body, like every other error, instead of Tomcat's HTML page. The detail says which it was, from
 * Tomcat's own reason, and an over-long URL or header block gets its own status (414, 431), as
 * RFC 9110 and RFC 6585 have it, rather than Tomcat's 400.
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
        // Typed by Tomcat's status: a 400 stays malformed-request when it becomes a 414 or 431 below.
        String type = ProblemWriter.containerErrorType(status);
        Unparsed unparsed = status == 400 ? unparsed(throwable != null ? throwable.getMessage() : response.getMessage(),
                request.getRequestURI() != null) : null;
        if (unparsed != null) {
            status = unparsed.status();
            response.setStatus(status);
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String base = status == 404 && request.getContext() == null ? contextPath() : null;
        if (base != null) {
            // Outside server.servlet.context-path: no application took the request, so say where it is.
            type = "no-route";
            title = "No such route";
        }
        String uri = request.getRequestURI() != null ? request.getRequestURI() : "/";
        String detail = unparsed != null ? unparsed.detail() : base != null ? outside(request.getMethod(), uri, base)
                : status < 500 ? "the request was refused (" + title + ")"
                : "the server could not handle the request (" + title + ")";
        // An OpenAI client whose base URL lacks the context path reads OpenAI's error shape, as under it.
        boolean openAi = base != null && uri.startsWith("/v1/");
        try {
            response.setContentType(openAi ? MediaType.APPLICATION_JSON_VALUE
                    : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                HttpStatus resolved = known != null ? known : HttpStatus.INTERNAL_SERVER_ERROR;
                ProblemDetail problem = ProblemWriter.problem(resolved, type, title, detail);
                problem.setStatus(status);
                writer.write(JSON.writeValueAsString(openAi ? OpenAiError.forStatus(resolved, detail) : problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is already committed; nothing left to tell it.
        }
    }

    /** The one application's context path when it is not the root; else null. */
    private String contextPath() {
        if (!(getContainer() instanceof Host host)) {
            return null;
        }
        Container[] applications = host.findChildren();
        return applications.length == 1 && applications[0] instanceof Context context && !context.getPath().isEmpty()
                ? context.getPath() : null;
    }

    /** The detail for a path outside the application, which answers beneath {@code base}. */
    private static String outside(String method, String path, String base) {
        return "no route " + method + " " + path + ": the service answers beneath " + base
                + " (server.servlet.context-path), as " + method + " " + base + path;
    }

    /** A status and a detail for a request Tomcat could not parse. */
    record Unparsed(int status, String detail) {
    }

    /**
     * What a person should hear about a request Tomcat refused with 400, from Tomcat's reason.
     *
     * @param reason the exception's message or the one given with the 400 (null when there is none)
     * @param lineParsed whether the request line was read (a too-large header block that ends
     *        before the line's end is an over-long URL)
     */
    static Unparsed unparsed(String reason, boolean lineParsed) {
        String text = reason == null ? "" : reason;
        if (text.startsWith("Request header is too large")) {
            return lineParsed
                    ? new Unparsed(431, "the request's headers are too large: the request line and headers may "
                            + "take 8 KB in all")
                    : new Unparsed(414, "the URL is too long: the request line and headers may take 8 KB in all; "
                            + "send long input in a POST body");
        }
        if (text.startsWith("Invalid character found in the request target")
                || text.startsWith("Invalid character found in the HTTP protocol")) {
            return new Unparsed(400, "the URL holds a character that must be percent-encoded (a space is %20, "
                    + "{ is %7B, | is %7C, \" is %22)");
        }
        if (text.startsWith("Invalid URI: [The hexadecimal encoding is invalid]")
                || text.startsWith("Invalid URI: [End of file (EOF)]")) {
            return new Unparsed(400, "the URL's percent-encoding is invalid: each % takes two hex digits "
                    + "(a literal % is %25)");
        }
        if (text.equals("Invalid URI")) {
            return new Unparsed(400, "the URL's path is refused: it holds %00 (NUL), or a /../ that climbs above "
                    + "the root");
        }
        if (!text.isBlank()) {
            // Tomcat's reasons are plain English ("Duplicate Content-Length header", "Invalid Host header"...).
            return new Unparsed(400, "the request could not be parsed: " + text);
        }
        // Tomcat gives no reason for these: percent-encoded bytes that are not UTF-8, a missing Host
        // header, a Content-Length given twice or negative.
        return new Unparsed(400, "the request could not be parsed: check the URL's percent-encoding (the bytes it "
                + "encodes must be UTF-8), that an HTTP/1.1 request has a Host header, and that Content-Length is "
                + "given once and is not negative");
    }
}
