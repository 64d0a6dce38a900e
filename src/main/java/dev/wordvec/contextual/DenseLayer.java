package dev.wordvec.contextual;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.wordvec.pickle.TorchCheckpoint;
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
 * {@code bias}, {@code activation_function}) and the weights in {@code model.safetensors}, or in
 * older modules PyTorch's {@code pytorch_model.bin} ({@code linear.weight} as {@code [out, in]},
 * {@code linear.bias}).
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
        Map<String, float[]> found = new java.util.HashMap<>();
        if (Files.isRegularFile(weightsFile)) {
            OnnxRuntime.configure();
            try (NDManager manager = Engine.getEngine("OnnxRuntime").newBaseManager();
                    InputStream stream = Files.newInputStream(weightsFile)) {
                for (NDArray array : NDList.decode(manager, stream)) {
                    if (LINEAR.contains(array.getName())) {
                        checkShape(weightsFile, array.getName(), array.getShape().getShape(), in, out);
                        found.put(array.getName(), floats(weightsFile, array));
                    }
                }
            } catch (RuntimeException e) {
                throw new IOException(weightsFile + ": not a safetensors file wordvec can read: " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(folder.resolve("pytorch_model.bin"))) {
            // Older modules have only PyTorch's checkpoint: read as data, its pickle never run.
            weightsFile = folder.resolve("pytorch_model.bin");
            for (Map.Entry<String, TorchCheckpoint.Tensor> tensor : TorchCheckpoint.read(weightsFile).entrySet()) {
                if (LINEAR.contains(tensor.getKey())) {
                    checkShape(weightsFile, tensor.getKey(), tensor.getValue().shape(), in, out);
                    found.put(tensor.getKey(), tensor.getValue().values());
                }
            }
        } else {
            throw new IOException(folder + ": a Dense module's weights are in model.safetensors or pytorch_model.bin, "
                    + "and the folder has neither");
        }
        float[] weights = found.get("linear.weight");
        float[] bias = found.get("linear.bias");
        if (weights == null) {
            throw new IOException(weightsFile + ": holds no linear.weight");
        }
        if (hasBias && bias == null) {
            throw new IOException(weightsFile + ": holds no linear.bias, which config.json's bias asks for");
        }
        return new DenseLayer(folder.toString(), in, out, weights, hasBias ? bias : null, activation);
    }

    private static final java.util.Set<String> LINEAR = java.util.Set.of("linear.weight", "linear.bias");

    /** linear.weight is [out, in] (torch's nn.Linear), linear.bias [out]. */
    private static void checkShape(Path file, String name, long[] shape, int in, int out) throws IOException {
        long[] expected = name.equals("linear.weight") ? new long[] {out, in} : new long[] {out};
        if (!java.util.Arrays.equals(shape, expected)) {
            throw new IOException(file + ": " + name + " has shape " + java.util.Arrays.toString(shape)
                    + ", but config.json says " + in + " in and " + out + " out (expected "
                    + java.util.Arrays.toString(expected) + ")");
        }
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
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw new IOException(file + ": " + key + " must be a positive whole number, not "
                    + (value.isMissingNode() ? "missing" : value.toString()));
        }
        return value.intValue();
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
