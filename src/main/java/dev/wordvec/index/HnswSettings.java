package dev.wordvec.index;

/**
 * How an HNSW index is built and searched.
 *
 * @param m the most neighbours a node keeps on the upper levels (twice this on the bottom one);
 *     more gives better recall and a larger, slower-to-build graph (Lucene's default, 16)
 * @param beamWidth how many candidates each insertion considers while building (Lucene's
 *     default, 100); more gives a better graph and a slower build
 * @param efSearch how many candidates a search keeps (at least {@code k}); more gives better
 *     recall and slower searches
 * @param threads threads building the graph (0: one per processor); a graph built by more than
 *     one thread differs from run to run, and is as good
 */
public record HnswSettings(int m, int beamWidth, int efSearch, int threads) {

    /** The defaults: recall@10 about 0.97 on real word vectors (docs/benchmarks.md). */
    public static final HnswSettings DEFAULTS = new HnswSettings(16, 100, 100, 0);

    public HnswSettings {
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("hnsw m must be between 2 and 512, not " + m);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("hnsw beam-width must be between 1 and 3200, not " + beamWidth);
        }
        if (efSearch < 1) {
            throw new IllegalArgumentException("hnsw ef-search must be at least 1, not " + efSearch);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("hnsw threads must be 0 (one per processor) or more, not " + threads);
        }
    }

    /** Threads that build the graph, 0 resolved to the processors available. */
    int buildThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
