package dev.wordvec.contextual;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.vectors.Half;
import dev.wordvec.vectors.VectorMath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sentence-transformers network on the OnnxRuntime engine: texts in, each token's contextual
 * vector (the last hidden state) out, pooled into a sentence vector as sentence-transformers
 * does. Texts of one call run as one padded batch, each masked so that its vectors do not depend
 * on what else is in the batch. Thread-safe: ONNX Runtime sessions take concurrent runs.
 */
public final class SentenceTransformer implements AutoCloseable {

    /**
     * How token vectors become the sentence's, as sentence-transformers' Pooling module does it over
     * a text's tokens (special ones included): their mean (its default), the first ([CLS]), the
     * largest value of each dimension, the sum over the square root of the count, the mean
     * weighted by position (1, 2, ...), or the last token.
     */
    public enum Pooling {
        MEAN, CLS, MAX, MEAN_SQRT_LEN, WEIGHTED_MEAN, LAST_TOKEN;

        /** The name the configuration and {@code /models} use: {@code mean-sqrt-len}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The sentence vector of one text's token vectors ({@code [token][dimension]}), before any normalisation. */
        public float[] apply(float[][] tokens) {
            return apply(tokens, 0);
        }

        /**
         * As {@link #apply(float[][])}, with the first {@code masked} tokens left out as
         * sentence-transformers leaves out a prompt it does not pool (their attention mask set to 0):
         * out of the mean, the maximum and the weights, which still count positions from the first
         * token. CLS and last-token pooling take their token whatever the mask. With no token left,
         * the vector is zeros, as sentence-transformers' clamped division gives.
         */
        public float[] apply(float[][] tokens, int masked) {
            int n = tokens.length;
            int from = Math.max(0, masked);
            if (from >= n && this != CLS && this != LAST_TOKEN) {
                return new float[tokens[0].length];
            }
            int kept = n - from;
            return switch (this) {
                case CLS -> tokens[0].clone();
                case LAST_TOKEN -> tokens[n - 1].clone();
                case MAX -> max(tokens, from);
                case MEAN -> weightedSum(tokens, from, false, kept);
                case MEAN_SQRT_LEN -> weightedSum(tokens, from, false, Math.sqrt(kept));
                // Weights: positions from 1, summed over the tokens kept (n(n + 1) / 2 with none masked).
                case WEIGHTED_MEAN -> weightedSum(tokens, from, true, (n * (n + 1.0) - from * (from + 1.0)) / 2);
            };
        }

        /**
         * The sum of the tokens from {@code from}, each weighted by its position from 1 if
         * {@code byPosition}, divided by {@code divisor}.
         */
        private static float[] weightedSum(float[][] tokens, int from, boolean byPosition, double divisor) {
            // Summed in double: the order of a float sum would otherwise show in the last digits.
            double[] sum = new double[tokens[0].length];
            for (int t = from; t < tokens.length; t++) {
                double weight = byPosition ? t + 1 : 1;
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += weight * tokens[t][d];
                }
            }
            float[] vector = new float[sum.length];
            for (int d = 0; d < sum.length; d++) {
                vector[d] = (float) (sum[d] / divisor);
            }
            return vector;
        }

        private static float[] max(float[][] tokens, int from) {
            float[] vector = tokens[from].clone();
            for (int t = from + 1; t < tokens.length; t++) {
                for (int d = 0; d < vector.length; d++) {
                    vector[d] = Math.max(vector[d], tokens[t][d]);
                }
            }
            return vector;
        }
    }

    /**
     * @param pooling how token vectors become the sentence vector (mean for MiniLM)
     * @param normalize scale each sentence vector to unit length
     * @param maxTokens longest input, special tokens included; longer texts are cut (0: the tokenizer file's own)
     * @param intraOpThreads ONNX Runtime's threads per run
     * @param quantized the network quantises its activations per run (dynamic int8): each text then
     *     runs alone, since a batch's other texts would change its scale, and the graph gets only the
     *     basic optimisations, which keep it closest to Python onnxruntime's answers
     * @param lowerCase lower-case each text before the tokenizer (sentence-transformers' {@code do_lower_case})
     * @param prompts texts put before inputs, by name, and the default one
     * @param dense sentence-transformers' Dense layers, applied in order to the pooled vector before
     *     it is scaled to unit length
     * @param truncateDim keep the first N numbers of each sentence vector, last, as sentence-transformers'
     *     {@code truncate_dim} (0: all)
     */
    public record Settings(Pooling pooling, boolean normalize, int maxTokens, int intraOpThreads, boolean quantized,
            boolean lowerCase, Prompts prompts, List<DenseLayer> dense, int truncateDim) {

        public Settings {
            dense = List.copyOf(dense);
        }

        /** Mean pooling, unit length, the tokenizer's own maximum, no lower-casing, no prompts, no Dense layer. */
        public static Settings defaults(int intraOpThreads, boolean quantized) {
            return new Settings(Pooling.MEAN, true, 0, intraOpThreads, quantized, false, Prompts.NONE, List.of(), 0);
        }
    }

    /**
     * One text as the network sees it; {@code offsets} holds each token's start and end in the text
     * (code points, end exclusive; -1 and -1 where the tokenizer gives none); {@code special} marks
     * the tokenizer's own tokens; {@code truncated} when the text had more than the maximum tokens
     * and was cut. Kept lean, as a request holds one for each of its texts until its last run: the
     * token strings are shared between texts and the offsets are numbers. With a String and a
     * CharSpan object for each token, a request of 2,048 texts of 128 tokens held 38 MB of heap
     * while it ran (15 MB now), and twelve such requests at once in a 256 MB heap ended the process:
     * the tokenizer's native code aborts when the heap runs out under it.
     */
    public record Tokenized(String text, long[] ids, long[] typeIds, String[] tokens, int[] offsets,
            boolean[] special, boolean truncated) {
        public int length() {
            return ids.length;
        }

        /** Where token {@code i} starts in the text, or -1 when it covers none of it. */
        public int start(int i) {
            return offsets[2 * i];
        }

        /** Where token {@code i} ends in the text (exclusive), or -1 when it covers none of it. */
        public int end(int i) {
            return offsets[2 * i + 1];
        }
    }

    private final String location;
    private final Settings settings;
    private final NDManager manager;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    /** The same tokenizer with no maximum: a text's whole tokens, for counting them and for cutting elsewhere. */
    private final HuggingFaceTokenizer whole;
    private final List<String> inputNames;
    /** The length of a token vector (the network's hidden size). */
    private final int tokenDimension;
    /** See {@link #shared}. */
    private final Map<String, String> tokenStrings = new ConcurrentHashMap<>();
    private static final int MAX_SHARED_TOKENS = 1 << 20;

    private SentenceTransformer(String location, Settings settings, NDManager manager, Model model,
            HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer whole) {
        this.location = location;
        this.settings = settings;
        this.manager = manager;
        this.model = model;
        this.tokenizer = tokenizer;
        this.whole = whole;
        PairList<String, Shape> inputs = model.getBlock().describeInput();
        this.inputNames = inputs.keys();
        for (String name : inputNames) {
            if (!List.of("input_ids", "attention_mask", "token_type_ids", "position_ids").contains(name)) {
                close();
                throw new IllegalArgumentException(location + ": the network takes an input '" + name
                        + "'; a sentence-transformers export takes input_ids, attention_mask, token_type_ids and "
                        + "position_ids (an export with a key-value cache, past_key_values, is not one: export "
                        + "the feature-extraction task without it)");
            }
        }
        try {
            this.tokenDimension = probeDimension();
            int length = tokenDimension;
            for (DenseLayer layer : settings.dense()) {
                if (layer.in() != length) {
                    throw new IllegalArgumentException(layer.folder() + ": the Dense layer takes vectors of "
                            + layer.in() + " values, but the " + (length == tokenDimension ? "pooled vectors of "
                            + location + " have " : "layer before it gives ") + length);
                }
                length = layer.out();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Loads the network and its tokenizer (a few seconds for MiniLM, most of it ONNX Runtime
     * optimising the graph).
     *
     * @throws IOException when a file cannot be read or is not what it should be (the message names it)
     */
    public static SentenceTransformer load(EncoderFiles files, Settings settings) throws IOException {
        OnnxRuntime.configure();
        HuggingFaceTokenizer tokenizer;
        HuggingFaceTokenizer whole;
        try (InputStream in = files.tokenizer().open()) {
            byte[] json = in.readAllBytes();
            Map<String, String> options = new java.util.HashMap<>(Map.of("padding", "false",
                    "addSpecialTokens", "true"));
            if (settings.maxTokens() > 0) {
                options.put("truncation", "true");
                options.put("maxLength", Integer.toString(settings.maxTokens()));
                // DJL otherwise caps maxLength at a modelMaxLength of its own (512), whatever the
                // model's positions: a long-context model's 8,192 tokens would be cut to 512.
                options.put("modelMaxLength", Integer.toString(settings.maxTokens()));
            }
            tokenizer = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(json), options);
            try {
                whole = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(json),
                        Map.of("padding", "false", "addSpecialTokens", "true", "truncation", "false"));
            } catch (RuntimeException e) {
                tokenizer.close();
                throw e;
            }
        } catch (RuntimeException e) {
            throw new IOException(files.location() + ": the tokenizer file cannot be read: " + e.getMessage(), e);
        }
        NDManager manager = Engine.getEngine("OnnxRuntime").newBaseManager();
        Model model = Model.newInstance(files.location(), Device.cpu(), "OnnxRuntime");
        // ONNX Runtime reads the network from a file: loading it from bytes would first hold the whole
        // network (90 MB for MiniLM) in the Java heap, which keeps the memory it grew to.
        Path onnx = files.onnxFile() != null ? files.onnxFile() : Files.createTempFile("wordvec-", ".onnx");
        try {
            if (files.onnxFile() == null) {
                try (InputStream in = files.onnx().open()) {
                    Files.copy(in, onnx, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // DJL reads the intra-op count only when the inter-op one is given too.
            model.load(onnx, null, Map.of("interOpNumThreads", "1",
                    "intraOpNumThreads", Integer.toString(settings.intraOpThreads()),
                    "optLevel", settings.quantized() ? "BASIC_OPT" : "ALL_OPT"));
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            manager.close();
            tokenizer.close();
            whole.close();
            throw new IOException(files.location() + ": not an ONNX network ONNX Runtime can load: " + e.getMessage(), e);
        } finally {
            if (files.onnxFile() == null) {
                Files.deleteIfExists(onnx);
            }
        }
        try {
            return new SentenceTransformer(files.location(), settings, manager, model, tokenizer, whole);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The constructor closed what it was given; the message names the network and what is wrong.
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The length of a sentence vector: the last Dense layer's output, else the network's hidden
     * size; at most {@code truncateDim} (sentence-transformers leaves a larger one without effect).
     */
    public int dimension() {
        List<DenseLayer> dense = settings.dense();
        int full = dense.isEmpty() ? tokenDimension : dense.get(dense.size() - 1).out();
        return settings.truncateDim() > 0 ? Math.min(full, settings.truncateDim()) : full;
    }

    /** The length of a token vector: the network's hidden size. */
    public int tokenDimension() {
        return tokenDimension;
    }

    public Settings settings() {
        return settings;
    }

    /** The longest input in tokens, special tokens included. */
    public int maxTokens() {
        return tokenizer.getMaxLength();
    }

    /** The text's tokens, cut after the maximum as sentence-transformers cuts them (the end is lost). */
    public Tokenized tokenize(String text) {
        Encoding encoding = tokenizer.encode(prepared(text));
        return tokenized(text, encoding, encoding.exceedMaxLength());
    }

    /**
     * All the text's tokens, however many: what a text is made of, and how far over the maximum it is.
     *
     * @param specialTokens with the tokenizer's own tokens around the text ({@code [CLS]} ... {@code [SEP]})
     */
    public Tokenized tokenizeWhole(String text, boolean specialTokens) {
        return tokenized(text, whole.encode(prepared(text), specialTokens, false), false);
    }

    /**
     * The text of token ids, as the tokenizer's decoder writes it (word pieces joined, {@code ##}
     * removed); ids the vocabulary does not hold are left out, as Hugging Face's tokenizers leave them.
     */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        return whole.decode(ids, skipSpecialTokens);
    }

    /** As {@link #tokenize}, but a text over the maximum keeps its end and loses its start. */
    public Tokenized tokenizeKeepingEnd(String text) {
        Tokenized cut = tokenize(text);
        return cut.truncated() ? keep(tokenizeWhole(text, true), maxTokens(), true) : cut;
    }

    /**
     * Why the network fails on an input of {@code tokens} tokens (its special ones included, and at
     * least they), or empty when it runs. For a network whose positions no {@code config.json}
     * gives: run at load, so that a length it cannot take fails there and not on a user's text.
     */
    public Optional<RuntimeException> failureAt(int tokens) {
        Tokenized input = keep(tokenizeWhole("a ".repeat(tokens), true), tokens, false);
        try {
            tokenVectors(List.of(input));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }

    /** The longest input shorter than {@code failing} tokens that the network runs (0: none), by halving. */
    public int longestRunning(int failing) {
        int runs = 0;
        int fails = failing;
        while (fails - runs > 1) {
            int middle = (runs + fails) >>> 1;
            if (failureAt(middle).isEmpty()) {
                runs = middle;
            } else {
                fails = middle;
            }
        }
        return runs;
    }

    /**
     * {@code max} of a text's whole tokens: the special tokens at both ends, and between them the
     * first or the last of the text's own (as Hugging Face's tokenizers cut, from the right or the left).
     */
    static Tokenized keep(Tokenized all, int max, boolean end) {
        int n = all.length();
        int lead = 0;
        while (lead < n && all.special()[lead]) {
            lead++;
        }
        int trail = 0;
        while (trail < n - lead && all.special()[n - 1 - trail]) {
            trail++;
        }
        int body = Math.max(0, Math.min(n - lead - trail, max - lead - trail));
        int[] picks = new int[lead + body + trail];
        int from = end ? n - trail - body : lead;
        for (int i = 0; i < picks.length; i++) {
            picks[i] = i < lead ? i : i < lead + body ? from + i - lead : n - trail + (i - lead - body);
        }
        long[] ids = new long[picks.length];
        long[] types = new long[picks.length];
        String[] tokens = new String[picks.length];
        int[] offsets = new int[2 * picks.length];
        boolean[] special = new boolean[picks.length];
        for (int i = 0; i < picks.length; i++) {
            ids[i] = all.ids()[picks[i]];
            types[i] = all.typeIds()[picks[i]];
            tokens[i] = all.tokens()[picks[i]];
            offsets[2 * i] = all.start(picks[i]);
            offsets[2 * i + 1] = all.end(picks[i]);
            special[i] = all.special()[picks[i]];
        }
        return new Tokenized(all.text(), ids, types, tokens, offsets, special, picks.length < n);
    }

    /**
     * Offsets then refer to the lower-cased text, which has the same length but for a few letters.
     *
     * @throws InvalidRequestException when the text holds half of a surrogate pair (JSON's
     *     {@code "\\ud800"} alone): no Unicode character, which the tokenizer would drop without a word
     *     (Hugging Face's tokenizers for Python refuse such a string)
     */
    private String prepared(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequestException(null, String.format(Locale.ROOT, "the text '%s' holds \\u%04X at "
                        + "character %d, half of a surrogate pair without its other half: no Unicode character, so the "
                        + "tokenizer cannot read it", abbreviated(text), (int) c, i));
            }
        }
        return settings.lowerCase() ? text.toLowerCase(Locale.ROOT) : text;
    }

    private static String abbreviated(String text) {
        if (text.length() <= 60) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(56)) ? 56 : 57;
        return text.substring(0, end) + "...";
    }

    private Tokenized tokenized(String text, Encoding encoding, boolean truncated) {
        long[] mask = encoding.getSpecialTokenMask();
        boolean[] special = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            special[i] = mask[i] != 0;
        }
        String[] tokens = encoding.getTokens();
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = shared(tokens[i]);
        }
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] offsets = new int[2 * spans.length];
        for (int i = 0; i < spans.length; i++) {
            offsets[2 * i] = spans[i] == null ? -1 : spans[i].getStart();
            offsets[2 * i + 1] = spans[i] == null ? -1 : spans[i].getEnd();
        }
        return new Tokenized(text, encoding.getIds(), encoding.getTypeIds(), tokens, offsets, special, truncated);
    }

    /**
     * One String for each token of the vocabulary, however many texts hold it. The tokens are the
     * vocabulary's strings, so the table stays within its size; the bound is a guard all the same.
     */
    private String shared(String token) {
        // Looked up first: a token already known (nearly every one) then costs neither the map's
        // size, summed over its counters, nor putIfAbsent's lock on the token's bin, which the
        // threads tokenizing at once would take for the same frequent tokens.
        String known = tokenStrings.get(token);
        if (known != null) {
            return known;
        }
        if (tokenStrings.size() >= MAX_SHARED_TOKENS) {
            return token;
        }
        known = tokenStrings.putIfAbsent(token, token);
        return known == null ? token : known;
    }

    /**
     * Each text's token vectors, {@code [text][token][dimension]}, from one run of the network over
     * the texts padded to the longest (the padding masked out, and not returned).
     */
    public float[][][] tokenVectors(List<Tokenized> texts) {
        int longest = texts.stream().mapToInt(Tokenized::length).max().orElse(0);
        int batch = texts.size();
        long[] ids = new long[batch * longest];
        long[] mask = new long[batch * longest];
        long[] types = new long[batch * longest];
        // Decoder exports (Qwen3-Embedding, Gemma, ... through optimum's feature-extraction task) take
        // each token's position, as transformers counts it: 0, 1, ... from the first token. Padding
        // comes after a text's tokens, so its positions are the same as when it runs alone.
        long[] positions = inputNames.contains("position_ids") ? new long[batch * longest] : null;
        for (int t = 0; t < batch; t++) {
            Tokenized text = texts.get(t);
            System.arraycopy(text.ids(), 0, ids, t * longest, text.length());
            System.arraycopy(text.typeIds(), 0, types, t * longest, text.length());
            java.util.Arrays.fill(mask, t * longest, t * longest + text.length(), 1L);
            for (int i = 0; positions != null && i < longest; i++) {
                positions[t * longest + i] = i;
            }
        }
        float[] hidden;
        try (NDManager run = manager.newSubManager()) {
            Shape shape = new Shape(batch, longest);
            NDList inputs = new NDList();
            for (String name : inputNames) {
                long[] values = switch (name) {
                    case "input_ids" -> ids;
                    case "attention_mask" -> mask;
                    case "position_ids" -> positions;
                    default -> types;
                };
                NDArray array = run.create(values, shape);
                array.setName(name);
                inputs.add(array);
            }
            NDList outputs = model.getBlock().forward(new ParameterStore(run, false), inputs, false);
            try {
                NDArray tokens = tokenOutput(outputs);
                Shape got = tokens.getShape();
                if (got.dimension() != 3 || got.get(0) != batch || got.get(1) != longest) {
                    throw new IllegalStateException(location + ": the network's output " + name(tokens) + " has shape "
                            + got + " for " + batch + " text(s) of " + longest + " tokens; a sentence-transformers "
                            + "export gives each token's vector ([texts, tokens, dimension], last_hidden_state)");
                }
                hidden = floats(tokens);
            } finally {
                outputs.close();
            }
        }
        int dim = hidden.length / (batch * Math.max(longest, 1));
        float[][][] out = new float[batch][][];
        for (int t = 0; t < batch; t++) {
            int length = texts.get(t).length();
            out[t] = new float[length][];
            for (int i = 0; i < length; i++) {
                out[t][i] = java.util.Arrays.copyOfRange(hidden, (t * longest + i) * dim, (t * longest + i + 1) * dim);
            }
        }
        return out;
    }

    /**
     * The output holding each token's vector: the one named {@code token_embeddings} or
     * {@code last_hidden_state} (as exports name it; some list a pooled output such as
     * {@code sentence_embedding} or {@code pooler_output} beside it, even first), else the first
     * with three dimensions, else the first (whose shape the caller then refuses).
     */
    private static NDArray tokenOutput(NDList outputs) {
        for (NDArray output : outputs) {
            if ("token_embeddings".equals(output.getName()) || "last_hidden_state".equals(output.getName())) {
                return output;
            }
        }
        for (NDArray output : outputs) {
            if (output.getShape().dimension() == 3) {
                return output;
            }
        }
        return outputs.get(0);
    }

    private static String name(NDArray output) {
        return output.getName() == null ? "(unnamed)" : "'" + output.getName() + "'";
    }

    /**
     * The output's values as float32: a float16 network (an export's {@code model_fp16.onnx}) gives
     * half-precision values, which are widened exactly.
     */
    private float[] floats(NDArray output) {
        DataType type = output.getDataType();
        if (type == DataType.FLOAT32) {
            return output.toFloatArray();
        }
        if (type == DataType.FLOAT16) {
            java.nio.ShortBuffer halves = output.toByteBuffer().order(java.nio.ByteOrder.nativeOrder()).asShortBuffer();
            float[] values = new float[halves.remaining()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Half.toFloat(halves.get(i));
            }
            return values;
        }
        throw new IllegalStateException(location + ": the network's output " + name(output) + " holds " + type
                + " values; wordvec reads float32 and float16 token vectors");
    }

    /** The sentence vector of one text's token vectors: pooled, through the Dense layers, then unit length if so set. */
    public float[] pool(float[][] tokens) {
        return pool(tokens, 0);
    }

    /** As {@link #pool(float[][])}, leaving the first {@code masked} tokens (a prompt) out of the pooling. */
    public float[] pool(float[][] tokens, int masked) {
        float[] vector = modules(tokens, masked);
        return truncated(settings.normalize() ? VectorMath.unitLength(vector) : vector);
    }

    /**
     * As {@link #pool(float[][], int)}, but never scaled to unit length: pooled, through the Dense
     * layers, cut to {@code truncateDim}.
     */
    public float[] poolUnscaled(float[][] tokens, int masked) {
        return truncated(modules(tokens, masked));
    }

    private float[] modules(float[][] tokens, int masked) {
        float[] vector = settings.pooling().apply(tokens, masked);
        for (DenseLayer layer : settings.dense()) {
            vector = layer.apply(vector);
        }
        return vector;
    }

    /** sentence-transformers cuts after every module, Normalize included: the cut vector is not rescaled. */
    private float[] truncated(float[] vector) {
        int keep = dimension();
        return vector.length > keep ? java.util.Arrays.copyOf(vector, keep) : vector;
    }

    /**
     * How many tokens a prompt adds at the start of a text, as sentence-transformers counts them to
     * leave them out of the pooling: the prompt's tokens with the opening special token, without
     * the closing one.
     */
    public int promptTokens(String prompt) {
        return tokenizeWhole(prompt, true).length() - 1;
    }

    private int probeDimension() {
        float[][][] out = tokenVectors(List.of(tokenize("a")));
        return out[0][0].length;
    }

    @Override
    public String toString() {
        return location;
    }

    @Override
    public void close() {
        model.close();
        manager.close();
        tokenizer.close();
        whole.close();
    }
}
