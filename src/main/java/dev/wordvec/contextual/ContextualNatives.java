package dev.wordvec.contextual;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The native libraries of ONNX Runtime and of the Hugging Face tokenizer, copied out of their jars
 * into a directory. Left alone, each extracts itself at first use into a temporary directory; a
 * container whose /tmp is mounted {@code noexec} (as Docker's and Kubernetes' tmpfs mounts are)
 * cannot load a library from there. The image build copies them once, and the image points both
 * at the copies ({@code onnxruntime.native.path}, {@code RUST_LIBRARY_PATH}).
 */
public final class ContextualNatives {

    private ContextualNatives() {
    }

    /** The files written: {@code dir/onnxruntime/*.so} and {@code dir/tokenizers/libtokenizers.so}. */
    public static List<Path> extract(Path dir) throws IOException {
        boolean arm = System.getProperty("os.arch").toLowerCase(Locale.ROOT).contains("aarch64");
        String onnx = "ai/onnxruntime/native/" + (arm ? "linux-aarch64" : "linux-x64") + "/";
        String tokenizers = "native/lib/" + (arm ? "linux-aarch64" : "linux-x86_64") + "/cpu/";
        return List.of(copy(onnx + "libonnxruntime.so", dir.resolve("onnxruntime")),
                copy(onnx + "libonnxruntime4j_jni.so", dir.resolve("onnxruntime")),
                copy(tokenizers + "libtokenizers.so", dir.resolve("tokenizers")));
    }

    private static Path copy(String resource, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = ContextualNatives.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("classpath:" + resource + " is missing: this platform (" + System.getProperty("os.name")
                        + " " + System.getProperty("os.arch") + ") has no bundled native library");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
