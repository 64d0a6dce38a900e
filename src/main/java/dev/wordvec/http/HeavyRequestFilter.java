package dev.wordvec.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the routes that cost seconds of CPU a request (the Word Mover's routes, evaluations) a
 * few at a time, the others waiting their turn in arrival order. They run on the request
 * threads, which are many (Tomcat's 200): sixteen of them at once left the two cores to them, and
 * {@code GET /vector} beside them fell from about 19,000 to 2,000 requests a second, its p99 from
 * 8 to about 110 ms. With one running per core, it kept 9,000 to 10,000 a second (p99 13 ms) while
 * the heavy ones kept about 60% of their rate beside it (docs/benchmarks.md, "Heavy routes beside
 * the hot path"). The nearest-word searches and the contextual encoders need no gate: they already run on
 * a fixed number of worker threads.
 *
 * <p>A request that waits longer than the set time gets a 503 problem ({@code busy}) with
 * {@code Retry-After}, so that a client's timeout is not spent in a queue it cannot see.
 *
 * <p>The body is read before the turn is taken: a client sending its body slowly would otherwise
 * hold a turn, and keep the others waiting, while costing no CPU. Bodies are bounded by
 * {@code wordvec.http.max-body-size} ({@link BodySizeLimitFilter} runs first).
 */
public final class HeavyRequestFilter extends OncePerRequestFilter {

    private final Turns turns;
    private final JsonMapper json;

    /**
     * @param limit how many heavy requests run at once (at least 1)
     * @param maxWait how long one may wait for its turn before it is a 503
     */
    public HeavyRequestFilter(int limit, Duration maxWait, JsonMapper json) {
        if (limit < 1) {
            throw new IllegalArgumentException("wordvec.http.heavy-requests must be at least 1 (or 0: one per "
                    + "processor), was " + limit);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("wordvec.http.heavy-wait must not be negative, was " + maxWait);
        }
        this.turns = new Turns(limit, maxWait);
        this.json = json;
    }

    /** The paths it guards, as servlet URL patterns; {@code /models/*} is narrowed to evaluations. */
    static final String[] PATHS = {"/word-movers-distance", "/word-movers-ranking", "/models/*"};

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.within(request);
        return !"POST".equals(request.getMethod()) || path.startsWith("/models/") && !path.endsWith("/evaluate");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        if (!turns.take(1)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ProblemWriter.write(response, json, HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy",
                    "The service is busy: " + turns.all() + " heavy request(s) (Word Mover's Distance, evaluations) "
                            + "run at once, and this one waited " + turns.maxWait().toMillis() + " ms for its turn "
                            + "with " + waiting() + " other(s) waiting. Retry later; wordvec.http.heavy-requests and "
                            + "heavy-wait set the limit and the wait.", Map.of());
            return;
        }
        try {
            chain.doFilter(new BufferedBodyRequest(request, body), response);
        } finally {
            turns.give(1);
        }
    }

    /** Heavy requests running now. */
    public int running() {
        return turns.taken();
    }

    /** Heavy requests waiting for their turn now. */
    public int waiting() {
        return turns.waiting();
    }

    public int limit() {
        return turns.all();
    }
}
