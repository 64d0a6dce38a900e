package dev.wordvec.contextual;

import dev.wordvec.contextual.SentenceTransformer.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a sentence-transformers directory says about how its network is used, read from the files
 * {@code SentenceTransformer.save} writes beside it, so that a model such as BGE (CLS pooling) or
 * one without a Normalize module gives sentence-transformers' vectors with no settings of ours:
 * <ul>
 * <li>{@code modules.json}: the modules in order; a {@code Normalize} module means unit-length
 *     vectors, the {@code Pooling} module's {@code path} holds its {@code config.json}, and each
 *     {@code Dense} module after it a layer applied to the pooled vector ({@link DenseLayer}). A
 *     module of any other type fails the load: its vectors would not be sentence-transformers';</li>
 * <li>that {@code config.json} (usually {@code 1_Pooling/config.json}): which pooling, as the
 *     {@code pooling_mode_*} flags of sentence-transformers 2 to 4 or the {@code pooling_mode} of 5
 *     and later;</li>
 * <li>{@code sentence_bert_config.json} (or {@code sentence_roberta_config.json} and the other
 *     names it had): {@code max_seq_length}, or {@code processing_kwargs}' {@code max_length} as
 *     sentence-transformers 6 writes it (longer texts are cut there, whatever {@code tokenizer.json}
 *     says), and {@code do_lower_case};</li>
 * <li>with no {@code max_seq_length}, {@code tokenizer_config.json}'s {@code model_max_length};</li>
 * <li>{@code config_sentence_transformers.json}: the {@code prompts} and {@code default_prompt_name},
 *     with the Pooling config's {@code include_prompt}; {@code truncate_dim} (sentence vectors cut
 *     to their first N numbers, last); a {@code model_type} other than {@code SentenceTransformer}
 *     (a cross-encoder, a sparse encoder) fails the load.</li>
 * </ul>
 * A file that is absent leaves its setting unknown (null, or 0 tokens); a file that is present
 * and wrong fails the load, naming the file and the reason.
 *
 * @param pooling the pooling module's mode; null when the directory has none
 * @param normalize whether modules.json lists a Normalize module; null without modules.json
 * @param maxTokens the longest input, special tokens included; 0 when no file says
 * @param lowerCase sentence-transformers lower-cases texts before the tokenizer
 * @param prompts the prompts sentence-transformers puts before texts; none when no file lists any
 * @param dense the Dense modules after the pooling, in order; none when modules.json lists none
 * @param truncateDim sentence vectors keep their first N numbers, after every module (0: all)
 */
public record DirectorySettings(Pooling pooling, Boolean normalize, int maxTokens, boolean lowerCase,
        Prompts prompts, List<DenseLayer> dense, int truncateDim) {

    /** Nothing known: the built-in model, or a directory with the network and tokenizer only. */
    public static final DirectorySettings NONE = new DirectorySettings(null, null, 0, false, Prompts.NONE, List.of(), 0);

    public DirectorySettings {
        dense = List.copyOf(dense);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** sentence-transformers' pooling flags, in the order it concatenates them. */
    private static final Map<String, Pooling> MODES = modes();

    private static Map<String, Pooling> modes() {
        Map<String, Pooling> modes = new LinkedHashMap<>();
        modes.put("pooling_mode_cls_token", Pooling.CLS);
        modes.put("pooling_mode_max_tokens", Pooling.MAX);
        modes.put("pooling_mode_mean_tokens", Pooling.MEAN);
        modes.put("pooling_mode_mean_sqrt_len_tokens", Pooling.MEAN_SQRT_LEN);
        modes.put("pooling_mode_weightedmean_tokens", Pooling.WEIGHTED_MEAN);
        modes.put("pooling_mode_lasttoken", Pooling.LAST_TOKEN);
        return modes;
    }

    /** Reads the settings files of {@code directory}; see the class comment. */
    public static DirectorySettings read(Path directory) throws IOException {
        Boolean normalize = null;
        Path poolingConfig = directory.resolve("1_Pooling").resolve("config.json");
        Path modulesFile = directory.resolve("modules.json");
        List<DenseLayer> dense = new ArrayList<>();
        if (Files.isRegularFile(modulesFile)) {
            JsonNode modules = json(modulesFile);
            if (!modules.isArray()) {
                throw new IOException(modulesFile + ": not a list of modules");
            }
            normalize = false;
            boolean pooled = false;
            for (JsonNode module : modules) {
                String type = module.path("type").asString("");
                String path = module.path("path").asString("");
                String kind = type.substring(type.lastIndexOf('.') + 1);
                if (normalize) {
                    throw new IOException(modulesFile + ": module '" + path + "' (" + type + ") comes after Normalize; "
                            + "wordvec scales sentence vectors to unit length last");
                }
                switch (kind) {
                    case "Transformer" -> { }
                    case "Pooling" -> {
                        poolingConfig = directory.resolve(path).resolve("config.json");
                        pooled = true;
                    }
                    case "Dense" -> {
                        if (!pooled) {
                            throw new IOException(modulesFile + ": Dense module '" + path + "' comes before the "
                                    + "Pooling module; wordvec applies Dense layers to the pooled sentence vector");
                        }
                        dense.add(DenseLayer.read(directory.resolve(path)));
                    }
                    case "Normalize" -> {
                        Path config = directory.resolve(path).resolve("config.json");
                        if (Files.isRegularFile(config)) {
                            sentenceModule(config, json(config), "Normalize");
                        }
                        normalize = true;
                    }
                    default -> throw new IOException(modulesFile + ": module '" + path + "' is " + type
                            + ", which wordvec does not run (it runs Transformer, as the ONNX network, Pooling, "
                            + "Dense and Normalize); its vectors would not be sentence-transformers'");
                }
            }
        }
        JsonNode poolingJson = Files.isRegularFile(poolingConfig) ? json(poolingConfig) : null;
        Pooling pooling = poolingJson == null ? null : pooling(poolingConfig, poolingJson);
        boolean promptPooled = poolingJson == null || poolingJson.path("include_prompt").asBoolean(true);
        int maxTokens = 0;
        boolean lowerCase = false;
        Path bertConfig = transformerConfig(directory);
        if (bertConfig != null) {
            JsonNode config = json(bertConfig);
            maxTokens = maxTokens(bertConfig, config);
            lowerCase = config.path("do_lower_case").asBoolean(false);
        }
        Path tokenizerConfig = directory.resolve("tokenizer_config.json");
        if (maxTokens == 0 && Files.isRegularFile(tokenizerConfig)) {
            // transformers writes a huge number (1e30) when the tokenizer sets no limit.
            JsonNode length = json(tokenizerConfig).path("model_max_length");
            if (length.isNumber() && length.asDouble() >= 2 && length.asDouble() <= 1_000_000) {
                maxTokens = (int) length.asDouble();
            }
        }
        Path stFile = directory.resolve("config_sentence_transformers.json");
        JsonNode stConfig = Files.isRegularFile(stFile) ? json(stFile) : null;
        return new DirectorySettings(pooling, normalize, maxTokens, lowerCase, prompts(stFile, stConfig, promptPooled),
                dense, stConfig == null ? 0 : truncateDim(stFile, stConfig));
    }

    /**
     * {@code truncate_dim}, after refusing a directory that is not a sentence embedding model
     * ({@code model_type} {@code CrossEncoder} or {@code SparseEncoder}: scores or sparse vectors).
     */
    private static int truncateDim(Path file, JsonNode config) throws IOException {
        JsonNode type = config.path("model_type");
        if (!type.isMissingNode() && !type.isNull() && !"SentenceTransformer".equals(type.asString(""))) {
            throw new IOException(file + ": model_type is " + type + "; wordvec serves SentenceTransformer models "
                    + "(dense sentence vectors), not cross-encoders' scores or sparse encoders' vectors");
        }
        JsonNode dim = config.path("truncate_dim");
        if (dim.isMissingNode() || dim.isNull()) {
            return 0;
        }
        if (!dim.isIntegralNumber() || !dim.canConvertToInt() || dim.intValue() < 1) {
            throw new IOException(file + ": truncate_dim must be a positive whole number, not " + dim);
        }
        return dim.intValue();
    }

    /**
     * The Transformer module's settings file: {@code sentence_bert_config.json}, or the name older
     * sentence-transformers gave it for other networks, looked for in the order it looks.
     */
    private static Path transformerConfig(Path directory) {
        for (String name : List.of("sentence_bert_config.json", "sentence_roberta_config.json",
                "sentence_distilbert_config.json", "sentence_camembert_config.json", "sentence_albert_config.json",
                "sentence_xlm-roberta_config.json", "sentence_xlnet_config.json")) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /**
     * The longest input the Transformer module's settings give: {@code processing_kwargs}' text (or
     * common) {@code max_length}, as sentence-transformers 6 writes it, else {@code max_seq_length};
     * 0 when none is set.
     */
    private static int maxTokens(Path file, JsonNode config) throws IOException {
        JsonNode processing = config.path("processing_kwargs");
        for (JsonNode length : List.of(processing.path("text").path("max_length"),
                processing.path("common").path("max_length"), config.path("max_seq_length"))) {
            if (length.isMissingNode() || length.isNull()) {
                continue;
            }
            if (!length.isIntegralNumber() || !length.canConvertToInt() || length.intValue() < 2) {
                throw new IOException(file + ": the maximum length (max_seq_length, or processing_kwargs' max_length) "
                        + "must be a whole number of tokens (at least 2), not " + length);
            }
            return length.intValue();
        }
        return 0;
    }

    /**
     * Refuses a module that sentence-transformers 5 and later apply to something other than the
     * sentence vector ({@code module_input_name} or {@code module_output_name} in its
     * {@code config.json}: a Dense layer over each token, as multi-vector encoders have, or one
     * that makes a cross-encoder's scores).
     */
    static void sentenceModule(Path file, JsonNode config, String kind) throws IOException {
        for (String key : List.of("module_input_name", "module_output_name")) {
            JsonNode name = config.path(key);
            if (!name.isMissingNode() && !name.isNull() && !"sentence_embedding".equals(name.asString(""))) {
                throw new IOException(file + ": this " + kind + " module's " + key + " is " + name + "; wordvec runs "
                        + kind + " on the sentence vector only (sentence_embedding), not on token vectors or scores");
            }
        }
    }

    /** The prompts a {@code config_sentence_transformers.json} lists; none when there is no such file. */
    private static Prompts prompts(Path file, JsonNode config, boolean pooled) throws IOException {
        if (config == null) {
            return new Prompts(Map.of(), null, pooled);
        }
        JsonNode listed = config.path("prompts");
        Map<String, String> prompts = new LinkedHashMap<>();
        if (!listed.isMissingNode() && !listed.isNull()) {
            if (!listed.isObject()) {
                throw new IOException(file + ": prompts must be an object of names to texts, not " + listed);
            }
            for (Map.Entry<String, JsonNode> prompt : listed.properties()) {
                if (!prompt.getValue().isString()) {
                    throw new IOException(file + ": prompt '" + prompt.getKey() + "' must be a text, not "
                            + prompt.getValue());
                }
                prompts.put(prompt.getKey(), prompt.getValue().asString());
            }
        }
        JsonNode name = config.path("default_prompt_name");
        try {
            return new Prompts(prompts, name.isString() ? name.asString() : null, pooled);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": default_prompt_name " + e.getMessage(), e);
        }
    }

    /** sentence-transformers 5 and later write one setting, {@code pooling_mode}, instead of the flags. */
    private static final Map<String, Pooling> MODE_NAMES = Map.of("cls", Pooling.CLS, "max", Pooling.MAX,
            "mean", Pooling.MEAN, "mean_sqrt_len_tokens", Pooling.MEAN_SQRT_LEN, "weightedmean", Pooling.WEIGHTED_MEAN,
            "lasttoken", Pooling.LAST_TOKEN);

    private static Pooling pooling(Path file, JsonNode config) throws IOException {
        JsonNode mode = config.path("pooling_mode");
        if (!mode.isMissingNode() && !mode.isNull()) {
            JsonNode one = mode.isArray() && mode.size() == 1 ? mode.get(0) : mode;
            if (mode.isArray() && mode.size() != 1) {
                throw new IOException(file + ": pooling_mode " + mode + " names " + mode.size() + " modes "
                        + "(sentence-transformers concatenates them); wordvec serves one of "
                        + new java.util.TreeSet<>(MODE_NAMES.keySet()));
            }
            Pooling pooling = one.isString() ? MODE_NAMES.get(one.asString()) : null;
            if (pooling == null) {
                throw new IOException(file + ": pooling_mode " + mode + " is not one of "
                        + new java.util.TreeSet<>(MODE_NAMES.keySet()));
            }
            return pooling;
        }
        List<String> on = new ArrayList<>();
        for (String flag : MODES.keySet()) {
            if (config.path(flag).asBoolean(false)) {
                on.add(flag);
            }
        }
        if (on.size() != 1) {
            throw new IOException(file + ": " + (on.isEmpty() ? "no pooling mode is on" : "pooling modes " + on
                    + " are all on (sentence-transformers concatenates them)") + "; wordvec serves one of "
                    + MODES.keySet());
        }
        return MODES.get(on.get(0));
    }

    static JsonNode json(Path file) throws IOException {
        return json(file.toString(), Files.readAllBytes(file));
    }

    /** The JSON in {@code bytes}, which an error names as {@code name}. */
    static JsonNode json(String name, byte[] bytes) throws IOException {
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new IOException(name + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
