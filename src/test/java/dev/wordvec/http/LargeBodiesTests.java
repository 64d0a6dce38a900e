package dev.wordvec.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.memory.HeapShare;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests with large bodies are answered a few at a time, by the sum of their sizes: one that
 * waits too long for its turn is a 503; small bodies never wait; a request whose memory another
 * bound counts from some point on (a contextual model's queue) lets the next in from then.
 */
class LargeBodiesTests {

    private static final int MB = 1 << 20;

    private final JsonMapper json = JsonMapper.builder().build();
    /** Threads of their own: the common pool may have one thread, and these requests block. */
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** The filter with a bound of 3 MB and a wait of {@code wait}. */
    private BodySizeLimitFilter filter(Duration wait) {
        return new BodySizeLimitFilter(8 * MB, new LargeBodies(3 * MB, wait), json);
    }

    private static MockHttpServletRequest post(String path, int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType("application/json");
        request.setContent(new byte[bytes]);
        return request;
    }

    /** Runs a request of {@code bytes} on another thread, its route holding it until {@code release}. */
    private CompletableFuture<Void> holding(BodySizeLimitFilter filter, int bytes, CountDownLatch entered,
            CountDownLatch release, boolean handOver) {
        return CompletableFuture.runAsync(() -> {
            FilterChain route = (req, res) -> {
                if (handOver) {
                    HeapShare.handOver();
                }
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            try {
                filter.doFilter(post("/sentence-vector", bytes), new MockHttpServletResponse(), route);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
    }

    @Test
    void aLargeBodyPastTheBoundWaitsItsTurnThenIsBusyInTheShapeItsClientReads() throws Exception {
        BodySizeLimitFilter filter = filter(Duration.ofMillis(200));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = holding(filter, 2 * MB, entered, release, false);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(filter.largeBodies().inFlight()).isEqualTo(2 * MB);

        MockHttpServletResponse busy = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        long started = System.nanoTime();
        filter.doFilter(post("/sentence-vector", 2 * MB), busy, chain);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(chain.getRequest()).as("never reached the route").isNull();
        assertThat(busy.getStatus()).isEqualTo(503);
        assertThat(busy.getHeader("Retry-After")).isEqualTo("1");
        assertThat(busy.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(busy.getContentAsString());
        assertThat(problem.get("type").asString()).isEqualTo("urn:wordvec:problem:busy");
        assertThat(problem.get("detail").asString()).contains("3,072 KB of body at a time (wordvec.http.large-bodies)")
                .contains("this one's 2,048 KB waited 200 ms");

        MockHttpServletResponse openAi = new MockHttpServletResponse();
        filter.doFilter(post("/v1/embeddings", 2 * MB), openAi, new MockFilterChain());
        assertThat(openAi.getStatus()).isEqualTo(503);
        JsonNode error = json.readTree(openAi.getContentAsString()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("busy");
        assertThat(error.get("type").asString()).isEqualTo("server_error");

        // A small body (a sidecar's usual request) never waits; one that fits beside the first goes in.
        MockFilterChain small = new MockFilterChain();
        filter.doFilter(post("/sentence-vector", 64 * 1024), new MockHttpServletResponse(), small);
        assertThat(small.getRequest()).isNotNull();
        MockFilterChain fits = new MockFilterChain();
        filter.doFilter(post("/sentence-vector", MB), new MockHttpServletResponse(), fits);
        assertThat(fits.getRequest()).isNotNull();

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(filter.largeBodies().inFlight()).isZero();
        MockFilterChain after = new MockFilterChain();
        filter.doFilter(post("/sentence-vector", 2 * MB), new MockHttpServletResponse(), after);
        assertThat(after.getRequest()).as("answered once the first was").isNotNull();
    }

    @Test
    void aRequestThatHandsItsShareOverLetsTheNextInWhileItIsStillAnswered() throws Exception {
        BodySizeLimitFilter filter = filter(Duration.ofSeconds(5));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> queued = holding(filter, 3 * MB, entered, release, true);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(filter.largeBodies().inFlight()).isZero();

        MockFilterChain next = new MockFilterChain();
        filter.doFilter(post("/v1/embeddings", 3 * MB), new MockHttpServletResponse(), next);
        assertThat(next.getRequest()).isNotNull();
        release.countDown();
        queued.get(10, TimeUnit.SECONDS);
        assertThat(filter.largeBodies().inFlight()).isZero();
    }

    @Test
    void aBodyLargerThanTheWholeBoundIsAnsweredAloneAndATurnIsGivenBackOnce() {
        LargeBodies bodies = new LargeBodies(3 * MB, Duration.ofMillis(50));
        LargeBodies.Turn alone = bodies.take(7 * MB);
        assertThat(alone).isNotNull();
        assertThat(bodies.inFlight()).isEqualTo(3 * MB);
        assertThat(bodies.take(MB)).as("nothing else meanwhile").isNull();
        alone.close();
        alone.close();
        assertThat(bodies.inFlight()).isZero();
        LargeBodies.Turn two = bodies.take(2 * MB);
        LargeBodies.Turn one = bodies.take(MB);
        assertThat(two).isNotNull();
        assertThat(one).isNotNull();
        assertThat(bodies.inFlight()).isEqualTo(3 * MB);
        two.close();
        one.close();
        assertThatThrownBy(() -> new LargeBodies(1000, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wordvec.http.large-bodies must be at least 1KB");
    }
}
