package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * gensim 4's own format read as gensim's {@code load} reads it: the same words in the same order
 * and the same vectors, for KeyedVectors and whole models, with arrays pickled inline or stored in
 * {@code .npy} files beside them; a fastText model's unknown words from its n-grams, as gensim's
 * {@code wv[word]}. The models and gensim's answers are written by
 * {@code src/test/python/gensim_native.py}.
 */
class GensimFormatTests {

    private static final Path NATIVE = Path.of("src/test/resources/gensim/native");

    private static JsonNode expected(String name) throws Exception {
        try (InputStream in = Files.newInputStream(NATIVE.resolve("expected.json"))) {
            return JsonMapper.builder().build().readTree(in).get("models").get(name);
        }
    }

    private static ParsedVectors read(Path file) throws ModelFileException {
        return ModelReader.read(new ModelSource(file.toString(), file, null), ModelFormat.AUTO, p -> { });
    }

    private static void assertVector(float[] ours, JsonNode theirs, String what) {
        assertThat(ours).as(what).hasSize(theirs.size());
        for (int d = 0; d < ours.length; d++) {
            assertThat((double) ours[d]).as("%s[%d]", what, d).isCloseTo(theirs.get(d).asDouble(), within(1e-6));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"glove.kv", "glove-aside.kv", "glove-aside.kv.gz", "w2v.model", "ft.model", "ft.kv",
        "ft-nongrams.model"})
    void wordsAndVectorsEqualGensims(String name) throws Exception {
        JsonNode gensim = expected(name);
        ParsedVectors parsed = read(NATIVE.resolve(name));
        assertThat(parsed.format()).isEqualTo(ModelFormat.GENSIM);
        assertThat(parsed.dimension()).isEqualTo(gensim.get("dimension").asInt());
        List<String> words = new ArrayList<>();
        for (int row = 0; row < parsed.vocabulary().size(); row++) {
            words.add(parsed.vocabulary().word(row));
        }
        assertThat(words).containsExactlyElementsOf(gensim.get("words").valueStream().map(JsonNode::asString).toList());
        float[] row = new float[parsed.dimension()];
        for (Map.Entry<String, JsonNode> word : gensim.get("vectors").properties()) {
            parsed.matrix().read(parsed.vocabulary().rowOf(word.getKey()), row, 0);
            assertVector(row, word.getValue(), word.getKey());
        }
        if (gensim.has("subwords")) {
            assertThat(parsed.subwords().minn()).isEqualTo(gensim.get("subwords").get("minn").asInt());
            assertThat(parsed.subwords().maxn()).isEqualTo(gensim.get("subwords").get("maxn").asInt());
            assertThat(parsed.subwords().bucket()).isEqualTo(gensim.get("subwords").get("bucket").asInt());
            for (Map.Entry<String, JsonNode> word : gensim.get("unknown").properties()) {
                int known = parsed.vocabulary().rowOf(word.getKey());
                float[] vector = known >= 0 ? row : parsed.subwords().vector(word.getKey());
                if (known >= 0) {
                    parsed.matrix().read(known, row, 0);
                }
                assertVector(vector, word.getValue(), word.getKey());
            }
        } else {
            assertThat(parsed.subwords()).isNull();
        }
    }

    @Test
    void limitKeepsTheFirstWords() throws Exception {
        Path file = NATIVE.resolve("glove-aside.kv");
        ParsedVectors parsed = ModelReader.read(new ModelSource(file.toString(), file, null), ModelFormat.GENSIM,
                p -> { }, 1 << 20, 10);
        assertThat(parsed.vocabulary().size()).isEqualTo(10);
        assertThat(parsed.vocabulary().word(9)).isEqualTo(expected("glove-aside.kv").get("words").get(9).asString());
    }

    @Test
    void progressCountsTheArraysBesideTheModel() throws Exception {
        Path file = NATIVE.resolve("glove-aside.kv");
        List<LoadProgress> reports = new ArrayList<>();
        ModelReader.read(new ModelSource(file.toString(), file, null), ModelFormat.AUTO, reports::add);
        LoadProgress last = reports.get(reports.size() - 1);
        long npy = Files.size(NATIVE.resolve("glove-aside.kv.vectors.npy"));
        assertThat(last.totalBytes()).isEqualTo(Files.size(file) + 76 * 50 * 4);
        assertThat(last.bytesRead()).isEqualTo(last.totalBytes());
        assertThat(npy).isGreaterThan(76 * 50 * 4);
        assertThat(last.rows()).isEqualTo(76);
    }

    @Test
    void aMissingArrayFileIsNamed(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("glove-aside.kv");
        Files.copy(NATIVE.resolve("glove-aside.kv"), copy);
        assertThatThrownBy(() -> read(copy)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(copy.toString())
                .hasMessageContaining(dir.resolve("glove-aside.kv.vectors.npy").toString())
                .hasMessageContaining("missing");
    }

    @Test
    void aCompressedModelsMissingZipIsNamed(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("glove-aside.kv.gz");
        Files.copy(NATIVE.resolve("glove-aside.kv.gz"), copy);
        assertThatThrownBy(() -> read(copy)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(dir.resolve("glove-aside.kv.gz.vectors.npz").toString())
                .hasMessageContaining("missing");
    }

    @Test
    void aTruncatedPickleFailsWithItsOffset(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(NATIVE.resolve("glove.kv"));
        Path cut = dir.resolve("cut.kv");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> read(cut)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void aTruncatedArrayFileFails(@TempDir Path dir) throws Exception {
        Files.copy(NATIVE.resolve("glove-aside.kv"), dir.resolve("glove-aside.kv"));
        byte[] npy = Files.readAllBytes(NATIVE.resolve("glove-aside.kv.vectors.npy"));
        Files.write(dir.resolve("glove-aside.kv.vectors.npy"), java.util.Arrays.copyOf(npy, npy.length - 10));
        assertThatThrownBy(() -> read(dir.resolve("glove-aside.kv"))).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("glove-aside.kv.vectors.npy")
                .hasMessageContaining("76 x 50");
    }

    /**
     * Damaged bytes anywhere in a pickle (a whole Word2Vec model's, its arrays beside it): the read
     * either works (a changed value or letter goes unseen) or fails naming the file, never with
     * another kind of error.
     */
    @Test
    void damagedPicklesFailAsModelFileErrors(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(NATIVE.resolve("w2v.model"));
        Files.copy(NATIVE.resolve("w2v.model.wv.vectors.npy"), dir.resolve("damaged.model.wv.vectors.npy"));
        java.util.Random random = new java.util.Random(7);
        Path damaged = dir.resolve("damaged.model");
        int failures = refusedReads(damaged, damaged, whole, 300, bytes -> {
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
        });
        assertThat(failures).as("damage to the structure is noticed (168 of 300 with this seed)").isGreaterThan(100);
        Files.copy(NATIVE.resolve("w2v.model"), damaged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path npy = dir.resolve("damaged.model.wv.vectors.npy");
        // The magic, the version or the header.
        int arrayFailures = refusedReads(damaged, npy, Files.readAllBytes(npy), 200,
                bytes -> bytes[random.nextInt(128)] = (byte) random.nextInt(256));
        assertThat(arrayFailures).as("damage to the .npy header is noticed").isGreaterThan(50);
    }

    /**
     * Writes {@code trials} damaged copies of {@code original} to {@code damagedFile} and reads
     * {@code model} after each: how many reads failed, each failure naming the damaged file.
     */
    private static int refusedReads(Path model, Path damagedFile, byte[] original, int trials,
            java.util.function.Consumer<byte[]> damage) throws Exception {
        int failures = 0;
        for (int trial = 0; trial < trials; trial++) {
            byte[] bytes = original.clone();
            damage.accept(bytes);
            Files.write(damagedFile, bytes);
            try {
                read(model);
            } catch (ModelFileException e) {
                assertThat(e.getMessage()).contains(damagedFile.toString());
                failures++;
            }
        }
        return failures;
    }

    @Test
    void aTextFileReadAsGensimsIsRefused() {
        Path text = Path.of("src/test/resources/fixtures/test_glove.txt");
        assertThatThrownBy(() -> ModelReader.read(new ModelSource(text.toString(), text, null), ModelFormat.GENSIM,
                p -> { })).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("test_glove.txt")
                .hasMessageContaining("not gensim's format");
    }

    @Test
    void aPickleThatIsNotGensimsIsRefused() {
        assertThatThrownBy(() -> read(NATIVE.resolve("not-gensim.pkl"))).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("not-gensim.pkl")
                .hasMessageContaining("not a gensim model");
    }

    @Test
    void arraysBesideAModelNeedAFileOnDisk() throws Exception {
        Path file = NATIVE.resolve("glove-aside.kv");
        ModelSource stream = new ModelSource("classpath:glove-aside.kv", null, "gensim/native/glove-aside.kv");
        assertThatThrownBy(() -> ModelReader.read(stream, ModelFormat.AUTO, p -> { }))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("read from a file on disk");
        assertThat(read(file).vocabulary().size()).isEqualTo(76);
    }
}
