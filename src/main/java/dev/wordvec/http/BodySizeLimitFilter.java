package dev.wordvec.http;

import dev.wordvec.memory.HeapShare;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a compressed body (a {@code Content-Encoding}) with a 415, and a body over
 * {@code wordvec.http.max-body-size} with a 413 problem: at once when its
 * {@code Content-Length} says so, and when it comes chunked, after reading it up to the limit here.
 * A chunked body is read whole before any route sees it, so every route answers the same 413: a
 * limit found while a route's JSON parser read the stream came out as a 400 or, under {@code /v1},
 * a 500, depending on where in the parse the stream failed.
 *
 * <p>Then a large body waits for its turn ({@link LargeBodies}): each is bounded here, and their
 * sum there. A body sent with a length takes its turn before it is read, as reading is where its
 * memory starts; a chunked one, whose size is known only once read, after.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

    /** The most a byte array holds, with the JVM's header room. */
    private static final long LARGEST = Integer.MAX_VALUE - 16;

    private final long maxBytes;
    private final LargeBodies largeBodies;
    private final JsonMapper json;

    BodySizeLimitFilter(long maxBytes, LargeBodies largeBodies, JsonMapper json) {
        if (maxBytes < 0 || maxBytes >= LARGEST) {
            throw new IllegalArgumentException("wordvec.http.max-body-size must be 0 to " + (LARGEST - 1)
                    + " bytes (under 2GB), was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.largeBodies = largeBodies;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            refuseEncoding(request, response, encoding.strip());
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            refuse(request, response, "the request body has " + length + " bytes", length);
            return;
        }
        if (length >= 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            // No body, or one whose length Tomcat holds it to: nothing to read here (and nothing
            // to allocate on the hot path's GETs).
            answer(request, response, chain, length);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) maxBytes + 1);
        if (body.length > maxBytes) {
            refuse(request, response, "the request body (sent without a Content-Length) has more than " + maxBytes
                    + " bytes", body.length);
            return;
        }
        answer(new BufferedBodyRequest(request, body), response, chain, body.length);
    }

    LargeBodies largeBodies() {
        return largeBodies;
    }

    /** Passes the request on, a large body once its turn has come (see {@link LargeBodies}). */
    private void answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain, long size)
            throws ServletException, IOException {
        if (size <= LargeBodies.SMALL) {
            chain.doFilter(request, response);
            return;
        }
        LargeBodies.Turn turn = largeBodies.take(size);
        if (turn == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            String detail = String.format(Locale.ROOT, "The service is busy: requests with large bodies are answered "
                    + "%,d KB of body at a time (wordvec.http.large-bodies), as each takes several times its size in "
                    + "memory, and this one's %,d KB waited %d ms for its turn with %d other(s) waiting. Retry later, "
                    + "or send smaller requests", largeBodies.limit() / 1024, size / 1024,
                    largeBodies.maxWait().toMillis(), largeBodies.waiting());
            ProblemWriter.writeFor(request, response, json, HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy", detail,
                    Map.of(), OpenAiError.of(detail, "server_error", null, "busy"));
            return;
        }
        HeapShare.hold(turn::close);
        try {
            chain.doFilter(request, response);
        } finally {
            HeapShare.forget();
            turn.close();
        }
    }

    /**
     * A compressed body (Content-Encoding: gzip) would reach the JSON parser as binary and come back
     * as "malformed JSON"; RFC 9110 answers a content coding the server does not take with a 415,
     * and RFC 7694 says which it takes.
     */
    private void refuseEncoding(HttpServletRequest request, HttpServletResponse response, String encoding)
            throws IOException {
        String detail = "the request body is sent with Content-Encoding '" + encoding
                + "', which wordvec does not decode: send it uncompressed";
        response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
        ProblemWriter.writeFor(request, response, json, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-content-encoding", "Unsupported content encoding", detail, Map.of("field", "Content-Encoding"),
                OpenAiError.forStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String what, long size)
            throws IOException {
        String detail = what + "; the limit is " + maxBytes + " (see wordvec.http.max-body-size)";
        ProblemWriter.writeFor(request, response, json, HttpStatus.CONTENT_TOO_LARGE, "limit-exceeded",
                "Request over a limit", detail, Map.of("field", "body", "size", size, "limit", maxBytes),
                OpenAiError.forStatus(HttpStatus.CONTENT_TOO_LARGE, detail));
    }
}
