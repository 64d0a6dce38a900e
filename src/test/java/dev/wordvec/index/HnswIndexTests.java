package dev.wordvec.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelReader;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.vectors.Dtype;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.Search;
import dev.wordvec.vectors.Term;
import dev.wordvec.vectors.WordVectors;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HNSW index against the exact search: identical answers where the search can visit the
 * whole graph (efSearch at least the vocabulary), recall against the brute-force oracle on the
 * built-in real model, and the index file's fresh, stale and damaged cases.
 */
class HnswIndexTests {

    private static final String SMALL = "src/test/resources/fixtures/lee_fasttext.vec";
    private static final String BUILT_IN = "src/main/resources/models/demo-57k-100d.vec.gz";

    private static ParsedVectors small;

    @TempDir
    Path tmp;

    @BeforeAll
    static void read() throws Exception {
        small = ModelReader.read(ModelSource.of(SMALL), ModelFormat.AUTO, p -> { });
    }

    @AfterAll
    static void free() {
        small = null;
    }

    /** efSearch no smaller than the vocabulary: the search visits every node, so it is exact. */
    private static HnswSettings exhaustive(int rows) {
        return new HnswSettings(8, 50, rows, 1);
    }

    @ParameterizedTest
    @EnumSource(Dtype.class)
    void aSearchThatVisitsTheWholeGraphEqualsTheExactSearchInEveryDtype(Dtype dtype) {
        try (WordVectors vectors = new WordVectors(small.vocabulary(), small.matrix(), dtype)) {
            int rows = vectors.vocabulary().size();
            HnswIndex index = HnswIndex.open(vectors, exhaustive(rows), null, 0, 0, p -> { });
            for (int row = 0; row < rows; row += 7) {
                Search search = new Search(List.of(Term.word(row, 1)), 10, Float.NEGATIVE_INFINITY);
                assertSame(index.search(search, 0), vectors.search(List.of(search), 0).get(0), dtype);
            }
        }
    }

    @Test
    void restrictionsLeastSimilarityVectorsAndAnalogiesBehaveAsInTheExactSearch() {
        try (WordVectors vectors = new WordVectors(small.vocabulary(), small.matrix(), Dtype.FLOAT32)) {
            int rows = vectors.vocabulary().size();
            HnswIndex index = HnswIndex.open(vectors, exhaustive(rows), null, 0, 0, p -> { });
            Random random = new Random(13);
            for (int i = 0; i < 50; i++) {
                int a = random.nextInt(rows);
                int b = random.nextInt(rows);
                int c = random.nextInt(rows);
                float[] raw = vectors.vector(random.nextInt(rows));
                // Scaled far, so that its squares leave float32's range: the same answer.
                float[] scaled = raw.clone();
                for (int d = 0; d < scaled.length; d++) {
                    scaled[d] *= i % 2 == 0 ? 1e-30f : 1e37f;
                }
                List<Search> searches = List.of(
                        new Search(List.of(Term.word(a, 1), Term.word(b, -1), Term.word(c, 1)), 5, Float.NEGATIVE_INFINITY),
                        new Search(List.of(Term.vector(raw, 1)), 10, Float.NEGATIVE_INFINITY),
                        new Search(List.of(Term.vector(scaled, 2)), 10, Float.NEGATIVE_INFINITY),
                        new Search(List.of(Term.word(a, 1)), 20, 0.5f));
                int restrict = 1 + random.nextInt(rows);
                for (Search search : searches) {
                    assertSame(index.search(search, restrict), vectors.search(List.of(search), restrict).get(0));
                    assertSame(index.search(search, 0), vectors.search(List.of(search), 0).get(0));
                }
            }
        }
    }

    @Test
    void recallAtTenOnTheBuiltInRealModelIsAtLeastNinetyFivePercentWithTheDefaults() throws Exception {
        ParsedVectors parsed = ModelReader.read(ModelSource.of(BUILT_IN), ModelFormat.AUTO, p -> { });
        try (WordVectors vectors = new WordVectors(parsed.vocabulary(), parsed.matrix(), Dtype.FLOAT32)) {
            List<IndexProgress> progress = new ArrayList<>();
            HnswIndex index = HnswIndex.open(vectors, HnswSettings.DEFAULTS, null, 0, 0, progress::add);
            assertThat(progress).isNotEmpty().last().satisfies(p -> assertThat(p.nodes()).isEqualTo(p.total()));
            int rows = vectors.vocabulary().size();
            Random random = new Random(7);
            int found = 0;
            int asked = 0;
            for (int q = 0; q < 300; q++) {
                Search search = new Search(List.of(Term.word(random.nextInt(rows), 1)), 10, Float.NEGATIVE_INFINITY);
                List<String> exact = vectors.search(List.of(search), 0).get(0).stream().map(Neighbor::word).toList();
                List<String> approximate = index.search(search, 0).stream().map(Neighbor::word).toList();
                found += (int) approximate.stream().filter(exact::contains).count();
                asked += exact.size();
            }
            assertThat(found / (double) asked).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void writingAnIndexDeletesTheOneAnEarlierVersionKeptUnderTheModelsName() throws Exception {
        try (WordVectors vectors = new WordVectors(small.vocabulary(), small.matrix(), Dtype.FLOAT32)) {
            HnswSettings settings = exhaustive(vectors.vocabulary().size());
            Path earlier = Files.write(tmp.resolve("lee.wvc" + HnswIndex.EXTENSION), new byte[100]);
            Path otherModel = Files.write(tmp.resolve("other.wvc" + HnswIndex.EXTENSION), new byte[100]);
            Path file = tmp.resolve("lee.wvc" + HnswIndex.fileSuffix(Dtype.FLOAT32, settings));
            assertThat(file.getFileName().toString()).isEqualTo("lee.wvc.float32-m" + settings.m() + "-beam"
                    + settings.beamWidth() + ".hnsw");

            assertThat(HnswIndex.open(vectors, settings, file, 100, 200, p -> { }).origin())
                    .isEqualTo(HnswIndex.Origin.BUILT);
            assertThat(file).exists();
            assertThat(earlier).doesNotExist();
            assertThat(otherModel).exists();
        }
    }

    @Test
    void aKeptIndexIsMappedWhenFreshAndRebuiltWhenStaleOrDamaged() throws Exception {
        try (WordVectors vectors = new WordVectors(small.vocabulary(), small.matrix(), Dtype.FLOAT32)) {
            int rows = vectors.vocabulary().size();
            HnswSettings settings = exhaustive(rows);
            Path file = tmp.resolve("lee.wvc" + HnswIndex.EXTENSION);
            HnswIndex built = HnswIndex.open(vectors, settings, file, 100, 200, p -> { });
            assertThat(built.origin()).isEqualTo(HnswIndex.Origin.BUILT);
            assertThat(built.file()).isEqualTo(file);
            assertThat(Files.size(file)).isGreaterThan(72);

            HnswIndex mapped = HnswIndex.open(vectors, settings, file, 100, 200, p -> { });
            assertThat(mapped.origin()).isEqualTo(HnswIndex.Origin.MAPPED);
            Search search = new Search(List.of(Term.word(3, 1)), 10, Float.NEGATIVE_INFINITY);
            assertSame(mapped.search(search, 0), vectors.search(List.of(search), 0).get(0));

            // The model file changed (another size): stale, rebuilt, and the new graph kept.
            assertThat(HnswIndex.open(vectors, settings, file, 101, 200, p -> { }).origin())
                    .isEqualTo(HnswIndex.Origin.BUILT);
            assertThat(HnswIndex.open(vectors, settings, file, 101, 200, p -> { }).origin())
                    .isEqualTo(HnswIndex.Origin.MAPPED);
            // Other graph settings: stale too.
            assertThat(HnswIndex.open(vectors, new HnswSettings(12, 50, rows, 1), file, 101, 200, p -> { }).origin())
                    .isEqualTo(HnswIndex.Origin.BUILT);

            // One byte of the graph flipped: the checksum catches it.
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                raw.seek(raw.length() / 2);
                int b = raw.read();
                raw.seek(raw.length() / 2);
                raw.write(b ^ 0x5a);
            }
            HnswIndex repaired = HnswIndex.open(vectors, new HnswSettings(12, 50, rows, 1), file, 101, 200, p -> { });
            assertThat(repaired.origin()).isEqualTo(HnswIndex.Origin.BUILT);
            assertSame(repaired.search(search, 0), vectors.search(List.of(search), 0).get(0));

            // Truncated, and not an index at all.
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                raw.setLength(raw.length() - 8);
            }
            assertThat(HnswIndex.open(vectors, settings, file, 101, 200, p -> { }).origin())
                    .isEqualTo(HnswIndex.Origin.BUILT);
            Files.writeString(file, "not a graph at all, but long enough to hold a header of seventy-two bytes....");
            assertThat(HnswIndex.open(vectors, settings, file, 101, 200, p -> { }).origin())
                    .isEqualTo(HnswIndex.Origin.BUILT);
            assertThat(HnswIndex.open(vectors, settings, file, 101, 200, p -> { }).origin())
                    .isEqualTo(HnswIndex.Origin.MAPPED);
        }
    }

    @ParameterizedTest
    @EnumSource(Dtype.class)
    void floatModelsAreWalkedByCodesKeptInTheFileAndInt8ModelsByTheirRows(Dtype dtype) throws Exception {
        try (WordVectors vectors = new WordVectors(small.vocabulary(), small.matrix(), dtype)) {
            int rows = vectors.vocabulary().size();
            Path file = tmp.resolve("lee-" + dtype + HnswIndex.EXTENSION);
            HnswSettings settings = new HnswSettings(8, 50, 40, 1); // one thread: the same graph every time
            HnswIndex inMemory = HnswIndex.open(vectors, settings, null, 100, 200, p -> { });
            HnswIndex.open(vectors, settings, file, 100, 200, p -> { });
            HnswIndex mapped = HnswIndex.open(vectors, settings, file, 100, 200, p -> { });
            assertThat(mapped.origin()).isEqualTo(HnswIndex.Origin.MAPPED);
            boolean codes = dtype != Dtype.INT8;
            assertThat(inMemory.walksByCodes()).isEqualTo(codes);
            assertThat(mapped.walksByCodes()).isEqualTo(codes);
            assertThat(mapped.bytes()).isEqualTo(inMemory.bytes()).isEqualTo(Files.size(file) - 72);
            for (int row = 0; row < rows; row += 13) {
                Search search = new Search(List.of(Term.word(row, 1)), 10, Float.NEGATIVE_INFINITY);
                assertThat(mapped.search(search, 0)).isEqualTo(inMemory.search(search, 0));
            }
        }
    }

    @Test
    void anIndexFileOfTheFormerFormatIsStaleAndRebuilt() throws Exception {
        try (WordVectors vectors = new WordVectors(small.vocabulary(), small.matrix(), Dtype.FLOAT32)) {
            HnswSettings settings = exhaustive(vectors.vocabulary().size());
            Path file = tmp.resolve("lee.wvc" + HnswIndex.EXTENSION);
            HnswIndex.open(vectors, settings, file, 100, 200, p -> { });
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                raw.seek(8); // the version, little-endian, after the magic bytes
                raw.write(2);
            }
            assertThat(HnswIndex.open(vectors, settings, file, 100, 200, p -> { }).origin())
                    .isEqualTo(HnswIndex.Origin.BUILT);
            assertThat(HnswIndex.open(vectors, settings, file, 100, 200, p -> { }).origin())
                    .isEqualTo(HnswIndex.Origin.MAPPED);
        }
    }

    @Test
    void codesGiveCosinesCloseToTheRowsAndAZeroRowScoresZero() {
        Random random = new Random(5);
        int dimension = 300;
        for (int i = 0; i < 200; i++) {
            float[] a = unit(random, dimension);
            float[] b = unit(random, dimension);
            if (i % 2 == 0) { // half the pairs close together, as neighbours are
                for (int d = 0; d < dimension; d++) {
                    b[d] = a[d] + 0.3f * b[d];
                }
                b = dev.wordvec.vectors.VectorMath.unitLength(b);
            }
            byte[] codeA = new byte[dimension];
            byte[] codeB = new byte[dimension];
            float scaleA = RowCodes.quantise(a, codeA);
            float scaleB = RowCodes.quantise(b, codeB);
            RowCodes one = RowCodes.kept(java.nio.ByteBuffer.wrap(codeB), new float[] {scaleB}, dimension);
            double exact = 0;
            for (int d = 0; d < dimension; d++) {
                exact += a[d] * b[d];
            }
            assertThat(one.cosine(codeA, scaleA, 0, new byte[dimension])).isCloseTo((float) exact, within(0.01f));
        }
        byte[] zero = new byte[4];
        assertThat(RowCodes.quantise(new float[4], zero)).isZero();
        assertThat(zero).containsOnly(0);
    }

    private static float[] unit(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return dev.wordvec.vectors.VectorMath.unitLength(v);
    }

    @Test
    void anUnwritableDirectoryKeepsTheGraphInMemory() throws Exception {
        Path blocker = tmp.resolve("file-not-directory");
        Files.writeString(blocker, "x");
        try (WordVectors vectors = new WordVectors(small.vocabulary(), small.matrix(), Dtype.FLOAT32)) {
            HnswIndex index = HnswIndex.open(vectors, exhaustive(vectors.vocabulary().size()),
                    blocker.resolve("lee.hnsw"), 1, 1, p -> { });
            assertThat(index.file()).isNull();
            Search search = new Search(List.of(Term.word(0, 1)), 10, Float.NEGATIVE_INFINITY);
            assertSame(index.search(search, 0), vectors.search(List.of(search), 0).get(0));
        }
    }

    @Test
    void severalBuildThreadsMakeAGraphAsGood() {
        try (WordVectors vectors = new WordVectors(small.vocabulary(), small.matrix(), Dtype.FLOAT32)) {
            int rows = vectors.vocabulary().size();
            HnswIndex index = HnswIndex.open(vectors, new HnswSettings(8, 50, rows, 2), null, 0, 0, p -> { });
            IntStream.range(0, 40).forEach(row -> {
                Search search = new Search(List.of(Term.word(row * 11, 1)), 10, Float.NEGATIVE_INFINITY);
                assertSame(index.search(search, 0), vectors.search(List.of(search), 0).get(0));
            });
        }
    }

    @Test
    void aSmallRestrictionIsLeftToTheExactSearch() {
        try (WordVectors vectors = new WordVectors(small.vocabulary(), small.matrix(), Dtype.FLOAT32)) {
            int rows = vectors.vocabulary().size();
            HnswIndex index = HnswIndex.open(vectors, exhaustive(rows), null, 0, 0, p -> { });
            assertThat(index.serves(0)).isTrue();
            assertThat(index.serves(rows)).isTrue();
            assertThat(index.serves(rows / 10 + 1)).isTrue();
            assertThat(index.serves(rows / 20)).isFalse();
        }
    }

    private static void assertSame(List<Neighbor> approximate, List<Neighbor> exact) {
        assertSame(approximate, exact, Dtype.FLOAT32);
    }

    /**
     * Same words in the same order (ties aside), cosines to 1e-5. For float16 and int8, to 1e-3:
     * their exact search multiplies in half precision (float16) or by the int8 codes and then each
     * row's scale (int8), while the index reads each row widened to float32 and multiplies in
     * float32; the two roundings differ by about 1e-4.
     */
    private static void assertSame(List<Neighbor> approximate, List<Neighbor> exact, Dtype dtype) {
        float tolerance = dtype == Dtype.FLOAT32 ? 1e-5f : 1e-3f;
        assertThat(approximate).hasSameSizeAs(exact);
        for (int i = 0; i < exact.size(); i++) {
            assertThat(approximate.get(i).similarity()).isCloseTo(exact.get(i).similarity(), within(tolerance));
            if (i + 1 < exact.size() && exact.get(i).similarity() - exact.get(i + 1).similarity() > tolerance
                    && (i == 0 || exact.get(i - 1).similarity() - exact.get(i).similarity() > tolerance)) {
                assertThat(approximate.get(i).word()).isEqualTo(exact.get(i).word());
            }
        }
    }
}
