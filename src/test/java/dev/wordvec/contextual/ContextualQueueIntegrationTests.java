package dev.wordvec.contextual;

import static dev.wordvec.contextual.ContextualApiIntegrationTests.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.memory.HeapShare;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.testing.ContextualModels;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * When the texts waiting for the contextual models hold what their queue may (by default half the
 * heap), the next request is refused at once, in each API's own way, before it tokenizes anything;
 * once the queue empties, it is answered.
 */
@ContextualModels
class ContextualQueueIntegrationTests extends RunningService {

    @Autowired
    private ModelRegistry registry;

    @Test
    void aFullQueueRefusesTheNextRequestWithRetryAfterInEachApisShapeAndAnswersOnceItEmpties() {
        ContextualEncoder minilm = registry.require("minilm").contextual();
        long refusedBefore = registry.queueBudget().refused();
        // The texts of a request held as waiting: one of them is counted as more than 1,000 bytes, so
        // these pass half the heap, and anything asked of any contextual model meanwhile is refused.
        List<String> waiting = Collections.nCopies((int) (Runtime.getRuntime().maxMemory() / 2 / 1_000) + 1, "x");
        try (QueueBudget.Reservation held = minilm.admit(waiting, false)) {
            Response problem = http.post("/sentence-vector", body(Map.of("model", "minilm-q", "texts",
                    List.of("a man is playing a guitar"))));
            assertThat(problem.status()).as(problem.body()).isEqualTo(503);
            assertThat(problem.contentType()).startsWith("application/problem+json");
            assertThat(problem.header("Retry-After")).isEqualTo("5");
            assertThat(problem.get("type").asString()).isEqualTo("urn:wordvec:problem:busy");
            assertThat(problem.get("detail").asString()).contains(String.format(java.util.Locale.ROOT, "%,d text(s) "
                    + "already wait", waiting.size())).contains("this request's 1 text(s) for model 'minilm-q'")
                    .contains("wordvec.batching.queued-text-memory, half the heap");

            Response openAi = http.post("/v1/embeddings", body(Map.of("model", "minilm", "input", "hello")));
            assertThat(openAi.status()).as(openAi.body()).isEqualTo(503);
            assertThat(openAi.header("Retry-After")).isEqualTo("5");
            assertThat(openAi.get("error").get("type").asString()).isEqualTo("server_error");
            assertThat(openAi.get("error").get("code").asString()).isEqualTo("busy");
            assertThat(openAi.get("error").get("message").asString()).contains("already wait");

            // TEI answers past its queue's bound with 429 and error_type Overloaded.
            Response tei = http.post("/embed?model=minilm", body(Map.of("inputs", List.of("hello", "world"))));
            assertThat(tei.status()).as(tei.body()).isEqualTo(429);
            assertThat(tei.get("error_type").asString()).isEqualTo("Overloaded");
            assertThat(tei.get("error").asString()).contains("this request's 2 text(s) for model 'minilm'");
            assertThat(http.post("/embed_all?model=minilm", body(Map.of("inputs", "hello"))).status()).isEqualTo(429);

            Response tokens = http.post("/token-vectors", body(Map.of("model", "minilm", "text", "river bank")));
            assertThat(tokens.status()).as(tokens.body()).isEqualTo(503);
            Response similarity = http.post("/similarity", body(Map.of("model", "minilm", "text1", "a", "text2", "b")));
            assertThat(similarity.status()).as(similarity.body()).isEqualTo(503);

            // Word-vector models have no such queue.
            assertThat(http.post("/sentence-vector", body(Map.of("texts", List.of("the king")))).status())
                    .isEqualTo(200);

            // An operator sees how near the bound the queue runs, and how often it was full.
            String metrics = http.get("/actuator/prometheus").body();
            assertThat(metric(metrics, "wordvec_contextual_queue_texts")).isEqualTo(waiting.size());
            assertThat(metric(metrics, "wordvec_contextual_queue_held_bytes"))
                    .isGreaterThan(metric(metrics, "wordvec_contextual_queue_limit_bytes"));
            assertThat(metric(metrics, "wordvec_contextual_queue_limit_bytes"))
                    .isEqualTo(Runtime.getRuntime().maxMemory() / 2);
            assertThat(metric(metrics, "wordvec_contextual_queue_refused_total")).isEqualTo(refusedBefore + 6);
        }
        String metrics = http.get("/actuator/prometheus").body();
        assertThat(metric(metrics, "wordvec_contextual_queue_held_bytes")).isZero();
        assertThat(metric(metrics, "wordvec_contextual_queue_texts")).isZero();
        // Let into the queue, a request hands its share of the bound on large bodies back (the queue
        // counts its memory from then on); refused, it keeps it until its filter ends.
        java.util.concurrent.atomic.AtomicInteger given = new java.util.concurrent.atomic.AtomicInteger();
        HeapShare.hold(given::incrementAndGet);
        try (QueueBudget.Reservation held = minilm.admit(waiting, false)) {
            assertThat(given).hasValue(1);
            HeapShare.hold(given::incrementAndGet);
            assertThatThrownBy(() -> minilm.admit(List.of("x"), false))
                    .isInstanceOf(QueueBudget.QueueFullException.class);
            assertThat(given).hasValue(1);
        } finally {
            HeapShare.forget();
        }
        Response answered = http.post("/v1/embeddings", body(Map.of("model", "minilm", "input", "hello")));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(http.post("/embed?model=minilm", body(Map.of("inputs", "hello"))).status()).isEqualTo(200);
    }

    /** A meter's value in Prometheus' text: the line that starts with its name (no labels). */
    private static double metric(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line ->
                Double.parseDouble(line.substring(name.length() + 1).strip())).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + metrics));
    }
}
