package dev.wordvec.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The tensors of a PyTorch checkpoint as {@code torch.save(state_dict)} writes it since PyTorch
 * 1.6: a zip holding {@code <name>/data.pkl} (the dict, its tensors as calls of
 * {@code torch._utils._rebuild_tensor_v2} on storages named by persistent ids) and each storage's
 * bytes in {@code <name>/data/<key>}. Read without running the pickle ({@link Pickle}): float32,
 * float64, float16 and bfloat16 tensors, laid out contiguously, come back as float32.
 */
public final class TorchCheckpoint {

    /** One tensor: its shape and its values in row-major order. */
    public record Tensor(long[] shape, float[] values) {
    }

    /** A storage a persistent id names: its dtype (from the storage class) and its key in the zip. */
    private record Storage(String type, String key) {
    }

    private TorchCheckpoint() {
    }

    /**
     * Every tensor of the checkpoint's top-level dict, by name.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle = null;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith("/data.pkl") && entry.getName().indexOf('/') == entry.getName().length() - 9) {
                    pickle = entry;
                }
            }
            if (pickle == null) {
                throw new IOException(file + ": no <name>/data.pkl inside: not a PyTorch checkpoint");
            }
            String prefix = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            Object root;
            try (InputStream in = zip.getInputStream(pickle)) {
                root = Pickle.read(in, TorchCheckpoint::storage);
            } catch (Pickle.PickleException e) {
                throw new IOException(file + "!" + pickle.getName() + ", byte " + e.offset + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + "!" + pickle.getName() + ": " + e.getMessage(), e);
            }
            if (!(root instanceof Map<?, ?> dict)) {
                throw new IOException(file + ": the checkpoint holds a " + Pickle.describe(root) + ", not a dict of tensors");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : dict.entrySet()) {
                if (entry.getKey() instanceof String name && entry.getValue() instanceof Pickle.Instance call
                        && call.type.is("torch._utils", "_rebuild_tensor_v2")) {
                    tensors.put(name, tensor(zip, prefix, file, name, call.args));
                }
            }
            return tensors;
        } catch (ZipException e) {
            throw new IOException(file + ": not a zip (" + e.getMessage() + "); a checkpoint saved by PyTorch before 1.6, "
                    + "or with _use_new_zipfile_serialization=False, is not read: save it again with a newer PyTorch", e);
        }
    }

    /** The persistent id {@code ('storage', StorageClass, key, location, size)}. */
    private static Object storage(Object pid) {
        if (pid instanceof List<?> id && id.size() >= 3 && "storage".equals(id.get(0))
                && id.get(1) instanceof Pickle.Global type && id.get(2) instanceof String key) {
            return new Storage(type.name(), key);
        }
        throw new IllegalArgumentException("a persistent id " + id(pid) + " that is not a storage");
    }

    private static String id(Object pid) {
        return pid instanceof List<?> list ? list.toString() : Pickle.describe(pid);
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks, ...)}. */
    private static Tensor tensor(ZipFile zip, String prefix, Path file, String name, List<Object> args)
            throws IOException {
        if (args.size() < 4 || !(args.get(0) instanceof Storage storage) || !(args.get(1) instanceof Long offset)
                || !(args.get(2) instanceof List<?> size) || !(args.get(3) instanceof List<?> stride)
                || size.size() != stride.size()) {
            throw new IOException(file + ": tensor " + name + " is not rebuilt from a storage, an offset, a size and a stride");
        }
        long[] shape = new long[size.size()];
        long count = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (!(size.get(d) instanceof Long dim) || !(stride.get(d) instanceof Long step) || dim < 0) {
                throw new IOException(file + ": tensor " + name + " has size " + size + " and stride " + stride);
            }
            if (dim > 1 && step != count) {
                throw new IOException(file + ": tensor " + name + " is not contiguous (size " + size + ", stride "
                        + stride + "); save it after .contiguous()");
            }
            shape[d] = dim;
            count *= dim;
        }
        int width = switch (storage.type()) {
            case "FloatStorage" -> 4;
            case "DoubleStorage" -> 8;
            case "HalfStorage", "BFloat16Storage" -> 2;
            default -> throw new IOException(file + ": tensor " + name + " is a " + storage.type()
                    + "; float32, float64, float16 and bfloat16 tensors are read");
        };
        ZipEntry data = zip.getEntry(prefix + "data/" + storage.key());
        if (data == null) {
            throw new IOException(file + ": the storage " + storage.key() + " of tensor " + name + " is missing");
        }
        if (count > Integer.MAX_VALUE - 8 || (offset + count) * width > data.getSize()) {
            throw new IOException(file + ": tensor " + name + " needs " + (offset + count) * width + " bytes of storage "
                    + storage.key() + ", which has " + data.getSize());
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(data)) {
            in.skipNBytes(offset * width);
            bytes = in.readNBytes((int) count * width);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (storage.type()) {
                case "FloatStorage" -> buffer.getFloat(i * 4);
                case "DoubleStorage" -> (float) buffer.getDouble(i * 8);
                case "HalfStorage" -> half(buffer.getShort(i * 2));
                default -> Float.intBitsToFloat((buffer.getShort(i * 2) & 0xffff) << 16); // bfloat16
            };
        }
        return new Tensor(shape, values);
    }

    /** An IEEE 754 half-precision value (Java 17 has no Float.float16ToFloat). */
    static float half(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) { // zero or subnormal: mantissa x 2^-24
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}
