package dev.wordvec.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Heavy requests run a few at a time; one that waits too long for its turn is a 503 problem. */
class HeavyRequestFilterTests {

    private final JsonMapper json = JsonMapper.builder().build();
    /** Threads of their own: the common pool may have one thread, and these requests block. */
    private final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);

    @org.junit.jupiter.api.AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aRequestOverTheLimitWaitsItsTurnThenIsBusy() throws Exception {
        HeavyRequestFilter filter = new HeavyRequestFilter(1, Duration.ofMillis(200), json);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
            MockHttpServletResponse response = new MockHttpServletResponse();
            try {
                filter.doFilter(post("/word-movers-ranking"), response, (req, res) -> {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return response;
        }, threads);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(filter.running()).isEqualTo(1);

        MockHttpServletResponse busy = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        long started = System.nanoTime();
        filter.doFilter(post("/word-movers-distance"), busy, chain);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(chain.getRequest()).as("never reached the route").isNull();
        assertThat(busy.getStatus()).isEqualTo(503);
        assertThat(busy.getHeader("Retry-After")).isEqualTo("1");
        assertThat(busy.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(busy.getContentAsString());
        assertThat(problem.get("type").asString()).isEqualTo("urn:wordvec:problem:busy");
        assertThat(problem.get("detail").asString()).startsWith("The service is busy: 1 heavy request(s) (Word Mover's "
                + "Distance, evaluations) run at once, and this one waited 200 ms for its turn")
                .contains("wordvec.http.heavy-requests");
        assertThat(filter.waiting()).isZero();

        // A cheap route, or another method, is never held.
        MockFilterChain other = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/models/m/words"), new MockHttpServletResponse(), other);
        assertThat(other.getRequest()).isNotNull();
        MockFilterChain words = new MockFilterChain();
        filter.doFilter(post("/models/m/reload"), new MockHttpServletResponse(), words);
        assertThat(words.getRequest()).isNotNull();

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(filter.running()).isZero();
        MockFilterChain next = new MockFilterChain();
        filter.doFilter(post("/models/m/evaluate"), new MockHttpServletResponse(), next);
        assertThat(next.getRequest()).as("the permit came back").isNotNull();
    }

    /** The body is read before the turn is taken; the route reads the same bytes, as a stream or as text. */
    @Test
    void theRouteReadsTheBodyTheClientSent() throws Exception {
        HeavyRequestFilter filter = new HeavyRequestFilter(1, Duration.ofSeconds(1), json);
        String body = "{\"text1\": \"café\", \"text2\": \"東京\"}";
        MockHttpServletRequest request = post("/word-movers-distance");
        request.setContent(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        request.setCharacterEncoding("UTF-8");
        String[] read = new String[2];
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            read[0] = new String(req.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            read[1] = req.getReader().readLine();
        });
        assertThat(read[0]).isEqualTo(body);
        assertThat(read[1]).isEqualTo(body);
        assertThat(filter.running()).isZero();
    }

    /** A request waiting for its turn gets it when one ends, in arrival order. */
    @Test
    void aWaitingRequestRunsWhenOneEnds() throws Exception {
        HeavyRequestFilter filter = new HeavyRequestFilter(1, Duration.ofSeconds(30), json);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> run(filter, () -> {
            entered.countDown();
            await(release);
        }), threads);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> run(filter, () -> { }), threads);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (filter.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(filter.waiting()).isEqualTo(1);
        assertThat(second).isNotDone();
        release.countDown();
        second.get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);
        assertThat(filter.running()).isZero();
    }

    @Test
    void aWrongSettingFailsNamingIt() {
        assertThatThrownBy(() -> new HeavyRequestFilter(0, Duration.ofSeconds(1), json))
                .hasMessageContaining("wordvec.http.heavy-requests must be at least 1");
        assertThatThrownBy(() -> new HeavyRequestFilter(2, Duration.ofSeconds(-1), json))
                .hasMessageContaining("wordvec.http.heavy-wait must not be negative");
    }

    private static void run(HeavyRequestFilter filter, Runnable route) {
        try {
            filter.doFilter(post("/word-movers-ranking"), new MockHttpServletResponse(), (req, res) -> route.run());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockHttpServletRequest post(String path) {
        return new MockHttpServletRequest("POST", path);
    }
}
