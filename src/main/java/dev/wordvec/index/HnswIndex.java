package dev.wordvec.index;

import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.Search;
import dev.wordvec.vectors.Term;
import dev.wordvec.vectors.VectorMath;
import dev.wordvec.vectors.WordVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswBuilder;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approximate nearest words for one model: Lucene's HNSW graph over the model's rows by cosine.
 * A search walks the graph for {@code max(k, efSearch)} candidates, keeps the best {@code k}
 * and gives each its exact cosine, as the exact search would. Thread-safe: the graph is
 * read-only and each search has its own cursor and buffers.
 */
public final class HnswIndex {

    private static final Logger log = LoggerFactory.getLogger(HnswIndex.class);

    /** What an index file's name ends with, after its converted model's name. */
    public static final String EXTENSION = IndexFile.EXTENSION;

    /** Below this share of the vocabulary, a restricted search is left to the exact search (see {@link #serves}). */
    private static final int SMALLEST_SHARE = 10;

    /** Where the graph came from: built now, or mapped from the file a previous start wrote. */
    public enum Origin { BUILT, MAPPED }

    private final WordVectors vectors;
    private final UnitRows rows;
    private final RowScorers scorers;
    private final PackedGraph graph;
    private final HnswSettings settings;
    private final Origin origin;
    private final Duration took;
    private final Path file;

    private HnswIndex(WordVectors vectors, UnitRows rows, PackedGraph graph, HnswSettings settings, Origin origin,
            Duration took, Path file) {
        this.vectors = vectors;
        this.rows = rows;
        this.scorers = new RowScorers(rows);
        this.graph = graph;
        this.settings = settings;
        this.origin = origin;
        this.took = took;
        this.file = file;
    }

    /**
     * The index of {@code vectors}: mapped from {@code file} when it holds a fresh, intact graph
     * for them, else built (reporting progress about once a second) and written to {@code file}.
     * A stale or damaged file is logged and rebuilt; a file that cannot be written is logged and
     * the graph kept in memory.
     *
     * @param file where the graph is kept; null to build it in memory every time
     * @param sourceSize the model file's size (with {@code sourceModified}, what makes a kept graph fresh)
     */
    public static HnswIndex open(WordVectors vectors, HnswSettings settings, Path file, long sourceSize,
            long sourceModified, Consumer<IndexProgress> progress) {
        long started = System.nanoTime();
        IndexStamp stamp = new IndexStamp(sourceSize, sourceModified, vectors.vocabulary().size(), vectors.dimension(),
                vectors.dtype().name().toLowerCase(), settings.m(), settings.beamWidth());
        if (file != null && Files.exists(file)) {
            try {
                IndexFile.Contents kept = IndexFile.map(file, stamp);
                PackedGraph mapped = kept.graph();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                log.info("Mapped the HNSW index {} ({} MB, {} levels) in {} ms", file,
                        String.format("%.1f", mapped.bytes() / 1e6), mapped.levels(), took.toMillis());
                return new HnswIndex(vectors, UnitRows.kept(vectors, kept.inverseNorms()), mapped, settings,
                        Origin.MAPPED, took, file);
            } catch (IndexFile.Unusable e) {
                log.warn("The HNSW index {} is {} and is rebuilt: {}", file, e.stale() ? "stale" : "damaged",
                        e.getMessage());
            } catch (IOException e) {
                log.warn("The HNSW index {} cannot be read and is rebuilt: {}", file, e.toString());
            }
        }
        UnitRows rows = UnitRows.of(vectors);
        PackedGraph built = build(rows, settings, progress);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("Built the HNSW index of {} rows (m {}, beam width {}, {} threads) in {} s: {} MB, {} levels",
                rows.size(), settings.m(), settings.beamWidth(), settings.buildThreads(),
                String.format("%.1f", took.toMillis() / 1000.0), String.format("%.1f", built.bytes() / 1e6),
                built.levels());
        Path kept = null;
        if (file != null) {
            try {
                IndexFile.write(file, stamp, built, rows.inverseNorms());
                kept = file;
                log.info("Wrote the HNSW index to {}; later starts map it", file);
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot write the HNSW index to {} ({}); it is kept in memory and built again at the "
                        + "next start", file, e.toString());
            }
        }
        return new HnswIndex(vectors, rows, built, settings, Origin.BUILT, took, kept);
    }

    private static PackedGraph build(UnitRows rows, HnswSettings settings, Consumer<IndexProgress> progress) {
        int threads = settings.buildThreads();
        int total = rows.size();
        RowScorers scorers = new RowScorers(rows);
        ExecutorService workers = threads > 1 ? Executors.newFixedThreadPool(threads, daemon("wordvec-hnsw-build"))
                : null;
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(daemon("wordvec-hnsw-progress"));
        long started = System.nanoTime();
        try {
            HnswGraphBuilder single = HnswGraphBuilder.create(scorers, settings.m(), settings.beamWidth(),
                    HnswGraphBuilder.randSeed, total);
            // Lucene's concurrent builder fills the same (empty) graph from several threads.
            HnswBuilder builder = threads > 1 ? new HnswConcurrentMergeBuilder(new TaskExecutor(workers), threads,
                    scorers, settings.m(), settings.beamWidth(), single.getGraph(), null) : single;
            OnHeapHnswGraph growing = builder.getGraph();
            reporter.scheduleAtFixedRate(() -> progress.accept(new IndexProgress(growing.size(), total,
                    System.nanoTime() - started)), 1, 1, TimeUnit.SECONDS);
            OnHeapHnswGraph graph = builder.build(total);
            reporter.shutdownNow();
            progress.accept(new IndexProgress(total, total, System.nanoTime() - started));
            return PackedGraph.pack(graph);
        } catch (IOException e) {
            throw new UncheckedIOException("building the HNSW graph failed: " + e.getMessage(), e);
        } finally {
            reporter.shutdownNow();
            if (workers != null) {
                workers.shutdownNow();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Whether a search over the first {@code restrictRows} rows (0: all) goes through the graph.
     * A search restricted to a small share of the vocabulary would walk the graph mostly through
     * rows it may not answer, and the exact search over those few rows is cheap anyway.
     */
    public boolean serves(int restrictRows) {
        return restrictRows <= 0 || (long) restrictRows * SMALLEST_SHARE >= rows.size();
    }

    /**
     * The best rows for {@code search} among the first {@code restrictRows} (0: all), as
     * {@link WordVectors#search} answers it but approximately: the query's own words left out,
     * rows below its least similarity dropped, each answer with its exact cosine.
     */
    public List<Neighbor> search(Search search, int restrictRows) {
        float[] query = unitQuery(search.terms());
        int limit = restrictRows > 0 ? Math.min(restrictRows, rows.size()) : rows.size();
        int[] own = search.terms().stream().filter(Term::isWord).mapToInt(Term::row).toArray();
        Bits accepted = limit == rows.size() && own.length == 0 ? null : new Bits() {
            @Override
            public boolean get(int row) {
                if (row >= limit) {
                    return false;
                }
                for (int o : own) {
                    if (o == row) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public int length() {
                return rows.size();
            }
        };
        TopKnnCollector collector = new TopKnnCollector(Math.max(search.k(), settings.efSearch()), Integer.MAX_VALUE);
        try {
            HnswGraphSearcher.search(scorers.query(query), collector, graph.cursor(), accepted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScoreDoc[] found = collector.topDocs().scoreDocs;
        float[] scratch = new float[rows.dimension()];
        List<Neighbor> neighbors = new ArrayList<>(Math.min(search.k(), found.length));
        for (int i = 0; i < found.length && neighbors.size() < search.k(); i++) {
            float cosine = rows.cosine(query, found[i].doc, scratch);
            if (cosine >= search.minSimilarity()) {
                neighbors.add(new Neighbor(vectors.vocabulary().word(found[i].doc), cosine));
            }
        }
        return neighbors;
    }

    /** The weighted sum of the terms (word rows as unit vectors, vectors as given), made unit length. */
    private float[] unitQuery(List<Term> terms) {
        int dimension = rows.dimension();
        double[] sum = new double[dimension];
        float[] row = new float[dimension];
        for (Term term : terms) {
            float[] vector = term.vector();
            if (term.isWord()) {
                rows.readUnit(term.row(), row);
                vector = row;
            } else if (vector.length != dimension) {
                throw new IllegalArgumentException("a query vector has " + vector.length + " dimensions, the model "
                        + dimension);
            }
            for (int d = 0; d < dimension; d++) {
                sum[d] += (double) term.weight() * vector[d];
            }
        }
        float[] query = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            query[d] = (float) sum[d];
        }
        return VectorMath.unitLength(query);
    }

    public HnswSettings settings() {
        return settings;
    }

    public Origin origin() {
        return origin;
    }

    /** How long building (or mapping) the index took. */
    public Duration took() {
        return took;
    }

    /** Where the graph is kept; null when it lives in memory only. */
    public Path file() {
        return file;
    }

    /** Bytes of the graph, and of the rows' norms. */
    public long bytes() {
        return graph.bytes() + rows.bytes();
    }

    public int levels() {
        return graph.levels();
    }
}
