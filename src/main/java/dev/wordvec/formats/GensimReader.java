package dev.wordvec.formats;

import dev.wordvec.pickle.Pickle;
import dev.wordvec.vectors.Subwords;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * gensim 4's own format, what {@code model.save(path)} and {@code model.wv.save(path)} write: a
 * Python pickle of the object, with each array of more than 10,485,760 numbers in a {@code .npy}
 * file beside it ({@code path.vectors.npy}, or {@code path.wv.vectors.npy} for a whole model;
 * a model saved as {@code .gz} or {@code .bz2} is compressed, and its arrays are {@code .npz} zips).
 * Reads the {@code KeyedVectors} of a {@code .kv} file, or of a saved {@code Word2Vec},
 * {@code FastText} or {@code Doc2Vec} model (its {@code wv}): the words in gensim's order and their
 * vectors. A {@code FastTextKeyedVectors} keeps its character n-grams, which answer unknown words
 * as gensim's {@code wv[word]} does, and its words' vectors are computed as gensim computes them
 * on load (a word's own row and its n-grams' rows, averaged). The pickle is read by {@link Pickle},
 * which runs no code.
 */
final class GensimReader implements VectorsReader {

    @Override
    public MatrixBuilder read(ReadState file) throws IOException {
        if (file.in.fill(1) < 1) {
            throw file.empty();
        }
        if ((file.in.peek(0) & 0xff) != 0x80) {
            throw ModelFileException.atOffset(file.location(), 0, "not gensim's format: what gensim's save writes is "
                    + "a binary Python pickle, which starts with the byte 0x80");
        }
        Object root;
        try {
            root = Pickle.read(file.in.asStream());
        } catch (Pickle.PickleException e) {
            throw ModelFileException.atOffset(file.location(), e.offset, e.getMessage());
        }
        String prefix = "";
        Pickle.Instance vectors = gensimObject(root, file);
        if (!isKeyedVectors(vectors.type)) {
            if (!(vectors.field("wv") instanceof Pickle.Instance wv) || !isKeyedVectors(wv.type)) {
                throw ModelFileException.of(file.location(), "a saved " + vectors.type + " holds no word vectors "
                        + "(no KeyedVectors in its 'wv')", null);
            }
            vectors = wv;
            prefix = ".wv";
        }
        if (!(vectors.state instanceof Map<?, ?> state)) {
            throw ModelFileException.of(file.location(), "the " + vectors.type + " has no fields", null);
        }
        if (!(state.get("index_to_key") instanceof List<?> keys)) {
            throw ModelFileException.of(file.location(), state.containsKey("index2word") || state.containsKey("vocab")
                    ? "saved by gensim 3 or earlier, whose layout this reader does not read: load it with gensim 4 "
                    + "and save it again (or save_word2vec_format)"
                    : "the " + vectors.type + " has no 'index_to_key' (its list of words)", null);
        }
        String[] words = new String[keys.size()];
        for (int w = 0; w < words.length; w++) {
            if (!(keys.get(w) instanceof String word)) {
                throw ModelFileException.of(file.location(), "key " + w + " is a " + Pickle.describe(keys.get(w))
                        + ", not a word (a Doc2Vec model's document tags are not read; its words are)", null);
            }
            words[w] = word;
        }
        if (vectors.type.name().equals("FastTextKeyedVectors")) {
            return fastText(file, state, prefix, words);
        }
        return wordRows(file, array(file, state, prefix, "vectors"), words, true);
    }

    /**
     * The words' vectors, as {@code array} holds them row by row: {@code result} when they are the
     * model's vectors as they are (then into the streamed copy, when there is one), not rows that
     * are averaged with n-grams afterwards.
     */
    private static MatrixBuilder wordRows(ReadState file, NumpyArray array, String[] words, boolean result)
            throws IOException {
        checkRows(array, words.length);
        MatrixBuilder matrix = result ? file.matrix(array.columns, file.limited(words.length))
                : new MatrixBuilder(array.columns, file.limited(words.length), file.blockBytes);
        array.forEachRow(words.length, (row, values) -> {
            if (!file.full()) {
                file.addWord(words[(int) row], matrix, values, 0);
                read(file, array, matrix.rows());
            }
        });
        return matrix;
    }

    /**
     * gensim's fastText vectors: the words' own rows ({@code vectors_vocab}) and the n-gram buckets
     * ({@code vectors_ngrams}); gensim does not save the words' vectors, it computes them on load.
     */
    private static MatrixBuilder fastText(ReadState file, Map<?, ?> state, String prefix, String[] words)
            throws IOException {
        int minn = (int) integer(state, "min_n", file);
        int maxn = (int) integer(state, "max_n", file);
        long bucket = integer(state, "bucket", file);
        NumpyArray own = array(file, state, prefix, "vectors_vocab");
        if (bucket == 0) { // no n-grams: gensim's words' vectors are their own rows
            return wordRows(file, own, words, true);
        }
        // The words' own rows, made their vectors in place once the n-grams are read.
        MatrixBuilder vectors = wordRows(file, own, words, false);
        NumpyArray ngrams = array(file, state, prefix, "vectors_ngrams");
        if (ngrams.rows != bucket || ngrams.columns != own.columns) {
            throw ModelFileException.of(ngrams.location, "the n-gram array is " + ngrams.rows + " x " + ngrams.columns
                    + ", not " + bucket + " buckets x " + own.columns, null);
        }
        MatrixBuilder ngramRows = new MatrixBuilder(own.columns, bucket, file.blockBytes);
        ngrams.forEachRow(bucket, (row, values) -> {
            ngramRows.add(values, 0);
            read(file, ngrams, words.length);
        });
        Subwords subwords = new Subwords(minn, maxn, (int) bucket, ngramRows.build());
        file.subwords = subwords;
        // gensim averages every word with its n-grams, </s> included (fastText leaves that one alone).
        FastTextBinReader.averageWithNgrams(file, vectors, subwords, false);
        return vectors;
    }

    /** The pickle's top object, which must be one of gensim's. */
    private static Pickle.Instance gensimObject(Object root, ReadState file) throws ModelFileException {
        if (root instanceof Pickle.Instance instance && instance.type.module().startsWith("gensim.")) {
            return instance;
        }
        throw ModelFileException.of(file.location(), "a Python pickle of " + Pickle.describe(root)
                + ", not a gensim model or KeyedVectors", null);
    }

    private static boolean isKeyedVectors(Pickle.Global type) {
        return type.module().startsWith("gensim.models.") && type.name().endsWith("KeyedVectors");
    }

    /** The array {@code name}: pickled in the state, or (when gensim stored it aside) in its .npy file. */
    private static NumpyArray array(ReadState file, Map<?, ?> state, String prefix, String name)
            throws ModelFileException {
        Object value = state.get(name);
        if (value != null) {
            return NumpyArray.fromPickle(value, file.location() + " (" + name + ")");
        }
        if (!(state.get("__numpys") instanceof List<?> aside) || !aside.contains(name)) {
            throw ModelFileException.of(file.location(), "the gensim object has no array '" + name + "'", null);
        }
        Path model = file.source.path();
        if (model == null || file.source.member() != null) {
            throw ModelFileException.of(file.location(), "its array '" + name + "' is stored in a file beside it, "
                    + "so the model must be read from a file on disk", null);
        }
        // gensim names it after the model: path.vectors.npy, or .npz (zipped) for a model saved as .gz or .bz2.
        String base = model.getFileName() + prefix + "." + name;
        Path npy = model.resolveSibling(base + ".npy");
        Path npz = model.resolveSibling(base + ".npz");
        NumpyArray array;
        if (Files.isRegularFile(npz) && (file.compression != null || !Files.isRegularFile(npy))) {
            array = NumpyArray.fromNpy(ModelSource.of(npz.toString()).withMember("val.npy"));
        } else if (Files.isRegularFile(npy)) {
            array = NumpyArray.fromNpy(ModelSource.of(npy.toString()));
        } else {
            throw ModelFileException.of(file.location(), "gensim stored its array '" + name + "' in "
                    + (file.compression != null ? npz : npy) + ", which is missing: keep the files gensim writes "
                    + "beside the model", null);
        }
        file.besideFile(array.rows * array.rowBytes());
        return array;
    }

    /** Counts a row of {@code array} read, for the progress ({@code rows}: the words' rows so far). */
    private static void read(ReadState file, NumpyArray array, long rows) {
        if (array.aside()) {
            file.besideRead(array.rowBytes());
        }
        file.maybeReport(rows);
    }

    private static void checkRows(NumpyArray array, int words) throws ModelFileException {
        if (array.rows < words) {
            throw ModelFileException.of(array.location, "the array has " + array.rows + " rows for " + words
                    + " words", null);
        }
    }

    /** A field that must be an integer: a Python int, or a numpy integer scalar. */
    private static long integer(Map<?, ?> state, String key, ReadState file) throws ModelFileException {
        Object value = state.get(key);
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Pickle.Instance scalar && NumpyArray.isNumpy(scalar.type, "scalar")
                && scalar.args.size() == 2 && scalar.args.get(1) instanceof byte[] bytes && bytes.length <= 8) {
            byte[] padded = java.util.Arrays.copyOf(bytes, 8);
            return ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
        if (value instanceof BigInteger) {
            throw ModelFileException.of(file.location(), "'" + key + "' is " + value + ": too large", null);
        }
        throw ModelFileException.of(file.location(), "the gensim object has no integer '" + key + "'", null);
    }
}
