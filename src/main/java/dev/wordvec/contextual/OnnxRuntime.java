package dev.wordvec.contextual;

import ai.djl.util.Utils;
import dev.wordvec.vectors.PyTorchEngine;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Settings DJL reads before its OnnxRuntime engine and tokenizer start. */
final class OnnxRuntime {

    private static final Logger log = LoggerFactory.getLogger(OnnxRuntime.class);
    private static final String NATIVE_PATH = "onnxruntime.native.path";

    private OnnxRuntime() {
    }

    static void configure() {
        // DJL's "call home" (usage tracking on EC2) must never open a connection from a sidecar.
        if (System.getProperty("OPT_OUT_TRACKING") == null && System.getenv("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        // ONNX Runtime reads only a system property for where its natives are; the image sets the
        // environment variable, which survives a user's own JAVA_TOOL_OPTIONS.
        String natives = System.getenv("ONNXRUNTIME_NATIVE_PATH");
        if (System.getProperty(NATIVE_PATH) == null && natives != null && !natives.isBlank()) {
            System.setProperty(NATIVE_PATH, natives);
        }
        if (System.getProperty(NATIVE_PATH) == null) {
            useCachedNatives();
        }
        // Natives come from the jars (onnxruntime, tokenizers): never downloaded. The offline switch
        // is DJL's, for every engine.
        PyTorchEngine.configureOffline();
    }

    /** Natives from DJL's cache (where PyTorch's and the tokenizer's are), copied there once. */
    private static synchronized void useCachedNatives() {
        if (System.getProperty(NATIVE_PATH) != null) {
            return;
        }
        Path cache = Utils.getEngineCacheDir("onnxruntime");
        try {
            ContextualNatives.cachedOnnxRuntime(cache).ifPresent(dir -> {
                log.debug("ONNX Runtime's natives from {}", dir);
                System.setProperty(NATIVE_PATH, dir.toString());
            });
        } catch (IOException | RuntimeException e) {
            // ONNX Runtime then copies them into java.io.tmpdir, as it does by itself.
            log.info("ONNX Runtime's natives cannot be kept in {} ({}); it copies them into {} instead", cache,
                    e.getMessage(), System.getProperty("java.io.tmpdir"));
        }
    }
}
