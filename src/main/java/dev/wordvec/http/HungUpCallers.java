package dev.wordvec.http;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Callers that went before their answer was written: a client's own time-out, routine for a
 * sidecar under load. Each is one DEBUG line (TRACE adds the stack), never a warning a request.
 */
public final class HungUpCallers {

    private static final Logger log = LoggerFactory.getLogger(HungUpCallers.class);

    private HungUpCallers() {
    }

    /** Whether {@code failure} says the caller has gone (a broken pipe, a reset, an aborted read or write). */
    public static boolean hungUp(Throwable failure) {
        return DisconnectedClientHelper.isClientDisconnectedException(failure);
    }

    /** Logs, at DEBUG, that the caller of {@code request} went; {@code failure} is how the service found out. */
    public static void log(HttpServletRequest request, Throwable failure) {
        String asked = request.getMethod() + " " + RequestPaths.within(request);
        if (log.isTraceEnabled()) {
            log.trace("{}: the caller went before its answer was written", asked, failure);
        } else {
            log.debug("{}: the caller went before its answer was written ({})", asked, failure.toString());
        }
    }
}
