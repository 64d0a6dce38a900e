package dev.wordvec.contextual;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * sentence-transformers' {@code Dense} module: a linear layer and an activation applied to the
 * pooled sentence vector (never to the token vectors), as LaBSE, distiluse and sentence-T5 end.
 * Read from the module's folder: {@code config.json} ({@code in_features}, {@code out_features},
 * {@code bias}, {@code activation_function}) and the weights in {@code model.safetensors}
 * ({@code linear.weight} as {@code [out, in]}, {@code linear.bias}).
 *
 * @param folder where it was read from, for messages
 * @param in the length of the vectors it takes
 * @param out the length of the vectors it gives
 * @param weights {@code [out][in]} row after row
 * @param bias {@code out} values, or null for none
 * @param activation the activation's name as {@code /models} shows it ({@code tanh}, {@code identity}, ...)
 */
public record DenseLayer(String folder, int in, int out, float[] weights, float[] bias, String activation) {

    /** The activations sentence-transformers' Dense takes by their torch class, and what they compute. */
    private static final Map<String, DoubleUnaryOperator> ACTIVATIONS = Map.of(
            "tanh", Math::tanh,
            "identity", x -> x,
            "relu", x -> Math.max(0, x),
            "sigmoid", x -> 1 / (1 + Math.exp(-x)));

    public DenseLayer {
        if (weights.length != (long) in * out || bias != null && bias.length != out) {
            throw new IllegalArgumentException(folder + ": the weights do not match " + in + " x " + out);
        }
        if (!ACTIVATIONS.containsKey(activation)) {
            throw new IllegalArgumentException(folder + ": activation '" + activation + "' is not one of "
                    + new java.util.TreeSet<>(ACTIVATIONS.keySet()));
        }
    }

    /** {@code activation(weights · vector + bias)}, summed in double. */
    public float[] apply(float[] vector) {
        if (vector.length != in) {
            throw new IllegalArgumentException(folder + " takes vectors of " + in + " values, not " + vector.length);
        }
        DoubleUnaryOperator f = ACTIVATIONS.get(activation);
        float[] result = new float[out];
        for (int o = 0; o < out; o++) {
            double sum = bias == null ? 0 : bias[o];
            int row = o * in;
            for (int i = 0; i < in; i++) {
                sum += (double) weights[row + i] * vector[i];
            }
            result[o] = (float) f.applyAsDouble(sum);
        }
        return result;
    }

    /**
     * Reads the Dense module in {@code folder}.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static DenseLayer read(Path folder) throws IOException {
        Path configFile = folder.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new IOException(folder + ": a Dense module needs its config.json");
        }
        JsonNode config = DirectorySettings.json(configFile);
        DirectorySettings.sentenceModule(configFile, config, "Dense");
        int in = positive(configFile, config, "in_features");
        int out = positive(configFile, config, "out_features");
        boolean hasBias = config.path("bias").asBoolean(true);
        String activation = activation(configFile, config.path("activation_function").asString(
                "torch.nn.modules.activation.Tanh"));
        Path weightsFile = folder.resolve("model.safetensors");
        if (!Files.isRegularFile(weightsFile)) {
            throw new IOException(folder + ": a Dense module's weights must be in model.safetensors"
                    + (Files.isRegularFile(folder.resolve("pytorch_model.bin"))
                            ? "; this folder has only pytorch_model.bin (a pickle, which wordvec does not run). "
                                    + "Convert it where PyTorch runs: python -c \"import torch; from safetensors.torch "
                                    + "import save_file; save_file(torch.load('pytorch_model.bin'), 'model.safetensors')\""
                            : ""));
        }
        float[] weights = null;
        float[] bias = null;
        OnnxRuntime.configure();
        try (NDManager manager = Engine.getEngine("OnnxRuntime").newBaseManager();
                InputStream stream = Files.newInputStream(weightsFile)) {
            NDList arrays = NDList.decode(manager, stream);
            for (NDArray array : arrays) {
                if ("linear.weight".equals(array.getName())) {
                    if (!array.getShape().equals(new ai.djl.ndarray.types.Shape(out, in))) {
                        throw new IOException(weightsFile + ": linear.weight has shape " + array.getShape()
                                + ", but config.json says " + in + " in and " + out + " out (expected (" + out + ", "
                                + in + "))");
                    }
                    weights = floats(weightsFile, array);
                } else if ("linear.bias".equals(array.getName())) {
                    if (!array.getShape().equals(new ai.djl.ndarray.types.Shape(out))) {
                        throw new IOException(weightsFile + ": linear.bias has shape " + array.getShape()
                                + ", expected (" + out + ")");
                    }
                    bias = floats(weightsFile, array);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(weightsFile + ": not a safetensors file wordvec can read: " + e.getMessage(), e);
        }
        if (weights == null) {
            throw new IOException(weightsFile + ": holds no linear.weight");
        }
        if (hasBias && bias == null) {
            throw new IOException(weightsFile + ": holds no linear.bias, which config.json's bias asks for");
        }
        return new DenseLayer(folder.toString(), in, out, weights, hasBias ? bias : null, activation);
    }

    private static float[] floats(Path file, NDArray array) throws IOException {
        DataType type = array.getDataType();
        if (type == DataType.FLOAT32) {
            return array.toFloatArray();
        }
        if (type == DataType.FLOAT64) {
            double[] values = array.toDoubleArray();
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            return floats;
        }
        throw new IOException(file + ": " + array.getName() + " is " + type + "; wordvec reads float32 and float64 weights");
    }

    private static int positive(Path file, JsonNode config, String key) throws IOException {
        JsonNode value = config.path(key);
        if (!value.isIntegralNumber() || value.asInt() < 1) {
            throw new IOException(file + ": " + key + " must be a positive whole number, not "
                    + (value.isMissingNode() ? "missing" : value.toString()));
        }
        return value.asInt();
    }

    /** {@code torch.nn.modules.activation.Tanh} → {@code tanh}, when wordvec computes it. */
    private static String activation(Path file, String torchClass) throws IOException {
        String name = torchClass.substring(torchClass.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (!ACTIVATIONS.containsKey(name)) {
            throw new IOException(file + ": activation_function " + torchClass + " is not one wordvec computes ("
                    + "Tanh, Identity, ReLU, Sigmoid)");
        }
        return name;
    }
}
