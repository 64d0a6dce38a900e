package dev.wordvec.vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dynamic batching for nearest-word searches: searches that arrive together are scored in one
 * matrix product, so the matrix is read once per batch instead of once per request (see
 * {@link Batcher} for how batches form and how a close answers everything queued).
 */
public final class SearchBatcher implements AutoCloseable {

    private record Pending(Search search, int restrictRows) {
    }

    /** Searches scored in one product: the same restriction, and all 3CosMul or none. */
    private record Product(int restrictRows, boolean cosMul) {
    }

    private final WordVectors vectors;
    private final Batcher<Pending, List<Neighbor>> batcher;
    /** Takes half of a batch's rows when no other batch is being scored (a search alone, on a quiet service). */
    private final SpareCore spare;
    private final AtomicLong products = new AtomicLong();

    /**
     * @param workers threads scoring batches (each batch is one product)
     * @param maxBatch most searches in one product
     * @param maxWaitMicros how long a worker waits for more searches once it has some (0: not at all)
     */
    public SearchBatcher(WordVectors vectors, String name, int workers, int maxBatch, long maxWaitMicros) {
        this.vectors = vectors;
        this.spare = new SpareCore("wordvec-search-" + name + "-spare");
        this.batcher = new Batcher<>(this::score, "wordvec-search-" + name, workers, maxBatch, maxWaitMicros);
    }

    /**
     * Scores {@code searches} (with the next batch of other requests' searches) and waits for the answers.
     *
     * @throws ModelClosedException when the batcher is closed before the searches are scored
     */
    public List<List<Neighbor>> search(List<Search> searches, int restrictRows) {
        return batcher.submit(searches.stream().map(search -> new Pending(search, restrictRows)).toList());
    }

    /** One product per distinct {@code restrictRows} and kind (3CosMul or not) in the batch (almost always one). */
    private List<List<Neighbor>> score(List<Pending> batch) {
        Map<Product, List<Integer>> byProduct = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            byProduct.computeIfAbsent(new Product(pending.restrictRows(), pending.search().isCosMul()),
                    p -> new ArrayList<>()).add(i);
        }
        @SuppressWarnings("unchecked")
        List<Neighbor>[] results = new List[batch.size()];
        // The only work there is: a core is likely idle. Under load the workers keep the cores busy.
        SpareCore free = batcher.alone() ? spare : null;
        byProduct.forEach((product, group) -> {
            List<Search> searches = group.stream().map(i -> batch.get(i).search()).toList();
            int restrictRows = product.restrictRows();
            List<List<Neighbor>> scored = product.cosMul() ? vectors.searchCosMul(searches, restrictRows, free)
                    : vectors.search(searches, restrictRows, free);
            products.incrementAndGet();
            for (int j = 0; j < group.size(); j++) {
                results[group.get(j)] = scored.get(j);
            }
        });
        return Arrays.asList(results);
    }

    /** Matrix products run so far. */
    public long products() {
        return products.get();
    }

    /** Parts of batches scored on the spare thread so far. */
    long spareParts() {
        return spare.parts();
    }

    /** Searches answered so far; divided by {@link #products()}, the mean batch size. */
    public long searches() {
        return batcher.items();
    }

    /**
     * Stops the workers and answers every queued search with {@link ModelClosedException}. A
     * batch being scored finishes (or fails the same way, if the model's memory is closed
     * meanwhile); {@link WordVectors#close} waits for it before freeing the matrix.
     */
    @Override
    public void close() {
        batcher.close();
        spare.close();
    }
}
