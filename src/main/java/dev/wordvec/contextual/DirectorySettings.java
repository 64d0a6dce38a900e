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
 * <li>that {@code config.json} (usually {@code 1_Pooling/config.json}): which pooling;</li>
 * <li>{@code sentence_bert_config.json}: {@code max_seq_length} (longer texts are cut there,
 *     whatever {@code tokenizer.json} says) and {@code do_lower_case};</li>
 * <li>with no {@code max_seq_length}, {@code tokenizer_config.json}'s {@code model_max_length};</li>
 * <li>{@code config_sentence_transformers.json}: the {@code prompts} and {@code default_prompt_name},
 *     with the Pooling config's {@code include_prompt}.</li>
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
 */
public record DirectorySettings(Pooling pooling, Boolean normalize, int maxTokens, boolean lowerCase,
        Prompts prompts, List<DenseLayer> dense) {

    /** Nothing known: the built-in model, or a directory with the network and tokenizer only. */
    public static final DirectorySettings NONE = new DirectorySettings(null, null, 0, false, Prompts.NONE, List.of());

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
                    case "Normalize" -> normalize = true;
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
        Path bertConfig = directory.resolve("sentence_bert_config.json");
        if (Files.isRegularFile(bertConfig)) {
            JsonNode config = json(bertConfig);
            JsonNode length = config.path("max_seq_length");
            if (!length.isMissingNode() && !length.isNull()) {
                if (!length.isIntegralNumber() || length.asInt() < 2) {
                    throw new IOException(bertConfig + ": max_seq_length must be a whole number of tokens "
                            + "(at least 2), not " + length);
                }
                maxTokens = length.asInt();
            }
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
        return new DirectorySettings(pooling, normalize, maxTokens, lowerCase,
                prompts(directory.resolve("config_sentence_transformers.json"), promptPooled), dense);
    }

    /** The prompts a {@code config_sentence_transformers.json} lists; none when there is no such file. */
    private static Prompts prompts(Path file, boolean pooled) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new Prompts(Map.of(), null, pooled);
        }
        JsonNode config = json(file);
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

    private static Pooling pooling(Path file, JsonNode config) throws IOException {
        List<String> on = new ArrayList<>();
        for (String mode : MODES.keySet()) {
            if (config.path(mode).asBoolean(false)) {
                on.add(mode);
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
        try {
            return JSON.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
