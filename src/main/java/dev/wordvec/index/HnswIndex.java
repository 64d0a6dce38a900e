package dev.wordvec.index;

import dev.wordvec.vectors.Dtype;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 * A search walks the graph for {@code max(k, efSearch)} candidates, by the rows' int8
 * {@link RowCodes} when the index has them (float32 and float16 models; an int8 model's rows are
 * as small already), scores those candidates from the rows themselves and keeps the best
 * {@code k}, each with its exact cosine, as the exact search would. Thread-safe: the graph is
 * read-only and each search has its own cursor and buffers.
 */
public final class HnswIndex {

    private static final Logger log = LoggerFactory.getLogger(HnswIndex.class);

    /** What an index file's name ends with, after its converted model's name. */
    public static final String EXTENSION = IndexFile.EXTENSION;

    /**
     * The end of the name of the index file for rows stored as {@code dtype} and a graph built
     * with {@code settings}, after its converted model's name, such as
     * {@code .float32-m16-beam100.hnsw}. The file's content depends on all three, so two models
     * of one file that differ in them (float32 beside int8, say) keep one index each instead of
     * rebuilding each other's at every start.
     */
    public static String fileSuffix(Dtype dtype, HnswSettings settings) {
        return "." + dtype.name().toLowerCase(Locale.ROOT) + "-m" + settings.m() + "-beam" + settings.beamWidth()
                + EXTENSION;
    }

    /** Below this share of the vocabulary, a restricted search is left to the exact search (see {@link #serves}). */
    private static final int SMALLEST_SHARE = 10;

    /** Higher cosine first; the lower row first among equals, as in the exact search. */
    private static final Comparator<ScoreDoc> BEST_FIRST = Comparator.<ScoreDoc>comparingDouble(d -> -d.score)
            .thenComparingInt(d -> d.doc);

    /** Where the graph came from: built now, or mapped from the file a previous start wrote. */
    public enum Origin { BUILT, MAPPED }

    private final WordVectors vectors;
    private final UnitRows rows;
    private final RowCodes codes;
    private final RowScorers scorers;
    private final PackedGraph graph;
    private final HnswSettings settings;
    private final Origin origin;
    private final Duration took;
    private final Path file;

    private HnswIndex(WordVectors vectors, UnitRows rows, RowCodes codes, PackedGraph graph, HnswSettings settings,
            Origin origin, Duration took, Path file) {
        this.vectors = vectors;
        this.rows = rows;
        this.codes = codes;
        this.scorers = new RowScorers(rows, codes);
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
     * @param sourceSize the model file's size (with {@code sourceFingerprint}, what makes a kept graph fresh)
     */
    public static HnswIndex open(WordVectors vectors, HnswSettings settings, Path file, long sourceSize,
            long sourceFingerprint, Consumer<IndexProgress> progress) {
        long started = System.nanoTime();
        IndexStamp stamp = new IndexStamp(sourceSize, sourceFingerprint, vectors.vocabulary().size(),
                vectors.dimension(), vectors.dtype().name().toLowerCase(Locale.ROOT), settings.m(),
                settings.beamWidth());
        if (file != null && Files.exists(file)) {
            try {
                IndexFile.Contents kept = IndexFile.map(file, stamp);
                PackedGraph mapped = kept.graph();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                log.info("Mapped the HNSW index {} ({} MB, {} levels{}) in {} ms", file,
                        String.format(Locale.ROOT, "%.1f", mapped.bytes() / 1e6), mapped.levels(),
                        kept.codes() == null ? ""
                                : String.format(Locale.ROOT, ", %.1f MB of codes", kept.codes().bytes() / 1e6),
                        took.toMillis());
                return new HnswIndex(vectors, UnitRows.kept(vectors, kept.inverseNorms()), kept.codes(), mapped,
                        settings, Origin.MAPPED, took, file);
            } catch (IndexFile.Unusable e) {
                log.warn("The HNSW index {} is {} and is rebuilt: {}", file, e.stale() ? "stale" : "damaged",
                        e.getMessage());
            } catch (IOException e) {
                log.warn("The HNSW index {} cannot be read and is rebuilt: {}", file, e.toString());
            }
        }
        UnitRows rows = UnitRows.of(vectors);
        PackedGraph built = build(rows, settings, progress);
        RowCodes codes = withCodes(vectors, built) ? RowCodes.of(rows) : null;
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("Built the HNSW index of {} rows (m {}, beam width {}, {} threads) in {} s: {} MB, {} levels; {}",
                rows.size(), settings.m(), settings.beamWidth(), settings.buildThreads(),
                String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0),
                String.format(Locale.ROOT, "%.1f", built.bytes() / 1e6),
                built.levels(), codes == null ? "searches walk it by the rows"
                        : String.format(Locale.ROOT, "%.1f MB of int8 codes for searches to walk it by",
                                codes.bytes() / 1e6));
        if (file != null) {
            try {
                IndexFile.write(file, stamp, built, rows.inverseNorms(), codes);
                // Served from the file from now on, as on later starts: the heap copies can go.
                IndexFile.Contents written = IndexFile.map(file, stamp);
                log.info("Wrote the HNSW index to {}; later starts map it", file);
                removeEarlierName(file, vectors.dtype(), settings);
                return new HnswIndex(vectors, rows, written.codes(), written.graph(), settings, Origin.BUILT, took,
                        file);
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot write the HNSW index to {} ({}); it is kept in memory and built again at the "
                        + "next start", file, e.toString());
            }
        }
        return new HnswIndex(vectors, rows, codes, built, settings, Origin.BUILT, took, null);
    }

    /**
     * Deletes the index that wordvec before 2026-12-04 kept for the same model as
     * {@code <model>.wvc.hnsw}, without dtype and graph settings in its name: no build reads it any
     * more, and it would stay in the cache directory, as large as the new one, for good.
     */
    private static void removeEarlierName(Path file, Dtype dtype, HnswSettings settings) {
        String name = file.getFileName().toString();
        String suffix = fileSuffix(dtype, settings);
        if (!name.endsWith(suffix)) {
            return;
        }
        Path earlier = file.resolveSibling(name.substring(0, name.length() - suffix.length()) + EXTENSION);
        try {
            if (Files.deleteIfExists(earlier)) {
                log.info("Deleted {}, the index an earlier version kept for this model", earlier);
            }
        } catch (IOException e) {
            log.warn("Cannot delete {}, the index an earlier version kept for this model: {}", earlier, e.toString());
        }
    }

    /**
     * Whether the index keeps int8 codes of the rows for its walks: not for an int8 model (its rows
     * are codes already), nor when they would take the index file past what one mapping holds.
     */
    private static boolean withCodes(WordVectors vectors, PackedGraph graph) {
        int rows = vectors.vocabulary().size();
        return vectors.dtype() != Dtype.INT8
                && IndexFile.fits(IndexFile.bodyBytes(graph.bytes(), rows, vectors.dimension()));
    }

    private static PackedGraph build(UnitRows rows, HnswSettings settings, Consumer<IndexProgress> progress) {
        int threads = settings.buildThreads();
        int total = rows.size();
        RowScorers scorers = new RowScorers(rows, null);
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
            HnswGraphSearcher.search(scorers.walk(query), collector, graph.cursor(scorers::touch), accepted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScoreDoc[] found = collector.topDocs().scoreDocs;
        float[] scratch = new float[rows.dimension()];
        if (codes != null) {
            // The walk ranked its candidates by their codes: rank them again by their rows.
            for (ScoreDoc candidate : found) {
                candidate.score = rows.cosine(query, candidate.doc, scratch);
            }
            Arrays.sort(found, BEST_FIRST);
        }
        List<Neighbor> neighbors = new ArrayList<>(Math.min(search.k(), found.length));
        for (int i = 0; i < found.length && neighbors.size() < search.k(); i++) {
            float cosine = codes != null ? found[i].score : rows.cosine(query, found[i].doc, scratch);
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
        return VectorMath.unitLength(sum);
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

    /** Bytes of the graph, of the rows' norms and of their codes. */
    public long bytes() {
        return graph.bytes() + rows.bytes() + (codes == null ? 0 : codes.bytes());
    }

    /** Whether searches walk the graph by int8 codes of the rows (see {@link RowCodes}). */
    public boolean walksByCodes() {
        return codes != null;
    }

    public int levels() {
        return graph.levels();
    }
}
