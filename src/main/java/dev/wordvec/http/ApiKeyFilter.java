package dev.wordvec.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks for {@code Authorization: Bearer KEY} when keys are configured. Probes and the metrics
 * scraper stay open (they carry no key), and so do CORS pre-flights (browsers never send
 * credentials on them) and, unless {@code protect-docs}, the API document and Swagger UI. The OpenAI route answers in OpenAI's error shape, which its SDKs read.
 *
 * <p>A caller with a valid key becomes the request's principal, which is what actuator's
 * {@code show-details: when-authorized} looks at: health details (model paths and states) go
 * to key holders only, while the open probes still answer with the status.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final List<byte[]> keys;
    private final List<String> openPaths;
    private final JsonMapper json;

    /**
     * Open to callers without a key: the probes and metrics, and unless {@code protectDocs} the API
     * document, Swagger UI and the explorer page, which hold no data (every call they make needs the key).
     */
    ApiKeyFilter(List<String> keys, ServicePaths paths, boolean protectDocs, JsonMapper json) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.openPaths = protectDocs ? paths.probes()
                : Stream.concat(paths.probes().stream(), paths.documents().stream()).toList();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return HttpMethod.OPTIONS.matches(request.getMethod()) && request.getHeader(HttpHeaders.ORIGIN) != null
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    /** Open paths are open to reading only: {@code POST /} is an API call (TEI's embed), not the page. */
    private boolean open(HttpServletRequest request) {
        if (!HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())) {
            return false;
        }
        String path = RequestPaths.within(request);
        return openPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length()) && accepted(header.substring(BEARER.length()).trim())) {
            chain.doFilter(new KeyHolderRequest(request), response);
            return;
        }
        if (open(request)) {
            chain.doFilter(request, response);
            return;
        }
        String detail = header == null ? "this service needs an API key: send 'Authorization: Bearer KEY'"
                : "the API key in the Authorization header is not one this service accepts";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wordvec\"");
        ProblemWriter.writeFor(request, response, json, HttpStatus.UNAUTHORIZED, "unauthorized", "API key required",
                detail, Map.of(), OpenAiError.of(detail, "invalid_request_error", null, "invalid_api_key"));
    }

    /** Compared in constant time, so response timing does not reveal how much of a key was right. */
    private boolean accepted(String presented) {
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, bytes);
        }
        return match;
    }

    /** The request of a caller who showed a valid key; which key is not said. */
    private static final class KeyHolderRequest extends HttpServletRequestWrapper {

        private static final Principal KEY_HOLDER = () -> "api-key";

        KeyHolderRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return KEY_HOLDER;
        }
    }
}
