package dev.wordvec.formats;

import dev.wordvec.pickle.Pickle;
import dev.wordvec.vectors.Half;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Where an array stored aside is: a file, or a member of a zip. */
    private interface Stored {
        InputStream open() throws IOException;

        /** The bytes of the .npy content. */
        long size() throws IOException;
    }

    /** Takes one row (float32, {@code columns} values). */
    interface RowSink {
        void row(long index, float[] values) throws IOException;
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    final String location;
    final long rows;
    final int columns;
    private final char kind;
    private final int itemSize;
    private final ByteOrder order;
    private final byte[] inline;
    private final Stored stored;
    private final long dataOffset;

    private NumpyArray(String location, long[] shape, char kind, int itemSize, ByteOrder order, boolean fortran,
            byte[] inline, Stored stored, long dataOffset) throws ModelFileException {
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
        this.kind = kind;
        this.itemSize = itemSize;
        this.order = order;
        this.inline = inline;
        this.stored = stored;
        this.dataOffset = dataOffset;
        if (rows > Long.MAX_VALUE / ((long) columns * itemSize)) {
            throw ModelFileException.of(location, "the array's shape (" + rows + ", " + columns + ") is too large "
                    + "(a damaged file?)", null);
        }
        long bytes = rows * columns * itemSize;
        long available = inline != null ? inline.length : sizeOf(stored, location) - dataOffset;
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
        Matcher type = Pattern.compile("([a-z])(\\d+)").matcher(descr);
        if (!type.matches()) {
            throw ModelFileException.of(location, "the numpy array's dtype is '" + descr + "'", null);
        }
        return new NumpyArray(location, shape, type.group(1).charAt(0), Integer.parseInt(type.group(2)),
                order(byteOrder.charAt(0)), Boolean.TRUE.equals(state.get(3)), data, null, 0);
    }

    /** The array in a {@code .npy} file (numpy's format, versions 1 to 3). */
    static NumpyArray fromNpy(Path file) throws ModelFileException {
        return read(file.toString(), new Stored() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long size() throws IOException {
                return Files.size(file);
            }
        });
    }

    /**
     * The array in a {@code .npz} file as gensim writes it for a compressed model
     * ({@code numpy.savez_compressed(path, val=array)}: a zip whose member {@code val.npy} is the array).
     */
    static NumpyArray fromNpz(Path file) throws ModelFileException {
        String location = file + "!val.npy";
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            java.util.zip.ZipEntry entry = zip.getEntry("val.npy");
            if (entry == null) {
                throw ModelFileException.of(file.toString(), "the zip holds no val.npy, where gensim puts the array", null);
            }
            long size = entry.getSize();
            return read(location, new Stored() {
                @Override
                public InputStream open() throws IOException {
                    java.util.zip.ZipFile opened = new java.util.zip.ZipFile(file.toFile());
                    InputStream member = opened.getInputStream(opened.getEntry("val.npy"));
                    return new java.io.FilterInputStream(member) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                opened.close();
                            }
                        }
                    };
                }

                @Override
                public long size() {
                    return size;
                }
            });
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw ModelFileException.of(file.toString(), "cannot read the zip of the array: " + e.getMessage(), e);
        }
    }

    private static NumpyArray read(String location, Stored stored) throws ModelFileException {
        try (InputStream in = stored.open()) {
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
            return new NumpyArray(location, dims, descr.group(2).charAt(0), Integer.parseInt(descr.group(3)),
                    order(descr.group(1).charAt(0)), fortran.group(1).equals("True"), null, stored,
                    8 + size.length + headerLength);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ModelFileException.of(location, "cannot read the numpy file: " + e.getMessage(), e);
        }
    }

    /** True when the array is in a file of its own (not in the pickle). */
    boolean aside() {
        return stored != null;
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
                : new BufferedInputStream(stored.open(), 1 << 16)) {
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

    private static long sizeOf(Stored stored, String location) throws ModelFileException {
        try {
            return stored.size();
        } catch (IOException e) {
            throw ModelFileException.of(location, "cannot read the numpy file: " + e, e);
        }
    }
}
