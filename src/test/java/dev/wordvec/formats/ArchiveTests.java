package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.testing.GensimExpected;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files in .zip archives and compressed with bzip2 or xz read as the plain file, detected from their bytes. */
class ArchiveTests {

    private static final Path GLOVE = GensimExpected.FIXTURES.resolve("test_glove.txt");
    private static final Path LEE = GensimExpected.FIXTURES.resolve("lee_fasttext.vec");

    private static ParsedVectors read(String location) throws Exception {
        return ModelReader.read(ModelSource.of(location), ModelFormat.AUTO, p -> { });
    }

    private static void assertSameModel(ParsedVectors ours, Path plain) throws Exception {
        ParsedVectors expected = ModelReader.read(ModelSource.of(plain.toString()), ModelFormat.AUTO, p -> { });
        assertThat(ours.vocabulary().size()).isEqualTo(expected.vocabulary().size());
        assertThat(ours.format()).isEqualTo(expected.format());
        float[] a = new float[ours.dimension()];
        float[] b = new float[ours.dimension()];
        for (int row = 0; row < ours.vocabulary().size(); row++) {
            assertThat(ours.vocabulary().word(row)).isEqualTo(expected.vocabulary().word(row));
            ours.matrix().read(row, a, 0);
            expected.matrix().read(row, b, 0);
            assertThat(a).containsExactly(b);
        }
    }

    private static Path zip(Path tmp, String name, Path... members) throws Exception {
        Path zip = tmp.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("Vectors, see the paper.\n".getBytes());
            // The NLPL repository's archives (vectors.nlpl.eu) describe their model in a meta.json.
            out.putNextEntry(new ZipEntry("meta.json"));
            out.write("{\"corpus\": [{\"description\": \"Gigaword 5th Edition\"}]}\n".getBytes());
            for (Path member : members) {
                out.putNextEntry(new ZipEntry("vectors/" + member.getFileName()));
                out.write(Files.readAllBytes(member));
            }
        }
        return zip;
    }

    @Test
    void theOnlyModelInAZipIsRead(@TempDir Path tmp) throws Exception {
        assertSameModel(read(zip(tmp, "one.zip", GLOVE).toString()), GLOVE);
    }

    @Test
    void aMemberIsChosenByNameWhenTheZipHoldsSeveral(@TempDir Path tmp) throws Exception {
        Path zip = zip(tmp, "glove.6B.zip", GLOVE, LEE);
        assertThatThrownBy(() -> read(zip.toString())).isInstanceOf(ModelFileException.class)
                .hasMessageEndingWith("the zip holds 2 files that could be the one to read [vectors/test_glove.txt, "
                        + "vectors/lee_fasttext.vec]; name one, as " + zip + "!vectors/test_glove.txt (a configured "
                        + "model also takes it as its 'member' setting)");
        assertSameModel(read(zip + "!lee_fasttext.vec"), LEE);
        assertSameModel(ModelReader.read(ModelSource.of(zip.toString()).withMember("test_glove.txt"), ModelFormat.AUTO,
                p -> { }), GLOVE);
        assertThatThrownBy(() -> read(zip + "!nope.txt")).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("the zip has no member 'nope.txt'");
    }

    /** A member named for a file that is no zip would be ignored and the whole file read: refused. */
    @Test
    void aMemberOfAFileThatIsNoZipIsRefused() {
        assertThatThrownBy(() -> ModelReader.read(ModelSource.of(GLOVE.toString()).withMember("vectors.txt"),
                ModelFormat.AUTO, p -> { })).isInstanceOf(ModelFileException.class)
                .hasMessage("Cannot load model file " + GLOVE + ": is no zip, so it has no member 'vectors.txt' to "
                        + "read (a member, the 'member' setting or what follows a '!' in the path, names a file "
                        + "inside a .zip)");
        assertThatThrownBy(() -> read(GLOVE + "!vectors.txt")).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("is no zip, so it has no member 'vectors.txt' to read");
    }

    @Test
    void bzip2AndXzAreDetectedFromTheirBytes(@TempDir Path tmp) throws Exception {
        Path bz2 = tmp.resolve("model.data");
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(bz2))) {
            out.write(Files.readAllBytes(LEE));
        }
        assertSameModel(read(bz2.toString()), LEE);
        Path xz = tmp.resolve("model.xz");
        try (OutputStream out = new XZCompressorOutputStream(Files.newOutputStream(xz))) {
            out.write(Files.readAllBytes(LEE));
        }
        assertSameModel(read(xz.toString()), LEE);
    }

    @Test
    void aTruncatedBzip2FileFailsNamingTheFileAndTheCompression(@TempDir Path tmp) throws Exception {
        Path bz2 = tmp.resolve("model.bz2");
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(bz2))) {
            out.write(Files.readAllBytes(LEE));
        }
        byte[] whole = Files.readAllBytes(bz2);
        Files.write(bz2, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> read(bz2.toString())).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("model.bz2").hasMessageContaining("bzip2 data is truncated or corrupt");
    }

    @Test
    void aZippedModelIsCachedApartFromEachMember(@TempDir Path tmp) throws Exception {
        Path zip = zip(tmp, "two.zip", GLOVE, LEE);
        ModelCache cache = new ModelCache(tmp.resolve("cache"), dev.wordvec.vectors.RowBlocks.DEFAULT_BLOCK_BYTES);
        ModelSource glove = ModelSource.of(zip.toString()).withMember("test_glove.txt");
        ModelSource lee = ModelSource.of(zip.toString()).withMember("lee_fasttext.vec");
        assertThat(cache.cacheFile(glove, ModelFormat.AUTO, 0)).isNotEqualTo(cache.cacheFile(lee, ModelFormat.AUTO, 0));
        assertSameModel(cache.load(glove, ModelFormat.AUTO, 0, p -> { }), GLOVE);
        assertSameModel(cache.load(lee, ModelFormat.AUTO, 0, p -> { }), LEE);
        // Second loads map the cached copies.
        assertSameModel(cache.load(glove, ModelFormat.AUTO, 0, p -> { }), GLOVE);
        assertThat(cache.load(lee, ModelFormat.AUTO, 0, p -> { }).format()).isEqualTo(ModelFormat.FASTTEXT_VEC);
    }
}
