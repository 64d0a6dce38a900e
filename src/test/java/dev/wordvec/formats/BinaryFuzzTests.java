package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged binary models, made by a seeded {@link Random}: bytes changed in the header, the
 * dictionary and the first rows or anywhere (gensim's pickles too), a 4-byte field anywhere set to a boundary value, or
 * the file cut anywhere. Each either reads or fails with a
 * {@link ModelFileException} naming the file: never another exception, never a hang.
 */
class BinaryFuzzTests {

    private static final int CASES = 600;
    private static final int[] EXTREMES = {0, 1, -1, 2, 255, 256, 65_536, Integer.MAX_VALUE, Integer.MIN_VALUE};

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/fasttext/supervised.bin", "src/test/resources/fasttext/supervised.ftz",
        "src/test/resources/fasttext/supervised-pruned.ftz", "src/test/resources/fixtures/crime-and-punishment.bin",
        "src/test/resources/fixtures/euclidean_vectors.bin", "src/test/resources/fixtures/high_precision.kv.bin",
        "src/test/resources/fixtures/lee_fasttext.bin", "src/test/resources/gensim/native/ft.model",
        "src/test/resources/gensim/native/ft-nongrams.model"})
    void damagedFilesFailWithTheFileNamed(String model, @TempDir Path tmp) throws Exception {
        byte[] original = Files.readAllBytes(Path.of(model));
        Path intact = Files.write(tmp.resolve("intact" + model.substring(model.lastIndexOf('.'))), original);
        assertThat(ModelReader.read(ModelSource.of(intact.toString()), ModelFormat.AUTO, p -> { }).vocabulary().size())
                .as("the undamaged copy reads").isPositive();
        Random random = new Random(model.hashCode());
        Path damaged = tmp.resolve("damaged" + model.substring(model.lastIndexOf('.')));
        for (int c = 0; c < CASES; c++) {
            byte[] bytes;
            if (c % 4 == 0) {
                bytes = Arrays.copyOf(original, random.nextInt(original.length));
            } else if (c % 4 == 3) {
                // A count or a size made extreme: one little-endian int anywhere set to a boundary value.
                bytes = original.clone();
                int at = random.nextInt(bytes.length - 3);
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, EXTREMES[random.nextInt(EXTREMES.length)]);
            } else {
                bytes = original.clone();
                // Most of the structure sits in the first few kilobytes: the header and the dictionary.
                int span = Math.min(bytes.length, c % 4 == 1 ? 4096 : bytes.length);
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    bytes[random.nextInt(span)] = (byte) random.nextInt(256);
                }
            }
            Files.write(damaged, bytes);
            try {
                ModelReader.read(ModelSource.of(damaged.toString()), ModelFormat.AUTO, p -> { });
            } catch (ModelFileException e) {
                assertThat(e.getMessage()).as("case %d", c).contains(damaged.toString());
            } catch (Exception | Error e) {
                fail("case %d of %s: %s", c, model, e, e);
            }
        }
    }

    private static final long[] LONG_EXTREMES = {0, 1, -1, 4096, 1L << 32, 1L << 56, Long.MAX_VALUE, Long.MAX_VALUE - 10,
        Long.MIN_VALUE};

    /**
     * The same for converted files, of every version (1: words; 3: fastText; 4: pruned fastText;
     * 5: the cache's, matrix first): cut anywhere, a header byte changed, or a header field (an
     * 8-byte offset, size or count) set to a boundary value. Mapped, each either loads or fails with
     * a {@link ModelFileException} naming the file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/fixtures/euclidean_vectors.bin", "src/test/resources/fixtures/lee_fasttext.bin",
        "src/test/resources/fasttext/supervised-pruned.ftz", "streamed"})
    void damagedConvertedFilesFailWithTheFileNamed(String model, @TempDir Path tmp) throws Exception {
        Path intact;
        if (model.equals("streamed")) {
            ModelSource source = ModelSource.of("src/test/resources/fixtures/lee_fasttext.vec");
            ModelCache cache = new ModelCache(tmp.resolve("cache"), dev.wordvec.vectors.RowBlocks.DEFAULT_BLOCK_BYTES);
            cache.load(source, ModelFormat.AUTO, 0, p -> { });
            intact = cache.cacheFile(source, ModelFormat.AUTO, 0);
        } else {
            ParsedVectors parsed = ModelReader.read(ModelSource.of(model), ModelFormat.AUTO, p -> { });
            intact = tmp.resolve("intact.wvc");
            ConvertedModel.write(parsed, new ConvertedModel.Stamp(parsed.format().id(), -1, -1), intact);
        }
        byte[] original = Files.readAllBytes(intact);
        int version = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        assertThat(version).isEqualTo(switch (model) {
            case "streamed" -> 5;
            case "src/test/resources/fixtures/euclidean_vectors.bin" -> 1;
            case "src/test/resources/fasttext/supervised-pruned.ftz" -> 4;
            default -> 3;
        });
        assertThat(ConvertedModel.map(intact, dev.wordvec.vectors.RowBlocks.DEFAULT_BLOCK_BYTES).vectors().vocabulary()
                .size()).isPositive();
        Random random = new Random(model.hashCode());
        Path damaged = tmp.resolve("damaged.wvc");
        for (int c = 0; c < CASES; c++) {
            byte[] bytes = original.clone();
            if (c % 3 == 0) {
                bytes = Arrays.copyOf(original, random.nextInt(original.length));
            } else if (c % 3 == 1) {
                bytes[random.nextInt(200)] = (byte) random.nextInt(256); // the header is under 200 bytes
            } else {
                int at = 8 * random.nextInt(200 / 8);
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(at, LONG_EXTREMES[random.nextInt(LONG_EXTREMES.length)]);
            }
            Files.write(damaged, bytes);
            try {
                ConvertedModel.map(damaged, dev.wordvec.vectors.RowBlocks.DEFAULT_BLOCK_BYTES);
            } catch (ModelFileException e) {
                assertThat(e.getMessage()).as("case %d", c).contains(damaged.toString());
            } catch (Exception | Error e) {
                fail("case %d of %s: %s", c, model, e, e);
            }
        }
    }
}
