package dev.wordvec.http;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * With {@code wordvec.http.access-log}, one line per request in the service's log, as
 * text-embeddings-inference logs its requests: the method, path and query, status, body bytes,
 * time and the client's address. It goes through the service's logging (logger
 * {@code dev.wordvec.access}), so with JSON logs it is a JSON line with the values as ECS fields
 * too ({@code http.request.method}, {@code url.path}, {@code http.response.status_code},
 * {@code event.duration} in nanoseconds...), not Tomcat's own access log file, which a read-only
 * container cannot write. Tomcat calls it for every request, also those refused before Spring
 * sees them (a malformed URL, a path outside the context path). A probe that succeeds is left out:
 * an orchestrator asks every few seconds.
 */
final class RequestLogValve extends ValveBase implements AccessLog {

    private static final Logger log = LoggerFactory.getLogger("dev.wordvec.access");

    /** The probes' paths within the service (a failing probe is logged). */
    private final List<String> probes;
    private boolean requestAttributes;

    RequestLogValve(ServicePaths paths) {
        super(true);
        this.probes = paths.probes();
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, jakarta.servlet.ServletException {
        getNext().invoke(request, response);
    }

    /** @param time nanoseconds from the request's first byte to the response's end, as Tomcat measures it */
    @Override
    public void log(Request request, Response response, long time) {
        if (!log.isInfoEnabled()) {
            return;
        }
        int status = response.getStatus();
        String uri = request.getRequestURI() != null ? request.getRequestURI() : "";
        // A request no application took (outside the context path) is no probe's.
        if (status < 400 && request.getContext() != null && probes.contains(RequestPaths.within(request))) {
            return;
        }
        String query = request.getQueryString();
        String method = request.getMethod() != null ? request.getMethod() : "-";
        // The body as the application wrote it (without chunked encoding's framing, which Tomcat's %b counts).
        long bytes = response.getContentWritten();
        String client = request.getRemoteAddr();
        LoggingEventBuilder line = log.atInfo()
                .addKeyValue("http.request.method", method)
                .addKeyValue("url.path", uri);
        if (query != null) {
            line = line.addKeyValue("url.query", query);
        }
        line.addKeyValue("http.response.status_code", status)
                .addKeyValue("http.response.body.bytes", bytes)
                .addKeyValue("event.duration", time)
                .addKeyValue("client.address", client)
                .log("{} {}{}: {} ({} B in {} ms) from {}", method, uri, query != null ? "?" + query : "", status,
                        bytes,
                        String.format(Locale.ROOT, "%.2f", time / 1e6), client);
    }

    @Override
    public void setRequestAttributesEnabled(boolean requestAttributesEnabled) {
        this.requestAttributes = requestAttributesEnabled;
    }

    @Override
    public boolean getRequestAttributesEnabled() {
        return requestAttributes;
    }
}
