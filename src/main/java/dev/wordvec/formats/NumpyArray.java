package dev.wordvec.formats;

import dev.wordvec.pickle.Pickle;
import dev.wordvec.vectors.Half;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A two-dimensional numpy array of floats as gensim saves one: pickled inside the model file
 * ({@code numpy.core.multiarray._reconstruct} and its state), or, when it holds more than
 * 10,485,760 numbers, in a {@code .npy} file beside it (or, for a model saved under a
 * {@code .gz} or {@code .bz2} name, in a {@code .npz} zip holding {@code val.npy}). Rows are
 * handed out one at a time as float32, so a file of gigabytes is streamed, never held whole.
 */
final class NumpyArray {

    /** Takes one row (float32, {@code columns} values). */
    interface RowSink {
        void row(long index, float[] values) throws IOException;
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern PICKLED_TYPE = Pattern.compile("([a-z])(\\d+)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    final String location;
    final long rows;
    final int columns;
    private final int itemSize;
    private final ByteOrder order;
    /** The array's bytes when pickled; else null, and the array is in {@code aside}. */
    private final byte[] inline;
    private final ModelSource aside;
    private final long dataOffset;

    /** {@code storedBytes}: the bytes of the .npy when known (-1 when not), to tell a truncated one at once. */
    private NumpyArray(String location, long[] shape, char kind, int itemSize, ByteOrder order, boolean fortran,
            byte[] inline, ModelSource aside, long storedBytes, long dataOffset) throws ModelFileException {
        this.location = location;
        if (shape.length != 2) {
            throw ModelFileException.of(location, "the array has " + shape.length + " dimension(s), not 2 (words x values)",
                    null);
        }
        if (kind != 'f' || itemSize != 2 && itemSize != 4 && itemSize != 8) {
            throw ModelFileException.of(location, "the array holds " + kind + itemSize
                    + " values; word vectors are floats (f2, f4 or f8)", null);
        }
        if (fortran && shape[0] > 1 && shape[1] > 1) {
            throw ModelFileException.of(location, "the array is in Fortran (column-major) order; gensim writes "
                    + "row-major arrays", null);
        }
        if (shape[1] < 1 || shape[1] > ModelReader.MAX_DIMENSION) {
            throw ModelFileException.of(location, "the array has rows of " + shape[1] + " values", null);
        }
        this.rows = shape[0];
        this.columns = (int) shape[1];
        this.itemSize = itemSize;
        this.order = order;
        this.inline = inline;
        this.aside = aside;
        this.dataOffset = dataOffset;
        if (rows > Long.MAX_VALUE / ((long) columns * itemSize)) {
            throw ModelFileException.of(location, "the array's shape (" + rows + ", " + columns + ") is too large "
                    + "(a damaged file?)", null);
        }
        long bytes = rows * columns * itemSize;
        long available = inline != null ? inline.length : storedBytes < 0 ? Long.MAX_VALUE : storedBytes - dataOffset;
        if (available < bytes) {
            throw ModelFileException.of(location, "the array should hold " + rows + " x " + columns + " values ("
                    + bytes + " bytes) but has " + available + " bytes of data (truncated file?)", null);
        }
    }

    /** The array pickled as {@code value} (what {@code location} names, for errors). */
    static NumpyArray fromPickle(Object value, String location) throws ModelFileException {
        if (!(value instanceof Pickle.Instance array) || !isNumpy(array.type, "_reconstruct")
                || !(array.state instanceof List<?> state) || state.size() != 5) {
            throw ModelFileException.of(location, "expected a pickled numpy array, found a "
                    + Pickle.describe(value), null);
        }
        long[] shape = shape(state.get(1), location);
        if (!(state.get(2) instanceof Pickle.Instance dtype) || !isNumpy(dtype.type, "dtype") || dtype.args.isEmpty()
                || !(dtype.args.get(0) instanceof String descr) || !(dtype.state instanceof List<?> dtypeState)
                || dtypeState.size() < 2 || !(dtypeState.get(1) instanceof String byteOrder)) {
            throw ModelFileException.of(location, "the numpy array's dtype is not one this reader knows", null);
        }
        if (!(state.get(4) instanceof byte[] data)) {
            throw ModelFileException.of(location, "the numpy array's data is a " + Pickle.describe(state.get(4))
                    + ", not bytes (an array of Python objects?)", null);
        }
        Matcher type = PICKLED_TYPE.matcher(descr);
        if (!type.matches()) {
            throw ModelFileException.of(location, "the numpy array's dtype is '" + descr + "'", null);
        }
        return new NumpyArray(location, shape, type.group(1).charAt(0), Integer.parseInt(type.group(2)),
                order(byteOrder.charAt(0)), Boolean.TRUE.equals(state.get(3)), data, null, -1, 0);
    }

    /**
     * The array in a {@code .npy} file (numpy's format, versions 1 to 3), or in the zip member
     * {@code source} names: gensim writes a compressed model's arrays as {@code .npz} zips
     * ({@code numpy.savez_compressed(path, val=array)}, the array as the member {@code val.npy}).
     * Opened as model files are ({@link Unpacking}).
     */
    static NumpyArray fromNpy(ModelSource source) throws ModelFileException {
        String location = source.location();
        try (Unpacking unpacked = Unpacking.open(source)) {
            InputStream in = unpacked.data();
            byte[] magic = in.readNBytes(8);
            if (magic.length < 8 || (magic[0] & 0xff) != 0x93
                    || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
                throw ModelFileException.atOffset(location, 0, "not a numpy .npy file (no \\x93NUMPY magic)");
            }
            int major = magic[6];
            byte[] size = in.readNBytes(major == 1 ? 2 : 4);
            long headerLength = 0;
            for (int i = size.length - 1; i >= 0; i--) {
                headerLength = headerLength << 8 | (size[i] & 0xff);
            }
            if (headerLength > 1 << 20) {
                throw ModelFileException.atOffset(location, 8, "a header of " + headerLength + " bytes (a damaged file?)");
            }
            String header = new String(in.readNBytes((int) headerLength), StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(header);
            Matcher fortran = FORTRAN.matcher(header);
            Matcher shape = SHAPE.matcher(header);
            if (!descr.find() || !fortran.find() || !shape.find()) {
                throw ModelFileException.atOffset(location, 8 + size.length, "the header '" + header.strip()
                        + "' does not give a numeric dtype, the order and the shape");
            }
            String[] parts = shape.group(1).split(",");
            long[] dims = new long[(int) java.util.Arrays.stream(parts).filter(p -> !p.isBlank()).count()];
            for (int i = 0, d = 0; i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    dims[d++] = Long.parseLong(parts[i].trim());
                }
            }
            // A zip member's size is its unpacked size; a compressed file's is not known before it is read.
            boolean sized = unpacked.compression() == null || unpacked.compression().equals("zip");
            long known = sized ? unpacked.totalBytes() : -1;
            return new NumpyArray(location, dims, descr.group(2).charAt(0), Integer.parseInt(descr.group(3)),
                    order(descr.group(1).charAt(0)), fortran.group(1).equals("True"), null, source, known,
                    8 + size.length + headerLength);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ModelFileException.of(location, "cannot read the numpy file: " + e.getMessage(), e);
        }
    }

    /** True when the array is in a file of its own (not in the pickle). */
    boolean aside() {
        return aside != null;
    }

    /** Bytes of one row. */
    long rowBytes() {
        return (long) columns * itemSize;
    }

    /** Hands the first {@code count} rows to {@code sink}, in order, as float32; non-finite values fail. */
    void forEachRow(long count, RowSink sink) throws IOException {
        int rowBytes = columns * itemSize;
        float[] values = new float[columns];
        try (InputStream in = inline != null ? new java.io.ByteArrayInputStream(inline)
                : new BufferedInputStream(Unpacking.open(aside).data(), 1 << 16)) {
            in.skipNBytes(dataOffset);
            byte[] row = new byte[rowBytes];
            ByteBuffer buffer = ByteBuffer.wrap(row).order(order);
            for (long r = 0; r < Math.min(count, rows); r++) {
                if (in.readNBytes(row, 0, rowBytes) < rowBytes) {
                    throw ModelFileException.atOffset(location, dataOffset + r * rowBytes, "the data ends in row " + r);
                }
                if (itemSize == 4) {
                    buffer.asFloatBuffer().get(0, values);
                } else {
                    for (int c = 0; c < columns; c++) {
                        values[c] = itemSize == 2 ? Half.toFloat(buffer.getShort(c * 2)) : (float) buffer.getDouble(c * 8);
                    }
                }
                for (int c = 0; c < columns; c++) {
                    if (!Float.isFinite(values[c])) {
                        throw ModelFileException.of(location, "value " + (c + 1) + " of row " + r + " is " + values[c],
                                null);
                    }
                }
                sink.row(r, values);
            }
        }
    }

    static boolean isNumpy(Pickle.Global global, String name) {
        // numpy 1 pickles numpy.core.multiarray._reconstruct, numpy 2 numpy._core.multiarray._reconstruct.
        return global.name().equals(name) && (global.module().equals("numpy")
                || global.module().startsWith("numpy.") && global.module().endsWith("multiarray"));
    }

    private static long[] shape(Object value, String location) throws ModelFileException {
        if (!(value instanceof List<?> dims)) {
            throw ModelFileException.of(location, "the numpy array's shape is a " + Pickle.describe(value), null);
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long dim) || dim < 0) {
                throw ModelFileException.of(location, "the numpy array's shape is " + dims, null);
            }
            shape[i] = dim;
        }
        return shape;
    }

    private static ByteOrder order(char code) {
        return code == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }
}
