package dev.wordvec.contextual;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * The native libraries of ONNX Runtime and of the Hugging Face tokenizer, copied out of their jars
 * into a directory. Left alone, each extracts itself at first use: ONNX Runtime into a temporary
 * directory, the tokenizer into DJL's cache (which the image keeps under /tmp); a container whose
 * /tmp is mounted {@code noexec} (as Docker's and Kubernetes' tmpfs mounts are) cannot load a
 * library from there. The image build copies them once, and the image points both
 * at the copies ({@code onnxruntime.native.path}, {@code RUST_LIBRARY_PATH}). Outside an image,
 * ONNX Runtime's go to DJL's cache once ({@link #cachedOnnxRuntime}), as DJL puts PyTorch's and the
 * tokenizer's there.
 */
public final class ContextualNatives {

    private static final List<String> ONNX_RUNTIME = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");

    private ContextualNatives() {
    }

    /** The files written: {@code dir/onnxruntime/*.so} and {@code dir/tokenizers/libtokenizers.so}. */
    public static List<Path> extract(Path dir) throws IOException {
        String onnx = "ai/onnxruntime/native/" + onnxPlatform() + "/";
        String tokenizers = "native/lib/" + (arm() ? "linux-aarch64" : "linux-x86_64") + "/cpu/";
        return List.of(copy(onnx + ONNX_RUNTIME.get(0), dir.resolve("onnxruntime")),
                copy(onnx + ONNX_RUNTIME.get(1), dir.resolve("onnxruntime")),
                copy(tokenizers + "libtokenizers.so", dir.resolve("tokenizers")));
    }

    /**
     * ONNX Runtime's natives in a directory of {@code cache} named by their content, copied there
     * at the first start that needs them. Left to itself, ONNX Runtime copies its 20 MB into a new
     * directory of {@code java.io.tmpdir} at every start and loads them from there, which fails
     * ("failed to map segment from shared object") where /tmp is mounted {@code noexec}, as
     * hardened hosts mount it; a process killed meanwhile leaves the copy behind.
     *
     * @return the directory for {@code onnxruntime.native.path}; empty when the natives for this
     *     platform are not in a jar (ONNX Runtime then looks for them as it would)
     * @throws IOException when the cache cannot be written
     */
    static Optional<Path> cachedOnnxRuntime(Path cache) throws IOException {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        String prefix = "ai/onnxruntime/native/" + onnxPlatform() + "/";
        // Named by the entries' checksums, which the jar's directory holds (nothing is read to name
        // it): another ONNX Runtime version gets a directory of its own.
        List<JarEntry> entries = jarEntries(prefix).orElse(null);
        if (entries == null) {
            return Optional.empty();
        }
        CRC32 name = new CRC32();
        for (JarEntry entry : entries) {
            name.update(Long.toString(entry.getCrc()).getBytes(StandardCharsets.US_ASCII));
        }
        Path dir = cache.resolve(String.format(Locale.ROOT, "%08x-%s", name.getValue(), onnxPlatform()));
        for (int i = 0; i < entries.size(); i++) {
            Path file = dir.resolve(ONNX_RUNTIME.get(i));
            if (!Files.isRegularFile(file) || Files.size(file) != entries.get(i).getSize()) {
                copyAtomically(prefix + ONNX_RUNTIME.get(i), file);
            }
        }
        return Optional.of(dir);
    }

    /**
     * ONNX Runtime's two entries under {@code prefix}, read from its jar's directory, which is opened
     * once for both; empty when they are not in a jar or their sizes and checksums are unknown.
     */
    private static Optional<List<JarEntry>> jarEntries(String prefix) throws IOException {
        URL url = ContextualNatives.class.getClassLoader().getResource(prefix + ONNX_RUNTIME.get(0));
        if (url == null) {
            return Optional.empty();
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return Optional.empty();
        }
        // Not cached: the JDK would otherwise keep a second copy of the jar's directory open.
        jar.setUseCaches(false);
        List<JarEntry> entries = new ArrayList<>();
        try (JarFile file = jar.getJarFile()) {
            for (String library : ONNX_RUNTIME) {
                JarEntry entry = file.getJarEntry(prefix + library);
                if (entry == null || entry.getSize() < 0 || entry.getCrc() < 0) {
                    return Optional.empty();
                }
                entries.add(entry);
            }
        }
        return Optional.of(entries);
    }

    /** Another process may be copying the same file: each writes a file of its own, then renames it. */
    private static void copyAtomically(String resource, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            copyTo(resource, part);
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static boolean arm() {
        return System.getProperty("os.arch").toLowerCase(Locale.ROOT).contains("aarch64");
    }

    private static String onnxPlatform() {
        return arm() ? "linux-aarch64" : "linux-x64";
    }

    private static Path copy(String resource, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        copyTo(resource, target);
        return target;
    }

    private static void copyTo(String resource, Path target) throws IOException {
        try (InputStream in = ContextualNatives.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("classpath:" + resource + " is missing: this platform (" + System.getProperty("os.name")
                        + " " + System.getProperty("os.arch") + ") has no bundled native library");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
