package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.testing.GensimExpected;
import dev.wordvec.vectors.RowBlocks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Converted files, the load cache that keeps them, and the {@code convert} command. */
class ModelCacheTests {

    private static final GensimExpected GENSIM = GensimExpected.load();

    @TempDir
    Path tmp;

    private static ParsedVectors parse(Path file) throws ModelFileException {
        return ModelReader.read(ModelSource.of(file.toString()), ModelFormat.AUTO, p -> { });
    }

    private static void assertSameModel(ParsedVectors actual, ParsedVectors expected) {
        assertThat(actual.vocabulary().size()).isEqualTo(expected.vocabulary().size());
        assertThat(actual.dimension()).isEqualTo(expected.dimension());
        float[] a = new float[expected.dimension()];
        float[] e = new float[expected.dimension()];
        for (int row = 0; row < expected.vocabulary().size(); row++) {
            assertThat(actual.vocabulary().word(row)).isEqualTo(expected.vocabulary().word(row));
            actual.matrix().read(row, a, 0);
            expected.matrix().read(row, e, 0);
            for (int d = 0; d < a.length; d++) {
                assertThat(Float.floatToRawIntBits(a[d])).isEqualTo(Float.floatToRawIntBits(e[d]));
            }
        }
    }

    /** Mapped read-only from a converted file, rather than parsed into memory of our own. */
    private static boolean mapped(ParsedVectors vectors) {
        return vectors.matrix().blocks().stream().allMatch(ByteBuffer::isReadOnly);
    }

    @Test
    void aConvertedFileMapsBackToExactlyTheSourceModel() throws Exception {
        for (String model : new String[] {"test_glove", "lee_fasttext", "euclidean_vectors", "crime_and_punishment"}) {
            if (!GENSIM.models().containsKey(model)) {
                continue;
            }
            Path source = GENSIM.model(model).path();
            ParsedVectors parsed = parse(source);
            Path converted = tmp.resolve(model + ".wvc");
            ConvertedModel.write(parsed, ConvertedModel.Stamp.of(source, parsed.format()), converted);
            assertThat(ConvertedModel.isConverted(converted)).isTrue();
            ConvertedModel.Mapped back = ConvertedModel.map(converted, RowBlocks.DEFAULT_BLOCK_BYTES);
            assertSameModel(back.vectors(), parsed);
            assertThat(back.vectors().format()).isEqualTo(parsed.format());
            assertThat(back.stamp().size()).isEqualTo(Files.size(source));
            assertThat(mapped(back.vectors())).isTrue();
        }
        assertThat(GENSIM.models()).containsKeys("test_glove", "lee_fasttext", "euclidean_vectors");
    }

    /**
     * The commands' cache is the service's: wordvec.cache-dir as a system property (or the
     * environment's WORDVEC_CACHEDIR, which the container image sets: ContainerImageIT), else the
     * user's cache directory.
     */
    @Test
    void theCommandsCacheIsWhereTheServiceWouldReadWordvecCacheDir() throws Exception {
        Path source = Files.copy(GENSIM.model("test_glove").path(), tmp.resolve("model.txt"));
        ModelSource at = ModelSource.of(source.toString());
        String before = System.getProperty("wordvec.cache-dir");
        try {
            System.setProperty("wordvec.cache-dir", tmp.resolve("set").toString());
            assertThat(ModelCache.shared().cacheFile(at, ModelFormat.AUTO, 0)).startsWithRaw(tmp.resolve("set"));
            System.clearProperty("wordvec.cache-dir");
            if (System.getenv("WORDVEC_CACHEDIR") == null) {
                assertThat(ModelCache.shared().cacheFile(at, ModelFormat.AUTO, 0))
                        .startsWithRaw(ModelCache.defaultDirectory());
            }
        } finally {
            if (before != null) {
                System.setProperty("wordvec.cache-dir", before);
            }
        }
    }

    @Test
    void theCacheConvertsOnceThenMapsAndRebuildsWhenTheSourceChanges() throws Exception {
        Path source = Files.copy(GENSIM.model("lee_fasttext").path(), tmp.resolve("model.vec"));
        ModelCache cache = new ModelCache(tmp.resolve("cache"), RowBlocks.DEFAULT_BLOCK_BYTES);
        ModelSource at = ModelSource.of(source.toString());
        ParsedVectors first = cache.load(at, ModelFormat.AUTO, 0, p -> { });
        Path cached = cache.cacheFile(at, ModelFormat.AUTO, 0);
        assertThat(cached).exists();
        assertSameModel(first, parse(source));
        ParsedVectors second = cache.load(at, ModelFormat.AUTO, 0, p -> { });
        assertThat(mapped(second)).isTrue();
        assertSameModel(second, first);

        // A new file in place (another size and time): the copy is stale and is rebuilt.
        Files.writeString(source, "2 2\nthe 1 2\nking 3 4\n");
        Files.setLastModifiedTime(source, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() + 5000));
        ParsedVectors changed = cache.load(at, ModelFormat.AUTO, 0, p -> { });
        assertThat(changed.vocabulary().size()).isEqualTo(2);
        assertThat(ConvertedModel.map(cached, RowBlocks.DEFAULT_BLOCK_BYTES).vectors().vocabulary().size()).isEqualTo(2);
        assertSameModel(cache.load(at, ModelFormat.AUTO, 0, p -> { }), changed);
    }

    /**
     * A text, word2vec binary or gensim file is read straight into its converted copy (version 5,
     * matrix first), which then serves the rows mapped: the copy exists when the load returns,
     * with no partial file beside it, and holds exactly what a plain read gives, under a limit too.
     */
    @Test
    void aModelIsReadStraightIntoItsCopyAndServedFromIt() throws Exception {
        Path dir = tmp.resolve("streamed");
        assertThat(RowBlocks.rowsPerBlock(GENSIM.model("test_glove").dimension(), 1000))
                .isLessThan(GENSIM.model("test_glove").vocabularySize()); // several blocks
        for (String model : new String[] {"test_glove", "euclidean_vectors", "lee_fasttext"}) {
            for (int limit : new int[] {0, 7}) {
                ModelSource at = ModelSource.of(GENSIM.model(model).path().toString());
                ModelCache cache = new ModelCache(dir, 1000); // small blocks: several of them
                ParsedVectors loaded = cache.load(at, ModelFormat.AUTO, limit, UnicodeErrors.STRICT, p -> { }, true);
                String what = model + ", limit " + limit;
                assertThat(mapped(loaded)).as(what).isTrue();
                int perBlock = RowBlocks.rowsPerBlock(loaded.dimension(), 1000);
                assertThat(loaded.matrix().blocks()).as(what)
                        .hasSize((loaded.vocabulary().size() + perBlock - 1) / perBlock);
                ParsedVectors plain = ModelReader.read(at, ModelFormat.AUTO, p -> { }, RowBlocks.DEFAULT_BLOCK_BYTES, limit);
                assertSameModel(loaded, plain);
                Path cached = cache.cacheFile(at, ModelFormat.AUTO, limit);
                assertThat(version(cached)).as(what).isEqualTo(5);
                ConvertedModel.Mapped back = ConvertedModel.map(cached, RowBlocks.DEFAULT_BLOCK_BYTES);
                assertSameModel(back.vectors(), plain);
                assertThat(back.vectors().format()).as(what).isEqualTo(plain.format());
                assertThat(back.stamp().size()).as(what).isEqualTo(Files.size(GENSIM.model(model).path()));
            }
        }
        // gensim's files: KeyedVectors (its array inside the pickle or beside it), a Word2Vec model,
        // and a FastText model without n-grams are streamed; one with n-grams keeps its rows in
        // memory, and its copy (with the n-grams) is written after the read.
        String gensim = "src/test/resources/gensim/native/";
        for (String model : new String[] {"glove.kv", "glove-aside.kv", "w2v.model", "ft-nongrams.model", "ft.model"}) {
            ModelSource at = ModelSource.of(gensim + model);
            ModelCache cache = new ModelCache(dir, RowBlocks.DEFAULT_BLOCK_BYTES);
            ParsedVectors loaded = cache.load(at, ModelFormat.AUTO, 0, p -> { });
            boolean withNgrams = model.equals("ft.model");
            assertThat(mapped(loaded)).as(model).isEqualTo(!withNgrams);
            Path cached = cache.cacheFile(at, ModelFormat.AUTO, 0);
            assertThat(version(cached)).as(model).isEqualTo(withNgrams ? 3 : 5);
            ParsedVectors plain = ModelReader.read(at, ModelFormat.AUTO, p -> { });
            assertSameModel(loaded, plain);
            assertSameModel(ConvertedModel.map(cached, RowBlocks.DEFAULT_BLOCK_BYTES).vectors(), plain);
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).hasSize(11).allMatch(n -> n.endsWith(".wvc"));
        }
    }

    /** A file that fails part-way leaves neither a copy nor a partial file, and says where it failed. */
    @Test
    void aModelThatFailsPartWayLeavesNoCopy() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("w").append(i).append(" 1 2 3\n");
        }
        Path broken = Files.writeString(tmp.resolve("broken.txt"), text + "bad 1 x 3\n");
        Path dir = tmp.resolve("failed");
        ModelCache cache = new ModelCache(dir, RowBlocks.DEFAULT_BLOCK_BYTES);
        assertThatThrownBy(() -> cache.load(ModelSource.of(broken.toString()), ModelFormat.AUTO, 0, p -> { }))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("line 5001");
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    /**
     * A load called off part-way (its thread interrupted, as a stopping service does) fails as
     * such, leaves no partial copy, and is not taken for a cache that cannot be written.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void anInterruptedLoadLeavesNoCopyAndIsNoCacheFailure(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        java.util.Random random = new java.util.Random(11);
        Path big = tmp.resolve("big.txt");
        try (var out = Files.newBufferedWriter(big)) {
            for (int row = 0; row < 20_000; row++) {
                out.write("w" + row);
                for (int d = 0; d < 50; d++) {
                    out.write(" " + (random.nextInt(2_000_000) - 1_000_000) / 1e6);
                }
                out.write("\n");
            }
        }
        Path dir = tmp.resolve("interrupted");
        ModelCache cache = new ModelCache(dir, RowBlocks.DEFAULT_BLOCK_BYTES);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        // Progress is reported on the loading thread (a second in, and once the rows are read, before
        // they are mapped and the copy finished): the first report calls the load off there.
        Thread loader = new Thread(() -> {
            try {
                cache.load(ModelSource.of(big.toString()), ModelFormat.AUTO, 0, p -> Thread.currentThread().interrupt());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        loader.start();
        loader.join(60_000);
        assertThat(failure.get()).isInstanceOf(ModelFileException.class).hasMessageContaining(big.toString());
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(output.getAll()).doesNotContain("Cannot write the model cache");
    }

    /** lee_fasttext.bin in the converted form, as {@code convert} writes it (with its n-grams). */
    private static Path fastTextOf(Path tmp) throws Exception {
        Path wvc = tmp.resolve("lee-bin.wvc");
        ConvertedModel.write(parse(Path.of("src/test/resources/fixtures/lee_fasttext.bin")),
                new ConvertedModel.Stamp(ModelFormat.FASTTEXT_BIN.id(), -1, -1), wvc);
        return wvc;
    }

    private static int version(Path converted) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(converted), 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void aCopyLeftForLaterIsWrittenAfterTheLoadReturnsAndThenMapped() throws Exception {
        Path source = Files.copy(Path.of("src/test/resources/fixtures/lee_fasttext.bin"), tmp.resolve("lee.bin"));
        ModelSource at = ModelSource.of(source.toString());
        Path cached;
        ParsedVectors parsed;
        try (ModelCache cache = new ModelCache(tmp.resolve("cache"), RowBlocks.DEFAULT_BLOCK_BYTES)) {
            java.util.List<Long> reportedRows = new java.util.ArrayList<>();
            parsed = cache.load(at, ModelFormat.AUTO, 0, UnicodeErrors.STRICT, p -> reportedRows.add(p.rows()), true);
            assertThat(mapped(parsed)).isFalse();
            // Read once: a fastText .bin, whose rows stay in memory, is not read again for its copy.
            assertThat(reportedRows).containsOnlyOnce((long) parsed.vocabulary().size());
            cached = cache.cacheFile(at, ModelFormat.AUTO, 0);
            assertThat(cache.awaitCopies(java.time.Duration.ofSeconds(30))).isTrue();
            assertThat(cached).exists();
            ParsedVectors again = cache.load(at, ModelFormat.AUTO, 0, UnicodeErrors.STRICT, p -> { }, true);
            assertThat(mapped(again)).isTrue();
            assertSameModel(again, parsed);
            assertThat(again.subwords().rows().bytes()).isEqualTo(parsed.subwords().rows().bytes());
        }
        // Closing waits for a copy still being written: a fresh cache, closed at once, has its copy.
        Path other = Files.copy(source, tmp.resolve("lee2.bin"));
        ModelSource otherAt = ModelSource.of(other.toString());
        ModelCache cache = new ModelCache(tmp.resolve("cache"), RowBlocks.DEFAULT_BLOCK_BYTES);
        cache.load(otherAt, ModelFormat.AUTO, 0, UnicodeErrors.STRICT, p -> { }, true);
        cache.close();
        assertThat(cache.cacheFile(otherAt, ModelFormat.AUTO, 0)).exists();
        try (java.util.stream.Stream<Path> files = Files.list(tmp.resolve("cache"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** Held copies are those of fastText and gensim files, whose rows are read into memory. */
    @Test
    void heldCopiesWaitForTheReleaseAndAClosingCacheWritesThem() throws Exception {
        Path source = Files.copy(Path.of("src/test/resources/fixtures/lee_fasttext.bin"), tmp.resolve("model.bin"));
        ModelSource at = ModelSource.of(source.toString());
        try (ModelCache cache = new ModelCache(tmp.resolve("cache"), RowBlocks.DEFAULT_BLOCK_BYTES)) {
            cache.holdCopies();
            cache.load(at, ModelFormat.AUTO, 0, UnicodeErrors.STRICT, p -> { }, true);
            cache.holdCopies(); // held again (the context takes over an early registry): one release still lets it go
            Thread.sleep(300); // held: not written, however long it waits
            assertThat(cache.cacheFile(at, ModelFormat.AUTO, 0)).doesNotExist();
            cache.releaseCopies().get(30, java.util.concurrent.TimeUnit.SECONDS); // done once the copy is written
            assertThat(cache.cacheFile(at, ModelFormat.AUTO, 0)).exists();
        }
        Path other = Files.copy(source, tmp.resolve("model2.bin"));
        ModelSource otherAt = ModelSource.of(other.toString());
        ModelCache cache = new ModelCache(tmp.resolve("cache"), RowBlocks.DEFAULT_BLOCK_BYTES);
        cache.holdCopies();
        cache.load(otherAt, ModelFormat.AUTO, 0, UnicodeErrors.STRICT, p -> { }, true);
        cache.close(); // a start that failed after this load: its copy is still written
        assertThat(cache.cacheFile(otherAt, ModelFormat.AUTO, 0)).exists();
    }

    @Test
    void partialCopiesThatAKilledProcessLeftAreRemovedOnceAnHourOld() throws Exception {
        Path source = Files.copy(GENSIM.model("test_glove").path(), tmp.resolve("model.txt"));
        Path dir = Files.createDirectories(tmp.resolve("cache"));
        Path old = Files.write(dir.resolve(".other.txt-0123456789abcdef.wvc.k3j5.tmp"), new byte[1000]);
        Files.setLastModifiedTime(old, FileTime.from(java.time.Instant.now().minus(ModelCache.LEFTOVER_AGE)
                .minusSeconds(60)));
        Path live = Files.write(dir.resolve(".other.txt-0123456789abcdef.wvc.x9p2.tmp"), new byte[1000]);
        Path notOurs = Files.write(dir.resolve(".notes.tmp"), new byte[10]);
        Files.setLastModifiedTime(notOurs, Files.getLastModifiedTime(old));

        new ModelCache(dir, RowBlocks.DEFAULT_BLOCK_BYTES).load(ModelSource.of(source.toString()), ModelFormat.AUTO, 0,
                p -> { });

        assertThat(old).doesNotExist();
        assertThat(live).exists();
        assertThat(notOurs).exists();
    }

    @Test
    void aCorruptCachedCopyIsRejectedAndRebuiltFromTheSource() throws Exception {
        Path source = Files.copy(GENSIM.model("test_glove").path(), tmp.resolve("model.txt"));
        ModelCache cache = new ModelCache(tmp.resolve("cache"), RowBlocks.DEFAULT_BLOCK_BYTES);
        ModelSource at = ModelSource.of(source.toString());
        ParsedVectors original = cache.load(at, ModelFormat.AUTO, 0, p -> { });
        Path cached = cache.cacheFile(at, ModelFormat.AUTO, 0);
        flipLastByte(cached);
        assertThatThrownBy(() -> ConvertedModel.map(cached, RowBlocks.DEFAULT_BLOCK_BYTES))
                .isInstanceOf(ModelFileException.class)
                .hasMessage("Cannot load model file " + cached + ": the checksum does not match: the file is corrupt");
        ParsedVectors rebuilt = cache.load(at, ModelFormat.AUTO, 0, p -> { });
        assertSameModel(rebuilt, original);
        assertSameModel(ConvertedModel.map(cached, RowBlocks.DEFAULT_BLOCK_BYTES).vectors(), original);
    }

    @Test
    void damagedConvertedFilesFailNamingTheFileAndTheProblem() throws Exception {
        Path source = GENSIM.model("test_glove").path();
        ParsedVectors parsed = parse(source);
        Path converted = tmp.resolve("m.wvc");
        ConvertedModel.write(parsed, ConvertedModel.Stamp.of(source, parsed.format()), converted);
        byte[] bytes = Files.readAllBytes(converted);

        Path truncated = Files.write(tmp.resolve("truncated.wvc"), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> ConvertedModel.map(truncated, RowBlocks.DEFAULT_BLOCK_BYTES))
                .hasMessageContaining(truncated.toString()).hasMessageContaining("(truncated file?)");
        byte[] newer = bytes.clone();
        newer[8] = 9;
        Path future = Files.write(tmp.resolve("future.wvc"), newer);
        assertThatThrownBy(() -> ConvertedModel.map(future, RowBlocks.DEFAULT_BLOCK_BYTES))
                .hasMessageContaining("converted-file version 9; this wordvec reads versions 1 to 5");
        // The first word's length, then one of its bytes, overwritten (the vocabulary follows the
        // 32-byte header, the stamp's format name padded to 8 bytes and seven longs).
        int vocabulary = 32 + ((parsed.format().id().length() + 7) & ~7) + 7 * 8;
        byte[] longWord = bytes.clone();
        java.nio.ByteBuffer.wrap(longWord).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(vocabulary, bytes.length);
        Path overlong = Files.write(tmp.resolve("overlong.wvc"), longWord);
        assertThatThrownBy(() -> ConvertedModel.map(overlong, RowBlocks.DEFAULT_BLOCK_BYTES))
                .hasMessageContaining(overlong.toString()).hasMessageContaining("the vocabulary is corrupt at word 1");
        byte[] notUtf8 = bytes.clone();
        notUtf8[vocabulary + 4] = (byte) 0xC3;
        Path badText = Files.write(tmp.resolve("not-utf8.wvc"), notUtf8);
        assertThatThrownBy(() -> ConvertedModel.map(badText, RowBlocks.DEFAULT_BLOCK_BYTES))
                .hasMessageContaining(badText.toString()).hasMessageContaining("the vocabulary is corrupt");
        // A version 5 file (the cache's, matrix first): truncated, its vocabulary is missing; a
        // byte changed in its rows or words fails the checksum, which covers both.
        ModelCache cache = new ModelCache(tmp.resolve("damage-cache"), RowBlocks.DEFAULT_BLOCK_BYTES);
        ModelSource at = ModelSource.of(source.toString());
        cache.load(at, ModelFormat.AUTO, 0, p -> { });
        byte[] streamed = Files.readAllBytes(cache.cacheFile(at, ModelFormat.AUTO, 0));
        assertThat(version(cache.cacheFile(at, ModelFormat.AUTO, 0))).isEqualTo(5);
        Path cut = Files.write(tmp.resolve("cut.wvc"), java.util.Arrays.copyOf(streamed, streamed.length - 10));
        assertThatThrownBy(() -> ConvertedModel.map(cut, RowBlocks.DEFAULT_BLOCK_BYTES))
                .hasMessageContaining(cut.toString()).hasMessageContaining("(truncated file?)");
        for (int at5 : new int[] {4096 + 5, streamed.length - 1}) {
            byte[] changed = streamed.clone();
            changed[at5] ^= 0x40;
            Path flipped = Files.write(tmp.resolve("flipped-" + at5 + ".wvc"), changed);
            assertThatThrownBy(() -> ConvertedModel.map(flipped, RowBlocks.DEFAULT_BLOCK_BYTES))
                    .hasMessageContaining("the checksum does not match");
        }
        byte[] overlapping = streamed.clone(); // the vocabulary said to start inside the matrix
        int vocabularyOffsetField = 32 + ((parsed.format().id().length() + 7) & ~7) + 2 * 8;
        java.nio.ByteBuffer.wrap(overlapping).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(vocabularyOffsetField, 4100);
        Path overlap = Files.write(tmp.resolve("overlap.wvc"), overlapping);
        assertThatThrownBy(() -> ConvertedModel.map(overlap, RowBlocks.DEFAULT_BLOCK_BYTES))
                .hasMessageContaining("the header is corrupt");
        byte[] farOff = streamed.clone(); // a matrix offset that would overflow when its size is added
        java.nio.ByteBuffer.wrap(farOff).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(vocabularyOffsetField + 16,
                Long.MAX_VALUE - 10);
        Path far = Files.write(tmp.resolve("far.wvc"), farOff);
        assertThatThrownBy(() -> ConvertedModel.map(far, RowBlocks.DEFAULT_BLOCK_BYTES))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("the header is corrupt");
        byte[] ngramsFarOff = Files.readAllBytes(fastTextOf(tmp)); // the same for a fastText file's n-gram rows
        int ngramOffsetField = 32 + ((ModelFormat.FASTTEXT_BIN.id().length() + 7) & ~7) + 7 * 8 + 4 + 4 + 8;
        java.nio.ByteBuffer.wrap(ngramsFarOff).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(ngramOffsetField,
                Long.MAX_VALUE - 10);
        Path farNgrams = Files.write(tmp.resolve("far-ngrams.wvc"), ngramsFarOff);
        assertThatThrownBy(() -> ConvertedModel.map(farNgrams, RowBlocks.DEFAULT_BLOCK_BYTES))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("the n-gram header is corrupt");
        Path header = Files.write(tmp.resolve("header-only.wvc"), java.util.Arrays.copyOf(streamed, 1000));
        assertThatThrownBy(() -> ConvertedModel.map(header, RowBlocks.DEFAULT_BLOCK_BYTES))
                .hasMessageContaining("the file ends after 1000 bytes").hasMessageContaining("(truncated file?)");
        Path text = Files.writeString(tmp.resolve("text.wvc"), "the 1 2\n");
        assertThatThrownBy(() -> ConvertedModel.map(text, RowBlocks.DEFAULT_BLOCK_BYTES))
                .hasMessageContaining("not a wordvec converted file");
        assertThat(ConvertedModel.isConverted(text)).isFalse();
    }

    /** Each model served without its copy is named, the first with what to do about it. */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void anUnwritableCacheDirectoryOnlyMeansNoCache(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        ModelCache cache = new ModelCache(notADirectory.resolve("cache"), RowBlocks.DEFAULT_BLOCK_BYTES);
        ModelSource at = ModelSource.of(GENSIM.model("test_glove").path().toString());
        assertThat(cache.load(at, ModelFormat.AUTO, 0, p -> { }).vocabulary().size())
                .isEqualTo(GENSIM.model("test_glove").vocabularySize());
        assertThat(cache.load(at, ModelFormat.AUTO, 0, p -> { }).vocabulary().size())
                .isEqualTo(GENSIM.model("test_glove").vocabularySize());
        ModelSource other = ModelSource.of(GENSIM.model("euclidean_vectors").path().toString());
        assertThat(cache.load(other, ModelFormat.AUTO, 0, p -> { }).vocabulary().size())
                .isEqualTo(GENSIM.model("euclidean_vectors").vocabularySize());
        String log = output.getAll();
        assertThat(log).contains("Cannot write the model cache in " + notADirectory.resolve("cache"))
                .contains(at.location() + " is served without a converted copy, so the next start reads it again")
                .contains("to a writable directory with room for the copies")
                .contains("for " + at.location() + " either; it is served without a converted copy")
                .contains("for " + other.location() + " either; it is served without a converted copy");
        // One warning a load: a copy that failed is not tried again for the same load.
        assertThat(log.split("Cannot write the model cache", -1)).hasSize(4);
        assertThat(log.split("room for the copies", -1)).hasSize(2);
    }

    /**
     * OUT's name picks what convert writes: word2vec text or binary, which read back bit for bit; a
     * fastText .bin written as text says that its n-grams stay behind.
     */
    @Test
    void theConvertCommandWritesTheFormatItsOutputNames() throws Exception {
        Path source = GENSIM.model("euclidean_vectors").path();
        for (String name : new String[] {"out.txt", "out.bin", "out.vec"}) {
            Path target = tmp.resolve(name);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(ConvertCommand.run(new String[] {"convert", source.toString(), target.toString()},
                    new PrintStream(out), new PrintStream(err))).as(err.toString()).isZero();
            boolean binary = name.endsWith(".bin");
            assertThat(out.toString()).contains(" to " + target + " (" + (binary ? "word2vec-binary" : "word2vec") + ", ");
            ParsedVectors back = parse(target);
            if (binary) {
                assertThat(back.format()).isEqualTo(ModelFormat.WORD2VEC_BINARY);
            } else {
                assertThat(Files.readString(target)).startsWith(back.vocabulary().size() + " " + back.dimension() + "\n");
            }
            assertSameModel(back, parse(source));
        }
        Path fastText = Path.of("src/test/resources/fasttext/supervised.bin");
        Path text = tmp.resolve("supervised.txt");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ConvertCommand.run(new String[] {"convert", fastText.toString(), text.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).isZero();
        assertThat(err.toString()).contains("note: word2vec holds no character n-grams, so " + text
                + " cannot answer unknown words as " + fastText + " does; a .wvc output keeps them");
        assertSameModel(parse(text), parse(fastText));

        // Words that come again are said, with which row is kept.
        Path repeated = Files.writeString(tmp.resolve("repeated.txt"), "4 2\na 1 2\nb 3 4\na 5 6\nb 7 8\n");
        Path kept = tmp.resolve("kept.txt");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        assertThat(ConvertCommand.run(new String[] {"convert", repeated.toString(), kept.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(said))).isZero();
        assertThat(said.toString()).contains("note: 2 words appear again after their first rows; the first row of "
                + "each is kept, as gensim's load_word2vec_format keeps it");
        assertThat(Files.readString(kept)).isEqualTo("2 2\na 1.0 2.0\nb 3.0 4.0\n");

        // A GloVe file saved "UTF-8 with BOM": the mark stays in the first word, as gensim keeps
        // it, and the command says so, as the service's log does.
        Path marked = Files.writeString(tmp.resolve("marked.txt"), "\uFEFFthe 1 2\nof 3 4\n");
        Path copied = tmp.resolve("copied.txt");
        ByteArrayOutputStream told = new ByteArrayOutputStream();
        assertThat(ConvertCommand.run(new String[] {"convert", marked.toString(), copied.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(told))).isZero();
        assertThat(told.toString()).contains("note: the file starts with a byte-order mark (U+FEFF), kept as part of "
                + "its first word as gensim keeps it: that word is '\\uFEFFthe', not 'the'; save the file without "
                + "the mark to read it plainly");
        assertThat(Files.readString(copied)).isEqualTo("2 2\n\uFEFFthe 1.0 2.0\nof 3.0 4.0\n");
    }

    @Test
    void theConvertCommandWritesAFileThatAModelPathCanName() throws Exception {
        Path source = GENSIM.model("euclidean_vectors").path();
        Path target = tmp.resolve("out").resolve("euclidean.wvc");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConvertCommand.run(new String[] {"convert", source.toString(), target.toString()},
                new PrintStream(out), new PrintStream(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Converted " + source + " (word2vec-binary, ");
        assertThat(version(target)).as("rows written as they are read: the matrix first").isEqualTo(5);
        ModelCache noCache = new ModelCache(null, RowBlocks.DEFAULT_BLOCK_BYTES);
        ParsedVectors loaded = noCache.load(ModelSource.of(target.toString()), ModelFormat.AUTO, 0, p -> { });
        assertThat(mapped(loaded)).as("without a cache, the user's file is copied into memory").isFalse();
        assertSameModel(loaded, parse(source));
        Path cacheDir = tmp.resolve("cache-for-converted");
        ParsedVectors viaCache = new ModelCache(cacheDir, RowBlocks.DEFAULT_BLOCK_BYTES)
                .load(ModelSource.of(target.toString()), ModelFormat.AUTO, 0, p -> { });
        assertThat(mapped(viaCache)).as("with a cache, its copy in the cache is mapped").isTrue();
        assertSameModel(viaCache, parse(source));
        try (var files = Files.list(cacheDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().startsWith("euclidean.wvc-");
        }
        ParsedVectors limited = noCache.load(ModelSource.of(target.toString()), ModelFormat.AUTO, 2, p -> { });
        assertThat(limited.vocabulary().size()).isEqualTo(2);
        assertThat(limited.matrix().rows()).isEqualTo(2);

        assertThat(ConvertCommand.run(new String[] {"convert", source.toString()}, new PrintStream(out),
                new PrintStream(err))).isEqualTo(2);
        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(ConvertCommand.run(new String[] {"convert", source.toString(), target.toString(), "--format", "csv"},
                new PrintStream(out), new PrintStream(refused))).isEqualTo(2);
        assertThat(refused.toString()).startsWith("--format is auto, glove, word2vec-text, fasttext-vec, word2vec-binary, "
                + "fasttext-bin or gensim, not 'csv'\n");
        ByteArrayOutputStream failure = new ByteArrayOutputStream();
        assertThat(ConvertCommand.run(new String[] {"convert", tmp.resolve("nope.txt").toString(), target.toString()},
                new PrintStream(out), new PrintStream(failure))).isEqualTo(1);
        assertThat(failure.toString()).contains("nope.txt").contains("does not exist");
        Path broken = Files.writeString(tmp.resolve("broken.txt"), "a 1 2\nb 1 x\n");
        assertThat(ConvertCommand.run(new String[] {"convert", broken.toString(), target.toString()},
                new PrintStream(out), new PrintStream(failure))).isEqualTo(1);
        assertThat(failure.toString()).contains("line 2");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no partial output left").containsExactly(
                    "euclidean.wvc");
        }
        assertSameModel(ConvertedModel.map(target, RowBlocks.DEFAULT_BLOCK_BYTES).vectors(), parse(source));

        // A converted file converts back to text (and to another .wvc), mapped rather than parsed.
        for (Path wvc : new Path[] {target, fastTextOf(tmp)}) {
            Path text = tmp.resolve("back-" + wvc.getFileName() + ".vec");
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertThat(ConvertCommand.run(new String[] {"convert", wvc.toString(), text.toString()},
                    new PrintStream(out), new PrintStream(back))).as(back.toString()).isZero();
            assertSameModel(parse(text), ConvertedModel.map(wvc, RowBlocks.DEFAULT_BLOCK_BYTES).vectors());
            Path again = tmp.resolve("again-" + wvc.getFileName());
            assertThat(ConvertCommand.run(new String[] {"convert", wvc.toString(), again.toString(), "--limit", "3"},
                    new PrintStream(out), new PrintStream(back))).as(back.toString()).isZero();
            assertThat(ConvertedModel.map(again, RowBlocks.DEFAULT_BLOCK_BYTES).vectors().vocabulary().size())
                    .isEqualTo(3);
        }

        // A fastText .bin keeps its rows in memory (they are averaged with its n-grams): version 2 to 4.
        Path fastText = tmp.resolve("out").resolve("lee.wvc");
        Path bin = Path.of("src/test/resources/fixtures/lee_fasttext.bin");
        assertThat(ConvertCommand.run(new String[] {"convert", bin.toString(), fastText.toString()},
                new PrintStream(out), new PrintStream(err))).as(err.toString()).isZero();
        assertThat(version(fastText)).isBetween(2, 4);
        ParsedVectors withNgrams = ConvertedModel.map(fastText, RowBlocks.DEFAULT_BLOCK_BYTES).vectors();
        assertSameModel(withNgrams, parse(bin));
        assertThat(withNgrams.subwords()).isNotNull();
    }

    /**
     * A model file truncated in place after loading (a redeploy that copies over it) must not
     * touch the loaded model: a mapped page of a truncated file no longer exists, and reading it
     * kills the process (SIGBUS) once libtorch does. Reading every row here would fail if the
     * user's file were still mapped.
     */
    @Test
    void aConvertedFileTruncatedAfterLoadingLeavesTheLoadedModelWhole() throws Exception {
        Path source = GENSIM.model("lee_fasttext").path();
        ParsedVectors expected = parse(source);
        for (Path cacheDir : new Path[] {null, tmp.resolve("truncation-cache")}) {
            Path file = tmp.resolve("lee-" + (cacheDir == null ? "memory" : "cached") + ".wvc");
            ConvertedModel.write(expected, ConvertedModel.Stamp.of(source, ModelFormat.FASTTEXT_VEC), file);
            ParsedVectors loaded = new ModelCache(cacheDir, RowBlocks.DEFAULT_BLOCK_BYTES)
                    .load(ModelSource.of(file.toString()), ModelFormat.AUTO, 0, p -> { });
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(64);
            }
            assertSameModel(loaded, expected);
        }
    }

    /**
     * A fastText model converted to a .wvc file keeps answering unknown words, whether the file is
     * copied into memory (no cache) or into the cache, and with a word limit; in memory, the n-gram
     * rows survive the file being truncated, as the words' rows do.
     */
    @Test
    void aConvertedFastTextModelKeepsItsNgramsInMemoryInTheCacheAndUnderALimit() throws Exception {
        Path source = Path.of("src/test/resources/fixtures/crime-and-punishment.bin");
        ParsedVectors expected = parse(source);
        float[] unknown = expected.subwords().vector("раскольниковым");
        for (Path cacheDir : new Path[] {null, tmp.resolve("ngram-cache")}) {
            for (int limit : new int[] {0, 10}) {
                Path file = tmp.resolve("cp-" + (cacheDir == null ? "memory" : "cached") + limit + ".wvc");
                ConvertedModel.write(expected, ConvertedModel.Stamp.of(source, ModelFormat.FASTTEXT_BIN), file);
                ParsedVectors loaded = new ModelCache(cacheDir, RowBlocks.DEFAULT_BLOCK_BYTES)
                        .load(ModelSource.of(file.toString()), ModelFormat.AUTO, limit, p -> { });
                try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(64);
                }
                String what = (cacheDir == null ? "in memory" : "cached") + ", limit " + limit;
                assertThat(loaded.vocabulary().size()).as(what).isEqualTo(limit == 0 ? 291 : limit);
                assertThat(loaded.subwords()).as(what).isNotNull();
                assertThat(loaded.subwords().vector("раскольниковым")).as(what).containsExactly(unknown);
            }
        }
    }

    /** A classifier's word n-grams and kind survive the converted file (version 3), as its sentence vectors need them. */
    @Test
    void aConvertedClassifierKeepsItsWordNgramsAndKind() throws Exception {
        Path source = Path.of("src/test/resources/fasttext/supervised.bin");
        ParsedVectors parsed = parse(source);
        assertThat(parsed.subwords().classifier()).isTrue();
        assertThat(parsed.subwords().wordNgrams()).isEqualTo(2);
        Path file = tmp.resolve("classifier.wvc");
        ConvertedModel.write(parsed, ConvertedModel.Stamp.of(source, ModelFormat.FASTTEXT_BIN), file);
        ParsedVectors loaded = new ModelCache(null, RowBlocks.DEFAULT_BLOCK_BYTES)
                .load(ModelSource.of(file.toString()), ModelFormat.AUTO, 0, p -> { });
        assertThat(loaded.subwords().classifier()).isTrue();
        assertThat(loaded.subwords().wordNgrams()).isEqualTo(2);
        assertThat(parse(Path.of("src/test/resources/fixtures/crime-and-punishment.bin")).subwords().classifier())
                .isFalse();
    }

    @Test
    void limitKeepsTheFirstWordsAndDoesNotReadOn() throws Exception {
        Path text = Files.writeString(tmp.resolve("limit.txt"), "4 2\na 1 2\nb 3 4\nc oops\n");
        ParsedVectors two = ModelReader.read(ModelSource.of(text.toString()), ModelFormat.AUTO, p -> { },
                RowBlocks.DEFAULT_BLOCK_BYTES, 2);
        assertThat(two.vocabulary().size()).isEqualTo(2);
        assertThat(two.vocabulary().word(1)).isEqualTo("b");
        Path glove = Files.writeString(tmp.resolve("limit-glove.txt"), "a 1 2\nb 3 4\nc 5 6\n");
        assertThat(ModelReader.read(ModelSource.of(glove.toString()), ModelFormat.AUTO, p -> { },
                RowBlocks.DEFAULT_BLOCK_BYTES, 1).vocabulary().size()).isEqualTo(1);
        ParsedVectors binary = ModelReader.read(ModelSource.of(GENSIM.model("euclidean_vectors").path().toString()),
                ModelFormat.AUTO, p -> { }, RowBlocks.DEFAULT_BLOCK_BYTES, 3);
        assertThat(binary.vocabulary().size()).isEqualTo(3);
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(text.toString()), ModelFormat.AUTO, p -> { },
                RowBlocks.DEFAULT_BLOCK_BYTES, 3)).hasMessageContaining("line 4");
    }

    private static void flipLastByte(Path file) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, channel.size() - 1);
            one.put(0, (byte) (one.get(0) ^ 0x40)).position(0);
            channel.write(one, channel.size() - 1);
        }
    }
}
