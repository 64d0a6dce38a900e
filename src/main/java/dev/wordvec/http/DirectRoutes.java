package dev.wordvec.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers the busiest routes ({@link DirectRoute}s: a word's vector, a similarity, sentence
 * vectors, OpenAI embeddings, nearest words, analogies) in front of Spring MVC. MVC's dispatch (handler lookup, argument
 * resolution, content negotiation, return-value handling) cost a sidecar's caller about twice
 * what the answer itself costs; see docs/benchmarks.md, "The hot path".
 *
 * <p>Only plain requests are taken here: JSON accepted (no {@code Accept}, {@code *}{@code /*} or
 * {@code application/json}), for a {@code POST} a JSON body in UTF-8 of known length up to
 * {@value #MAX_BODY} bytes, and arguments the route can read. Everything else goes on to MVC
 * unchanged (the body replayed), which answers as before. A controller's failure is answered by
 * MVC's exception handlers, with the same problem bodies, and the controller runs once either
 * way (its counters count once). The filters in front of this one (CORS, API keys, the path
 * check, the body limit) apply alike, and the {@code http.server.requests} metrics get the
 * route's pattern as MVC would give it.
 */
public final class DirectRoutes extends OncePerRequestFilter {

    /** A body this size or smaller is read here; larger ones gain little and go to MVC. */
    static final int MAX_BODY = 64 * 1024;

    private final List<DirectRoute> routes;
    /** Each route's declared query parameters: a request with another goes to MVC, which refuses it. */
    private final java.util.Map<DirectRoute, QueryParameters> parameters = new java.util.IdentityHashMap<>();
    private final HandlerExceptionResolver exceptionHandlers;
    private final LongAdder answered = new LongAdder();

    /** @param exceptionHandlers MVC's ({@code handlerExceptionResolver}): the API's problem bodies and OpenAI's errors */
    public DirectRoutes(List<DirectRoute> routes, HandlerExceptionResolver exceptionHandlers) {
        this.routes = List.copyOf(routes);
        this.routes.forEach(route -> parameters.put(route, QueryParameters.of(route.handler())));
        this.exceptionHandlers = exceptionHandlers;
    }

    /** Requests answered here rather than by MVC (tests check which path ran). */
    public long answered() {
        return answered.sum();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.within(request);
        DirectRoute route = acceptsJson(request.getHeader("Accept")) ? route(request, path) : null;
        if (route == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = null;
        HttpServletRequest forMvc = request;
        if (route.method().equals("POST")) {
            body = request.getInputStream().readAllBytes();
            forMvc = new BufferedBodyRequest(request, body);
        }
        Supplier<DirectRoute.Answer> call = plainParameters(route, request) ? prepare(route, request, path, body) : null;
        if (call == null) {
            chain.doFilter(forMvc, response);
            return;
        }
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(route.pattern()));
        DirectRoute.Answer answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            // The controller ran: its failure is answered by MVC's exception handlers, not by running it again.
            resolve(route, forMvc, response, e);
            return;
        } catch (OutOfMemoryError e) {
            // Wrapped as MVC wraps an Error from a handler, for the same answer.
            resolve(route, forMvc, response, new ServletException("Handler dispatch failed: " + e, e));
            return;
        }
        response.setStatus(answer.status());
        response.setContentType("application/json");
        answer.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        response.setContentLength(answer.json().length);
        answered.increment(); // before the write, so that a client that has the answer sees it counted
        try {
            response.getOutputStream().write(answer.json());
        } catch (IOException e) {
            if (HungUpCallers.hungUp(e)) {
                HungUpCallers.log(request, e); // as for the routes MVC answers; Tomcat then ends the exchange
            }
            throw e;
        }
    }

    private void resolve(DirectRoute route, HttpServletRequest request, HttpServletResponse response,
            Exception failure) throws ServletException {
        if (exceptionHandlers.resolveException(request, response, route.handler(), failure) == null) {
            throw new ServletException("Request processing failed: " + failure, failure);
        }
    }

    /** The route for a plain request, or null. */
    private DirectRoute route(HttpServletRequest request, String path) {
        String method = request.getMethod();
        boolean post = method.equals("POST");
        if (!post && !method.equals("GET")) {
            return null;
        }
        if (post && !(isJson(request.getContentType()) && request.getContentLength() >= 0
                && request.getContentLength() <= MAX_BODY)) {
            return null;
        }
        for (DirectRoute route : routes) {
            if (route.method().equals(method) && route.matches(path)) {
                return route;
            }
        }
        return null;
    }

    /**
     * Whether the request's query parameters are all the route's; false for another, or for a query
     * string that cannot be decoded: MVC answers either with its problem.
     */
    private boolean plainParameters(DirectRoute route, HttpServletRequest request) {
        try {
            return parameters.get(route).refused(request) == null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The route's call, its arguments read; null when it declines (MVC then reads them its own way). */
    private static Supplier<DirectRoute.Answer> prepare(DirectRoute route, HttpServletRequest request, String path,
            byte[] body) {
        try {
            return route.prepare(request, path, body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** No preference, anything, or exactly JSON: what MVC answers with {@code application/json}. */
    static boolean acceptsJson(String accept) {
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    /** JSON in UTF-8 (or with no charset: JSON's default), which the mapper reads as MVC would. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.replace(" ", "").toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.equals("application/json;charset=utf-8");
    }
}
