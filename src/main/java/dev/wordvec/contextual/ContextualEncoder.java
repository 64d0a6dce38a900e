package dev.wordvec.contextual;

import dev.wordvec.memory.HeapShare;
import dev.wordvec.query.EncodedTexts;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.query.TextEncoder;
import dev.wordvec.query.TextEncoding;
import dev.wordvec.vectors.Batcher;
import dev.wordvec.vectors.VectorMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A contextual model answering the text routes: each text's sentence vector from the network,
 * pooled as sentence-transformers pools it. Concurrent texts share runs of the network through a
 * {@link Batcher} (padded to the longest, masked); a quantised network runs each text alone, so
 * that a text's vector never depends on what else was asked at the same time.
 */
public final class ContextualEncoder implements TextEncoder, AutoCloseable {

    /** One token of a text, where it sits in the text (character offsets, end exclusive), and its vector. */
    public record TokenVector(String token, int start, int end, float[] vector) {
    }

    /** A text's tokens and vectors; {@code truncated} when the text had more than the maximum tokens. */
    public record TokenVectors(List<TokenVector> tokens, boolean truncated) {
    }

    /**
     * A text for the workers, and what they give back for it: its token vectors, or, when
     * {@code pool} is set, only the sentence vector pooled from them. Pooling in the worker drops
     * each text's token vectors as soon as its run ends: a request of 2,048 texts of 128 tokens
     * would otherwise hold 400 MB of them until the last run.
     */
    private record Job(SentenceTransformer.Tokenized text, PoolAs pool) {
    }

    /** Pool leaving the first {@code masked} tokens out; {@code scaled}: to unit length if the model is set so. */
    private record PoolAs(int masked, boolean scaled) {
    }

    /** A job's answer: the token vectors, or the sentence vector. */
    private record Output(float[][] tokens, float[] sentence) {
    }

    private final String name;
    private final SentenceTransformer network;
    private final Batcher<Job, Output> batcher;
    private final QueueBudget budget;
    private final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param workers threads running the network (each run uses the network's intra-op threads)
     * @param maxBatch most texts in one run (1 for a quantised network, whatever is asked)
     * @param maxWaitMicros how long a worker with texts in hand waits for more
     * @param budget the heap that requests waiting for their runs may hold, shared with the other contextual models
     */
    public ContextualEncoder(String name, SentenceTransformer network, int workers, int maxBatch, long maxWaitMicros,
            QueueBudget budget) {
        this.name = name;
        this.network = network;
        this.budget = budget;
        int batch = network.settings().quantized() ? 1 : maxBatch;
        // A long text runs alone (see run), so it is a batch of its own: a worker holding 64 of them
        // would keep a short query that comes meanwhile waiting for 64 runs, 3 s on two cores.
        this.batcher = new Batcher<>(this::run, "wordvec-encode-" + name, workers, batch, maxWaitMicros,
                job -> job.text().length() > LONG_TEXT ? batch : 1);
    }

    /**
     * Texts of about the same length share a run; the rest run in groups of their own. Padding a
     * 10-token text to the 120 tokens of its neighbour in the batch costs more than the batch saves:
     * measured on two cores, a batch of 16 equal texts ran 1.9x faster than one at a time at 16
     * tokens and 1.6x at 32, but no faster from 64 tokens on; under HTTP load from 32 clients, batches
     * of longer texts were slower than single runs (103 against 183 texts/s for 35-token sentences).
     */
    private List<Output> run(List<Job> jobs) {
        List<SentenceTransformer.Tokenized> texts = jobs.stream().map(Job::text).toList();
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(texts.get(a).length(), texts.get(b).length()));
        Output[] out = new Output[texts.size()];
        int start = 0;
        while (start < order.length) {
            int shortest = texts.get(order[start]).length();
            int end = start + 1;
            // Padded tokens stay within a quarter of the real ones, and long texts (which batching does not speed up) run alone.
            while (end < order.length && shortest <= LONG_TEXT
                    && texts.get(order[end]).length() * 4 <= shortest * 5) {
                end++;
            }
            List<SentenceTransformer.Tokenized> group = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                group.add(texts.get(order[i]));
            }
            float[][][] vectors = network.tokenVectors(group);
            runs.incrementAndGet();
            for (int i = start; i < end; i++) {
                PoolAs pool = jobs.get(order[i]).pool();
                float[][] tokens = vectors[i - start];
                out[order[i]] = pool == null ? new Output(tokens, null) : new Output(null, pool.scaled()
                        ? network.pool(tokens, pool.masked()) : network.poolUnscaled(tokens, pool.masked()));
            }
            start = end;
        }
        return Arrays.asList(out);
    }

    /** From this many tokens on, a batch runs no faster than its texts one by one. */
    private static final int LONG_TEXT = 32;

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return network.dimension();
    }

    /** The length of a token vector, which a Dense layer can make differ from a sentence vector's. */
    public int tokenDimension() {
        return network.tokenDimension();
    }

    public SentenceTransformer network() {
        return network;
    }

    /**
     * Sentence vectors. A contextual model has no unknown words (its word pieces cover any text),
     * so {@code policy} never applies; SIF, client weights, unit word vectors and principal-component
     * removal are word-vector techniques and are refused with the reason.
     */
    @Override
    public EncodedTexts encode(List<String> texts, TextEncoding encoding, OovPolicy policy) {
        if (!encoding.weighting().equals("mean")) {
            throw new InvalidRequestException("weighting", "model '" + name + "' is contextual: the network makes its "
                    + "sentence vectors (its '" + network.settings().pooling().id()
                    + "' pooling of its token vectors); '" + encoding.weighting()
                    + "' applies to word-vector models");
        }
        if (encoding.removePc() || encoding.preNormalize()) {
            String field = encoding.removePc() ? "removePc" : "preNormalize";
            throw new InvalidRequestException(field, "model '" + name + "' is contextual: '" + field + "' applies "
                    + "to word-vector models");
        }
        String prompt = prompt(encoding.prompt());
        int masked = maskedTokens(prompt);
        List<String> prompted = prompted(prompt, texts);
        List<SentenceTransformer.Tokenized> tokenized;
        List<float[]> vectors;
        try (QueueBudget.Reservation held = admit(prompted, false)) {
            tokenized = prompted.stream().map(network::tokenize).toList();
            vectors = sentenceVectors(tokenized, masked, true);
        }
        List<SentenceEncoder.Encoded> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] vector = vectors.get(i);
            // The network's pooling already gives unit length when so configured.
            if (encoding.normalize() && !network.settings().normalize()) {
                vector = VectorMath.unitLength(vector);
            }
            SentenceTransformer.Tokenized text = tokenized.get(i);
            out.add(new SentenceEncoder.Encoded(List.of(text.tokens()), List.of(), vector, text.truncated()));
        }
        return new EncodedTexts(out, null);
    }

    /**
     * The text put before each input for the prompt a request names (null: the model's default
     * prompt), as sentence-transformers' {@code encode(prompt_name=...)} puts it; null for none.
     *
     * @throws InvalidRequestException when the model has no prompt of that name
     */
    public String prompt(String name) {
        try {
            return network.settings().prompts().text(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("prompt", "model '" + this.name + "' has no prompt '" + name + "': "
                    + e.getMessage());
        }
    }

    /** The texts with {@code prompt} before each (null: as they are), as sentence-transformers puts it. */
    public static List<String> prompted(String prompt, List<String> texts) {
        return prompt == null ? texts : texts.stream().map(text -> prompt + text).toList();
    }

    /**
     * How many tokens at the start of a prompted text the pooling leaves out: the prompt's, when the
     * model does not pool it (sentence-transformers' {@code include_prompt: false}); else none.
     */
    public int maskedTokens(String prompt) {
        return prompt == null || network.settings().prompts().pooled() ? 0 : network.promptTokens(prompt);
    }

    /**
     * Lets a request's texts wait for their runs, or refuses them when the texts already waiting
     * hold what the budget allows; to be closed (try-with-resources) once they are answered. Taken
     * before the texts are tokenized, which is where a full heap would end the process.
     *
     * @param tokenVectors whether the request is answered with each token's vector rather than one
     *     vector a text
     * @throws QueueBudget.QueueFullException when the queue is full
     */
    public QueueBudget.Reservation admit(List<String> texts, boolean tokenVectors) {
        int maxTokens = network.maxTokens();
        long bytes = 0;
        for (String text : texts) {
            bytes += tokenVectors ? QueueBudget.textBytes(text, maxTokens, 0, tokenDimension())
                    : QueueBudget.textBytes(text, maxTokens, dimension(), 0);
        }
        QueueBudget.Reservation reservation = budget.reserve(bytes, texts.size(), name);
        // The queue's bound counts the request's memory from here on (its body too), for as long
        // as it waits: the bound on large bodies need not, and may let others in meanwhile.
        HeapShare.handOver();
        return reservation;
    }

    /**
     * Each token's vector ({@code [text][token][dimension]}, the last hidden state) for texts
     * tokenized by the caller (cut as it chose), in runs shared with other requests.
     */
    public List<float[][]> tokenVectors(List<SentenceTransformer.Tokenized> texts) {
        return batcher.submit(texts.stream().map(text -> new Job(text, null)).toList()).stream()
                .map(Output::tokens).toList();
    }

    /**
     * Sentence vectors for texts tokenized by the caller, pooled leaving the first {@code masked}
     * tokens out (a prompt the model does not pool), through the Dense layers, and scaled to unit
     * length if {@code scaled} and the model is set so. Only these vectors are kept, never the
     * texts' token vectors.
     */
    public List<float[]> sentenceVectors(List<SentenceTransformer.Tokenized> texts, int masked, boolean scaled) {
        PoolAs pool = new PoolAs(masked, scaled);
        return batcher.submit(texts.stream().map(text -> new Job(text, pool)).toList()).stream()
                .map(Output::sentence).toList();
    }

    /** Each token's contextual vector (the network's last hidden state, not normalised). */
    public TokenVectors tokenVectors(String text) {
        SentenceTransformer.Tokenized tokenized;
        float[][] vectors;
        try (QueueBudget.Reservation held = admit(List.of(text), true)) {
            tokenized = network.tokenize(text);
            vectors = tokenVectors(List.of(tokenized)).get(0);
        }
        List<TokenVector> tokens = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            // Special tokens ([CLS], [SEP]) cover no text: (0, 0), as Hugging Face's tokenizers give them.
            boolean covers = tokenized.start(i) >= 0;
            tokens.add(new TokenVector(tokenized.tokens()[i], covers ? tokenized.start(i) : 0,
                    covers ? tokenized.end(i) : 0, vectors[i]));
        }
        return new TokenVectors(tokens, tokenized.truncated());
    }

    @Override
    public boolean hasReferenceComponent() {
        return false;
    }

    @Override
    public String pooling() {
        return network.settings().pooling().id();
    }

    /** Runs of the network so far, and texts run: their ratio is the mean number of texts per run. */
    public long runs() {
        return runs.get();
    }

    public long textsRun() {
        return batcher.items();
    }

    @Override
    public void close() {
        batcher.close();
        network.close();
    }
}
