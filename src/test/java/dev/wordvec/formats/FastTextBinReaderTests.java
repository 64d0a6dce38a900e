package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.Oracle;
import dev.wordvec.testing.TestModels;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.Search;
import dev.wordvec.vectors.Term;
import dev.wordvec.vectors.WordVectors;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * fastText's {@code .bin} read as fastText reads it: the same vocabulary, word vectors and
 * unknown-word vectors as gensim's {@code load_facebook_vectors} (which computes fastText's
 * getWordVector; written by {@code src/test/python/fasttext_expected.py}), to 1e-5.
 */
class FastTextBinReaderTests {

    private static JsonNode expected(String name) throws Exception {
        return expected("/fasttext/expected.json", name);
    }

    private static JsonNode expected(String resource, String name) throws Exception {
        try (InputStream in = FastTextBinReaderTests.class.getResourceAsStream(resource)) {
            return JsonMapper.builder().build().readTree(in).get(name);
        }
    }

    private static void assertVector(float[] ours, JsonNode theirs, String what) {
        assertThat(ours).as(what).hasSize(theirs.size());
        for (int d = 0; d < ours.length; d++) {
            assertThat((double) ours[d]).as("%s[%d]", what, d).isCloseTo(theirs.get(d).asDouble(), within(1e-5));
        }
    }

    /**
     * The fixtures' answers are gensim's; the classifier's ({@code supervised.json}) and its
     * quantised versions' ({@code quantised.json}) are fastText's own {@code get_word_vector}, as
     * gensim refuses those files.
     */
    @ParameterizedTest
    @CsvSource({"/fasttext/expected.json, crime-and-punishment.bin", "/fasttext/expected.json, lee_fasttext.bin",
        "/fasttext/supervised.json, supervised.bin", "/fasttext/quantised.json, supervised.ftz",
        "/fasttext/quantised.json, supervised-pruned.ftz"})
    void vectorsInAndOutOfTheVocabularyEqualFastTexts(String resource, String name) throws Exception {
        JsonNode reference = expected(resource, name);
        ParsedVectors parsed = ModelReader.read(ModelSource.of(reference.get("file").asString()), ModelFormat.AUTO, p -> { });
        assertThat(parsed.format()).isEqualTo(ModelFormat.FASTTEXT_BIN);
        assertThat(parsed.vocabulary().size()).isEqualTo(reference.get("vocabularySize").asInt());
        assertThat(parsed.dimension()).isEqualTo(reference.get("dimension").asInt());
        for (int i = 0; i < 5; i++) {
            assertThat(parsed.vocabulary().word(i)).isEqualTo(reference.get("firstWords").get(i).asString());
        }
        assertThat(parsed.vocabulary().word(parsed.vocabulary().size() - 1)).isEqualTo(reference.get("lastWord").asString());
        assertThat(parsed.subwords().minn()).isEqualTo(reference.get("minn").asInt());
        assertThat(parsed.subwords().maxn()).isEqualTo(reference.get("maxn").asInt());
        assertThat(parsed.subwords().bucket()).isEqualTo(reference.get("bucket").asInt());
        float[] row = new float[parsed.dimension()];
        for (Map.Entry<String, JsonNode> word : reference.get("inVocabulary").properties()) {
            parsed.matrix().read(parsed.vocabulary().rowOf(word.getKey()), row, 0);
            assertVector(row, word.getValue(), word.getKey());
        }
        parsed.matrix().read(parsed.vocabulary().rowOf("</s>"), row, 0);
        assertVector(row, reference.get("endOfSentence"), "</s> (its own row, as fastText)");
        for (Map.Entry<String, JsonNode> word : reference.get("outOfVocabulary").properties()) {
            assertThat(parsed.vocabulary().rowOf(word.getKey())).isNegative();
            float[] ours = parsed.subwords().vector(word.getKey());
            if (isZero(word.getValue())) {
                // A pruned model may keep none of a word's n-grams: fastText answers zeros, the
                // service an unknown word (a zero vector has no cosine).
                assertThat(ours).as(word.getKey()).isNull();
            } else {
                assertVector(ours, word.getValue(), word.getKey());
            }
        }
    }

    private static boolean isZero(JsonNode vector) {
        for (JsonNode value : vector) {
            if (value.asDouble() != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void nearestWordsEqualGensims() throws Exception {
        JsonNode gensim = expected("lee_fasttext.bin");
        ParsedVectors parsed = ModelReader.read(ModelSource.of(gensim.get("file").asString()), ModelFormat.AUTO, p -> { });
        try (WordVectors vectors = TestModels.float32(parsed.vocabulary(), parsed.matrix())) {
            for (Map.Entry<String, JsonNode> query : gensim.get("neighbors").properties()) {
                int row = parsed.vocabulary().rowOf(query.getKey());
                List<Neighbor> ours = vectors.search(List.of(new Search(List.of(Term.word(row, 1)), 5, -1f)), 0).get(0);
                for (int i = 0; i < 5; i++) {
                    assertThat(ours.get(i).word()).as("%s #%d", query.getKey(), i)
                            .isEqualTo(query.getValue().get(i).get(0).asString());
                    assertThat((double) ours.get(i).similarity())
                            .isCloseTo(query.getValue().get(i).get(1).asDouble(), within(1e-5));
                }
            }
        }
    }

    @Test
    void float16AndInt8NgramsStayCloseToFloat32AndTakeLessMemory() throws Exception {
        JsonNode gensim = expected("lee_fasttext.bin");
        ParsedVectors parsed = ModelReader.read(ModelSource.of(gensim.get("file").asString()), ModelFormat.AUTO, p -> { });
        var half = parsed.subwords().in(dev.wordvec.vectors.Dtype.FLOAT16);
        var int8 = parsed.subwords().in(dev.wordvec.vectors.Dtype.INT8);
        assertThat(half.bytes()).isEqualTo(parsed.subwords().bytes() / 2);
        // One byte a value and a float32 scale a row.
        assertThat(int8.bytes()).isEqualTo((long) parsed.subwords().bucket() * (parsed.dimension() + Float.BYTES));
        assertThat(half.rows()).as("no reference to the float32 rows").isNull();
        for (Map.Entry<String, JsonNode> word : gensim.get("outOfVocabulary").properties()) {
            float[] exact = parsed.subwords().vector(word.getKey());
            for (var reduced : List.of(half, int8)) {
                float[] ours = reduced.vector(word.getKey());
                assertThat(Oracle.cosine(exact, ours)).as("%s in %s", word.getKey(), reduced.compact().dtype())
                        .isGreaterThan(0.999);
            }
        }
    }

    /** A pruned quantised model's cache keeps the map of its kept buckets (converted-file version 4). */
    @ParameterizedTest
    @CsvSource({"/fasttext/expected.json, crime-and-punishment.bin", "/fasttext/quantised.json, supervised-pruned.ftz"})
    void theCacheKeepsTheNgramsSoLaterStartsStillAnswerUnknownWords(String resource, String name, @TempDir Path tmp)
            throws Exception {
        JsonNode gensim = expected(resource, name);
        Path model = Files.copy(Path.of(gensim.get("file").asString()), tmp.resolve(name));
        ModelCache cache = new ModelCache(tmp.resolve("cache"), dev.wordvec.vectors.RowBlocks.DEFAULT_BLOCK_BYTES);
        ModelSource source = ModelSource.of(model.toString());
        ParsedVectors first = cache.load(source, ModelFormat.AUTO, 0, p -> { });
        ParsedVectors mapped = cache.load(source, ModelFormat.AUTO, 0, p -> { });
        assertThat(Files.list(tmp.resolve("cache")).toList()).hasSize(1);
        assertThat(mapped.format()).isEqualTo(ModelFormat.FASTTEXT_BIN);
        assertThat(mapped.subwords().bucket()).isEqualTo(first.subwords().bucket());
        assertThat(mapped.subwords().minn()).isEqualTo(gensim.get("minn").asInt());
        assertThat(mapped.subwords().rowCount()).isEqualTo(first.subwords().rowCount());
        for (Map.Entry<String, JsonNode> word : gensim.get("outOfVocabulary").properties()) {
            if (!isZero(word.getValue())) {
                assertVector(mapped.subwords().vector(word.getKey()), word.getValue(), word.getKey() + " from the cache");
            }
        }
        float[] row = new float[mapped.dimension()];
        for (Map.Entry<String, JsonNode> word : gensim.get("inVocabulary").properties()) {
            mapped.matrix().read(mapped.vocabulary().rowOf(word.getKey()), row, 0);
            assertVector(row, word.getValue(), word.getKey() + " from the cache");
        }
        // A damaged n-gram section fails the checksum, naming the file.
        Path cached = Files.list(tmp.resolve("cache")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(cached);
        bytes[bytes.length - 3] ^= 0x55;
        Path damaged = Files.write(tmp.resolve("damaged.wvc"), bytes);
        assertThatThrownBy(() -> ConvertedModel.map(damaged, 1 << 30)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("damaged.wvc").hasMessageContaining("checksum");
    }

    /**
     * A classifier's 14 labels are not words (its vectors, in and out of the vocabulary, are
     * checked with the other models' above); unknown words come from the character n-grams that
     * share the buckets with the word bigrams.
     */
    @Test
    void aSupervisedModelsLabelsAreNotWords() throws Exception {
        JsonNode fasttext = expected("/fasttext/supervised.json", "supervised.bin");
        ParsedVectors parsed = ModelReader.read(ModelSource.of(fasttext.get("file").asString()), ModelFormat.AUTO, p -> { });
        assertThat(fasttext.get("labels").asInt()).isEqualTo(14);
        assertThat(parsed.vocabulary().size()).isEqualTo(fasttext.get("vocabularySize").asInt());
        for (int w = 0; w < parsed.vocabulary().size(); w++) {
            assertThat(parsed.vocabulary().word(w)).as("word %d", w).doesNotStartWith("__label__");
        }
        assertThat(parsed.vocabulary().rowOf("__label__capital-common-countries")).isNegative();
    }

    @Test
    void damagedDictionariesAndTruncatedModelsAreRefusedSayingWhy(@TempDir Path tmp) throws Exception {
        byte[] model = Files.readAllBytes(Path.of("src/test/resources/fixtures/crime-and-punishment.bin"));
        Path supervised = tmp.resolve("supervised.bin");
        byte[] copy = model.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(8 + 7 * 4, 3); // model = sup, with no labels
        Files.write(supervised, copy);
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(supervised.toString()), ModelFormat.AUTO, p -> { }))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("supervised.bin")
                .hasMessageContaining("0 labels in a supervised model");
        byte[] classifier = Files.readAllBytes(Path.of("src/test/resources/fasttext/supervised.bin"));
        // The dictionary starts after the 14 header ints and t (a double): size, nwords, nlabels, ntokens,
        // pruneidx_size, then "</s>\0", its count and its type. Made a label, it is out of place.
        int firstType = 4 * 14 + 8 + 3 * 4 + 2 * 8 + "</s>".length() + 1 + 8;
        assertThat(classifier[firstType]).isZero();
        classifier[firstType] = 1;
        Path misplaced = Files.write(tmp.resolve("misplaced.bin"), classifier);
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(misplaced.toString()), ModelFormat.AUTO, p -> { }))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("misplaced.bin")
                .hasMessageContaining("dictionary entry 1 ('</s>') has type 1 where fastText puts a word (0)");
        Path truncated = tmp.resolve("truncated.bin");
        // The output matrix (291 x 5 floats) ends the file; cut into the input matrix before it.
        Files.write(truncated, Arrays.copyOf(model, model.length - 291 * 5 * 4 - 200));
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(truncated.toString()), ModelFormat.AUTO, p -> { }))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("truncated.bin")
                .hasMessageContaining("input matrix (truncated file?)");
        // Cut inside the output matrix, which gives no word its vector: still a damaged file, which
        // fastText refuses (a large model's download stopped in its last third loaded before).
        Path cutOutput = Files.write(tmp.resolve("cut-output.bin"), Arrays.copyOf(model, model.length - 100));
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(cutOutput.toString()), ModelFormat.AUTO, p -> { }))
                .isInstanceOf(ModelFileException.class).hasMessage("Cannot load model file " + cutOutput
                        + ", byte offset " + (model.length - 291 * 5 * 4 - 17) + ": the file ends inside the output "
                        + "matrix, which fastText reads too: its 291 x 5 values end at byte " + model.length
                        + ", but the file has " + (model.length - 100)
                        + " bytes (truncated file? fastText refuses it)");
        Path cutHeader = Files.write(tmp.resolve("cut-header.bin"),
                Arrays.copyOf(model, model.length - 291 * 5 * 4 - 9));
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(cutHeader.toString()), ModelFormat.AUTO, p -> { }))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("cut-header.bin")
                .hasMessageContaining("the file ends after the input matrix, inside the output matrix's header");
    }

    @Test
    void damagedQuantisedModelsAreRefusedSayingWhy(@TempDir Path tmp) throws Exception {
        byte[] pruned = Files.readAllBytes(Path.of("src/test/resources/fasttext/supervised-pruned.ftz"));
        JsonNode reference = expected("/fasttext/quantised.json", "supervised-pruned.ftz");
        // Cut in the quantiser's centroids: 8 columns x 256 float32 follow the codes.
        Path truncated = Files.write(tmp.resolve("truncated.ftz"), Arrays.copyOf(pruned, pruned.length / 2));
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(truncated.toString()), ModelFormat.AUTO, p -> { }))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("truncated.ftz")
                .hasMessageContaining("truncated file?");
        // The kept buckets' map follows the dictionary; point its first row past the kept rows.
        int pairs = pairsOffset(pruned, reference.get("vocabularySize").asInt() + reference.get("labels").asInt());
        byte[] badRow = pruned.clone();
        ByteBuffer.wrap(badRow).order(ByteOrder.LITTLE_ENDIAN).putInt(pairs + 4, 1_000_000);
        Path damaged = Files.write(tmp.resolve("damaged.ftz"), badRow);
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(damaged.toString()), ModelFormat.AUTO, p -> { }))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("damaged.ftz")
                .hasMessageContaining("kept n-gram 1 maps bucket").hasMessageContaining("to row 1000000");
        // A code count of 2 GB in an 18 KB file fails at the file's end, naming what was cut. After
        // the map: the quantised flag, qnorm, rows and columns, then the code count.
        int codeBytes = pairs + 8 * 268 + 1 + 1 + 8 + 8;
        byte[] huge = pruned.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(codeBytes, 500 * 4_000_000);
        Path hugeCodes = Files.write(tmp.resolve("huge.ftz"), huge);
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(hugeCodes.toString()), ModelFormat.AUTO, p -> { }))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("huge.ftz")
                .hasMessageContaining("unexpected end of file in the quantised rows' codes");
    }

    /**
     * The words' vectors are made in place in the model's matrix: across matrix blocks of a few
     * rows and with a word limit, they equal a plain read's first rows exactly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/fixtures/crime-and-punishment.bin",
        "src/test/resources/fasttext/supervised-pruned.ftz", "src/test/resources/gensim/native/ft.model"})
    void wordVectorsAreTheSameInSmallBlocksAndUnderALimit(String model) throws Exception {
        ParsedVectors whole = ModelReader.read(ModelSource.of(model), ModelFormat.AUTO, p -> { });
        int dimension = whole.dimension();
        ParsedVectors small = ModelReader.read(ModelSource.of(model), ModelFormat.AUTO, p -> { },
                3L * dimension * Float.BYTES, 50);
        assertThat(small.vocabulary().size()).isEqualTo(Math.min(50, whole.vocabulary().size()));
        assertThat(small.matrix().blocks().size()).isGreaterThan(1);
        float[] expected = new float[dimension];
        float[] actual = new float[dimension];
        for (int row = 0; row < small.vocabulary().size(); row++) {
            assertThat(small.vocabulary().word(row)).isEqualTo(whole.vocabulary().word(row));
            whole.matrix().read(row, expected, 0);
            small.matrix().read(row, actual, 0);
            assertThat(actual).as("%s row %d", model, row).containsExactly(expected);
        }
    }

    /** Where a versioned model's dictionary ends: after the header, the counts and {@code entries} entries. */
    private static int pairsOffset(byte[] model, int entries) {
        int at = 4 * 14 + 8 + 3 * 4 + 2 * 8;
        for (int e = 0; e < entries; e++) {
            while (model[at] != 0) {
                at++;
            }
            at += 1 + 8 + 1; // the word's end, its count, its type
        }
        return at;
    }
}
