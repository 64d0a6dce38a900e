package dev.wordvec.http;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Who may call the service and how much they may send, under {@code wordvec.http.}.
 *
 * @param apiKeys keys accepted as {@code Authorization: Bearer KEY}; empty (the default) leaves
 *     the API open. Several keys let one be rotated out while clients move to the next. Health
 *     ({@code /livez}, {@code /readyz}, TEI's {@code /health}, {@code /actuator/health}) and {@code /actuator/prometheus}
 *     stay open for probes and scrapers.
 * @param corsOrigins origins a browser may call the API from ({@code https://app.example.com},
 *     or {@code *}); empty (the default) sends no CORS headers
 * @param maxBodySize the largest request body accepted (default 8MB); a larger one is a 413
 *     problem before it is read. LangChain's Python client sends 1,000 texts a request as token
 *     ids, about 6 bytes of JSON a token: 1,000 chunks of 1,000 tokens are 6 MB
 * @param protectDocs whether the API document ({@code /v3/api-docs}) and Swagger UI need a key
 *     too (default false: they stay open, so that a client generator or a person can read them
 *     without one, and the UI asks for the key when it calls the API)
 * @param directRoutes whether {@code GET /vector/{word}}, {@code POST /similarity},
 *     {@code /sentence-vector}, {@code /v1/embeddings}, the neighbour and analogy searches and TEI's
 *     {@code POST /embed} and {@code POST /} are answered in front of Spring MVC's
 *     dispatch (default true: same answers, less CPU per request; false sends them through MVC
 *     like every other route)
 * @param heavyRequests how many requests of the routes that cost seconds of CPU (the Word Mover's
 *     routes, {@code POST /models/{name}/evaluate}) run at once, the others waiting their turn
 *     (default 0: one per processor), so that they cannot take the cores from the cheap routes
 * @param heavyWait how long such a request waits for its turn before it is a 503 {@code busy}
 *     problem with {@code Retry-After} (default 30s)
 * @param accessLog whether each request is logged, one line (logger {@code dev.wordvec.access}):
 *     method, path, status, bytes, time and client (default false: a sidecar's callers make many
 *     small requests, and a line each costs CPU and log volume)
 * @param largeBodies the most that the bodies of large requests (over 64 KiB) being answered at
 *     once may total (unset: a thirty-second of the heap, 8 MB in a 256 MB heap); the others wait
 *     their turn in arrival order, at most {@code heavy-wait}, then are a 503 {@code busy}. Answering
 *     a body takes several times its size on the heap, and the request threads are many
 */
@ConfigurationProperties(prefix = "wordvec.http", ignoreUnknownFields = false)
public record HttpProperties(
        @DefaultValue List<String> apiKeys,
        @DefaultValue List<String> corsOrigins,
        @DefaultValue("8MB") DataSize maxBodySize,
        @DefaultValue("false") boolean protectDocs,
        @DefaultValue("true") boolean directRoutes,
        @DefaultValue("0") int heavyRequests,
        @DefaultValue("30s") Duration heavyWait,
        @DefaultValue("false") boolean accessLog,
        DataSize largeBodies) {
}
