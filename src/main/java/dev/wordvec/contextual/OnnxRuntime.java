package dev.wordvec.contextual;

import dev.wordvec.vectors.PyTorchEngine;

/** Settings DJL reads before its OnnxRuntime engine and tokenizer start. */
final class OnnxRuntime {

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
        if (System.getProperty("onnxruntime.native.path") == null && natives != null && !natives.isBlank()) {
            System.setProperty("onnxruntime.native.path", natives);
        }
        // Natives come from the jars (onnxruntime, tokenizers): never downloaded. The offline switch
        // is DJL's, for every engine.
        PyTorchEngine.configureOffline();
    }
}
