package dev.wordvec.contextual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.util.Utils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's natives kept in DJL's cache: copied once, whole, and copied again when damaged. */
class ContextualNativesTests {

    private static final String RESOURCES = "ai/onnxruntime/native/linux-x64/";

    @TempDir
    Path cache;

    @Test
    void theNativesAreCopiedOnceIntoADirectoryNamedByTheirContent() throws Exception {
        Path dir = ContextualNatives.cachedOnnxRuntime(cache).orElseThrow();

        assertThat(dir.getParent()).isEqualTo(cache);
        assertThat(dir.getFileName().toString()).matches("[0-9a-f]{8}-linux-x64");
        assertThat(sha256(dir.resolve("libonnxruntime.so"))).isEqualTo(resourceSha256("libonnxruntime.so"));
        assertThat(sha256(dir.resolve("libonnxruntime4j_jni.so"))).isEqualTo(resourceSha256("libonnxruntime4j_jni.so"));
        // No partial copy is left beside them.
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("libonnxruntime.so", "libonnxruntime4j_jni.so");
        }

        // A later start finds them and writes nothing.
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(dir.resolve("libonnxruntime.so"), old);
        assertThat(ContextualNatives.cachedOnnxRuntime(cache)).contains(dir);
        assertThat(Files.getLastModifiedTime(dir.resolve("libonnxruntime.so"))).isEqualTo(old);
    }

    @Test
    void aCutShortCopyIsReplaced() throws Exception {
        Path dir = ContextualNatives.cachedOnnxRuntime(cache).orElseThrow();
        Path library = dir.resolve("libonnxruntime.so");
        byte[] whole = Files.readAllBytes(library);
        Files.write(library, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThat(ContextualNatives.cachedOnnxRuntime(cache)).contains(dir);

        assertThat(sha256(library)).isEqualTo(resourceSha256("libonnxruntime.so"));
    }

    @Test
    void aContextualModelLoadsTheNativesFromDjlsCacheNotFromTheTemporaryDirectory() throws Exception {
        assumeTrue(System.getenv("ONNXRUNTIME_NATIVE_PATH") == null, "the natives' directory is set from outside");
        try (SentenceTransformer model = SentenceTransformer.load(EncoderFiles.builtIn(true),
                SentenceTransformer.Settings.defaults(1, true))) {
            assertThat(model.dimension()).isEqualTo(384);
        }

        Path natives = Path.of(System.getProperty("onnxruntime.native.path"));
        assertThat(natives.getParent()).isEqualTo(Utils.getEngineCacheDir("onnxruntime"));
        assertThat(natives.resolve("libonnxruntime.so")).isRegularFile();
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String resourceSha256(String name) throws IOException, NoSuchAlgorithmException {
        try (InputStream in = ContextualNatives.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
