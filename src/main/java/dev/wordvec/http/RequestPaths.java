package dev.wordvec.http;

import jakarta.servlet.http.HttpServletRequest;

/** Paths as the service's routes see them. */
public final class RequestPaths {

    private RequestPaths() {
    }

    /**
     * The request's path within the service: its URI (as sent, still percent-encoded) without the
     * context path, so {@code /similarity} behind {@code server.servlet.context-path=/wv} too.
     */
    public static String within(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
