package dev.wordvec.bench;

import dev.wordvec.contextual.ContextualEncoder;
import dev.wordvec.contextual.EncoderFiles;
import dev.wordvec.contextual.QueueBudget;
import dev.wordvec.contextual.SentenceTransformer;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.TextEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * wordvec's contextual encoder (the built-in all-MiniLM-L6-v2, float32 or quantised) embedding
 * every line of TEXTS ROUNDS times, one text per call, from THREADS threads, as the service's
 * request threads call it: the counterpart of src/test/bench/langchain4j/Lc4jThroughput.java.
 * Run by src/test/bench/contextual.sh. Usage: float32|quantized TEXTS THREADS ROUNDS WORKERS INTRA_OP MAX_BATCH
 *
 * <p>It also prints the arithmetic rate that throughput means: how many floating-point operations
 * a second the network's products did, to set beside what the machine's cores can do.
 */
public final class ContextualThroughput {

    public static void main(String[] args) throws Exception {
        boolean quantized = args[0].equals("quantized");
        List<String> texts = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        int threads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        int workers = Integer.parseInt(args[4]);
        int intraOp = Integer.parseInt(args[5]);
        int maxBatch = Integer.parseInt(args[6]);
        SentenceTransformer network = SentenceTransformer.load(EncoderFiles.builtIn(quantized),
                SentenceTransformer.Settings.defaults(intraOp, quantized));
        try (ContextualEncoder encoder = new ContextualEncoder("minilm", network, workers, maxBatch, 2000,
                QueueBudget.halfTheHeap())) {
            run(encoder, texts, threads, 1);
            long runsBefore = encoder.runs();
            long start = System.nanoTime();
            run(encoder, texts, threads, rounds);
            double seconds = (System.nanoTime() - start) / 1e9;
            long runs = encoder.runs() - runsBefore;
            System.out.printf("wordvec %s: %d sentences in %.2f s = %.1f sentences/s (%d threads, %d workers x %d "
                    + "intra-op, %.1f texts per run)%n", args[0], texts.size() * rounds, seconds, texts.size() * rounds / seconds,
                    threads, workers, intraOp, (double) texts.size() * rounds / runs);
            double flops = texts.stream().mapToDouble(t -> productFlops(network.tokenize(t).length())).sum() * rounds;
            System.out.printf("  the network's products at that rate: %.0f GFLOP/s (%.2f GFLOP a text on average)%n",
                    flops / seconds / 1e9, flops / (texts.size() * rounds) / 1e9);
        }
    }

    /**
     * Floating-point operations (a multiply-add counts two) in all-MiniLM-L6-v2's matrix products
     * for one text of {@code tokens} tokens: per layer of 6, the query, key, value and output
     * projections (4 x 384 x 384 a token), the feed-forward pair (2 x 384 x 1,536 a token) and
     * attention's two products (2 x 384 x tokens a token). Layer norms, softmax and GELU are left
     * out: they are a few percent, so this is a floor on the work.
     */
    static double productFlops(int tokens) {
        double perTokenPerLayer = 4.0 * 384 * 384 + 2.0 * 384 * 1536 + 2.0 * 384 * tokens;
        return 2 * 6 * perTokenPerLayer * tokens;
    }

    private static void run(ContextualEncoder encoder, List<String> texts, int threads, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        int total = texts.size() * rounds;
        List<Future<?>> calls = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            calls.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    encoder.encode(List.of(texts.get(i % texts.size())), TextEncoding.MEAN, OovPolicy.SKIP);
                }
                return null;
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();
    }
}
