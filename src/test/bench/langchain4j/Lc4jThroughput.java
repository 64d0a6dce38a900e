import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LangChain4j's in-process all-MiniLM-L6-v2 (float32 or quantised) embedding every line of TEXTS
 * ROUNDS times, one text per call, from THREADS threads: what an application embedding with
 * LangChain4j gets. Prints sentences per second over the timed rounds (one round warms up first).
 * Usage: java -cp CLASSPATH Lc4jThroughput.java float32|quantized TEXTS THREADS ROUNDS
 */
public class Lc4jThroughput {
    public static void main(String[] args) throws Exception {
        EmbeddingModel model = args[0].equals("quantized") ? new AllMiniLmL6V2QuantizedEmbeddingModel()
                : new AllMiniLmL6V2EmbeddingModel();
        List<String> texts = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        run(model, texts, threads, 1);
        long start = System.nanoTime();
        run(model, texts, threads, rounds);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("langchain4j %s: %d sentences in %.2f s = %.1f sentences/s (%d threads)%n", args[0],
                texts.size() * rounds, seconds, texts.size() * rounds / seconds, threads);
    }

    static void run(EmbeddingModel model, List<String> texts, int threads, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        int total = texts.size() * rounds;
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    model.embed(texts.get(i % texts.size()));
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
    }
}
