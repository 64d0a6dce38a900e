package dev.wordvec.formats;

import dev.wordvec.vectors.PrunedBuckets;
import dev.wordvec.vectors.Subwords;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * fastText's native {@code .bin} model (version 12, magic 0x2F4F16BA, as fastText 0.9 writes it;
 * and the older layout without magic and version): its arguments, its dictionary, and its input
 * matrix, whose first {@code nwords} rows are the words' own and the next {@code bucket} rows the
 * character n-grams'. Each word's vector is what fastText's {@code getWordVector} gives: the mean
 * of its own row and its n-grams' rows ({@code </s>}, the end of sentence, has its own row only).
 * The n-gram rows are kept ({@link Subwords}) to answer words outside the vocabulary. A
 * supervised (classifier) model's word vectors are read the same way (its labels have no input
 * rows, and are left out of the vocabulary; fastText's {@code print-word-vectors} answers them
 * alike, where gensim refuses the file). A quantised model ({@code fasttext quantize}, {@code .ftz})
 * is read too, its rows decoded ({@link QuantisedMatrix}), its pruned n-grams mapped as fastText maps
 * them ({@link PrunedBuckets}); gensim refuses those as well. The output matrix is not read.
 */
final class FastTextBinReader implements VectorsReader {

    static final int MAGIC = 0x2F4F16BA;
    private static final String END_OF_SENTENCE = "</s>";
    private static final int MAX_WORD_BYTES = 1 << 16;

    /** fastText's model kinds, as its {@code model_name} enum numbers them. */
    private static final int SUPERVISED = 3;

    @Override
    public MatrixBuilder read(ReadState file) throws IOException {
        ByteInput in = file.in;
        int first = int32(file);
        int second = int32(file);
        boolean versioned = first == MAGIC;
        if (versioned && second != 11 && second != 12) {
            throw file.binaryError(4, "fastText file format version " + second + "; wordvec reads versions 11 and 12");
        }
        int dimension = versioned ? int32(file) : first;
        if (versioned) {
            int32(file); // ws
        }
        int32(file); // epoch
        int32(file); // minCount
        int32(file); // neg
        int wordNgrams = int32(file);
        int32(file); // loss
        int model = int32(file);
        int bucket = int32(file);
        int minn = int32(file);
        int maxn = int32(file);
        if (model == SUPERVISED && (!versioned || second == 11)) {
            // fastText reads a classifier from before file format 12 as one without character
            // n-grams, whatever its maxn says ("old supervised models do not use char ngrams"):
            // a word is its own row, and only the word n-grams use the buckets.
            maxn = 0;
        }
        int32(file); // lrUpdateRate
        in.fill(8);
        in.skip(Math.min(8, in.available())); // t
        if (dimension < 1 || dimension > ReadState.MAX_DIMENSION || bucket < 0 || minn < 0 || maxn < 0 || maxn > 64) {
            throw file.binaryError(0, "the header announces dimension " + dimension + ", bucket " + bucket + ", minn "
                    + minn + ", maxn " + maxn + ": not a fastText model, or a damaged one");
        }
        int size = int32(file);
        int nwords = int32(file);
        int nlabels = int32(file);
        long dictionaryStart = in.offset();
        int64(file); // ntokens
        long pruned = versioned ? int64(file) : -1;
        if (nwords < 1 || nlabels < 0 || (long) nwords + nlabels != size || (nlabels > 0) != (model == SUPERVISED)) {
            throw file.binaryError(dictionaryStart, "the dictionary announces " + size + " entries, " + nwords
                    + " words and " + nlabels + " labels in a " + (model == SUPERVISED ? "supervised" : "word-vector")
                    + " model: not a fastText model, or a damaged one");
        }
        // fastText sorts its dictionary words first, then labels; only words have input rows.
        String[] words = new String[nwords];
        for (int entry = 0; entry < size; entry++) {
            String word = word(file, entry);
            int64(file); // count
            if (in.fill(1) < 1) {
                throw file.binaryError(in.offset(), "unexpected end of file in the dictionary");
            }
            int type = in.peek(0);
            in.skip(1);
            if (type != (entry < nwords ? 0 : 1)) {
                throw file.binaryError(in.offset() - 1, "dictionary entry " + (entry + 1) + " ('" + word + "') has type "
                        + type + " where fastText puts " + (entry < nwords ? "a word (0)" : "a label (1)")
                        + ": a damaged file");
            }
            if (entry < nwords) {
                words[entry] = word;
            }
        }
        PrunedBuckets kept = pruned < 0 ? null : prunedBuckets(file, pruned, bucket);
        boolean quantised = false;
        if (versioned) {
            in.fill(1);
            quantised = in.available() > 0 && in.peek(0) != 0;
            in.skip(Math.min(1, in.available()));
        }
        if (kept != null && !quantised) {
            throw file.binaryError(dictionaryStart + 8, "the dictionary is pruned but the input matrix is not "
                    + "quantised: fastText refuses such a file too (a damaged file)");
        }
        int ngramCount = kept == null ? bucket : kept.size();
        // Each kept word's own row goes straight into the model's matrix, and becomes the word's
        // vector there once the n-gram rows are read: no second matrix of the words' own rows.
        MatrixBuilder vectors = new MatrixBuilder(dimension, file.limited(nwords), file.blockBytes);
        MatrixBuilder ngramRows = new MatrixBuilder(dimension, ngramCount, file.blockBytes);
        InputRow inputRow = (r, row) -> {
            if (r >= nwords) {
                ngramRows.add(row, 0);
            } else if (!file.full()) {
                file.addWord(words[(int) r], vectors, row, 0);
            }
            file.maybeReport(Math.min(r + 1, nwords));
        };
        if (quantised) {
            QuantisedMatrix.read(file, nwords, ngramCount, dimension, inputRow);
        } else {
            denseRows(file, nwords, bucket, dimension, inputRow);
        }
        Subwords subwords = new Subwords(minn, maxn, bucket, ngramRows.build(), Math.max(1, wordNgrams),
                model == SUPERVISED, kept);
        averageWithNgrams(file, vectors, subwords, true);
        file.subwords = subwords;
        checkOutputMatrixSize(file, versioned);
        return vectors;
    }

    /**
     * fastText's output matrix follows the input matrix. It answers nothing here and is not read,
     * but a file cut short inside it is damaged (a large model's download stopped in its last
     * third: cc.en.300.bin's output matrix is its last 2.4 GB), and fastText refuses it; so the
     * size its header announces is checked against the file's. A quantised output matrix
     * ({@code quantize -qout}), and a compressed file or a pipe, whose size is not known without
     * reading it all, are not checked.
     */
    private static void checkOutputMatrixSize(ReadState file, boolean versioned) throws IOException {
        long fileBytes = file.plainBytes();
        if (fileBytes < 0) {
            return;
        }
        ByteInput in = file.in;
        long start = in.offset();
        int header = (versioned ? 1 : 0) + 2 * Long.BYTES;
        if (in.fill(header) < header) {
            throw file.binaryError(start, "the file ends after the input matrix, inside the output matrix's header, "
                    + "which fastText reads too (truncated file?)");
        }
        if (versioned) {
            boolean quantised = in.peek(0) != 0;
            in.skip(1);
            if (quantised) {
                return;
            }
        }
        long rows = int64(file);
        long columns = int64(file);
        if (rows < 0 || columns < 0) {
            throw file.binaryError(start, "the output matrix's header announces " + rows + " x " + columns
                    + " values: a damaged file");
        }
        // In double: a damaged header's product would overflow a long.
        double end = start + header + (double) rows * columns * Float.BYTES;
        if (end > fileBytes) {
            throw file.binaryError(start, String.format(Locale.ROOT, "the file ends inside the output matrix, which "
                    + "fastText reads too: its %d x %d values end at byte %d, but the file has %d bytes (truncated "
                    + "file? fastText refuses it)", rows, columns, (long) end, fileBytes));
        }
    }

    /** Takes row {@code r} of the input matrix: word {@code r}'s own row, or after the words an n-gram row. */
    @FunctionalInterface
    interface InputRow {
        void accept(long r, float[] row) throws ModelFileException;
    }

    /** The input matrix as fastText writes it unquantised: its size, then rows x columns float32. */
    private static void denseRows(ReadState file, int nwords, int bucket, int dimension, InputRow inputRow)
            throws IOException {
        ByteInput in = file.in;
        long rows = int64(file);
        long columns = int64(file);
        if (columns != dimension || rows != (long) nwords + bucket) {
            throw file.binaryError(in.offset() - 16, "the input matrix is " + rows + " x " + columns + ", not " + nwords
                    + " words + " + bucket + " buckets x " + dimension);
        }
        float[] row = new float[dimension];
        int rowBytes = dimension * Float.BYTES;
        for (long r = 0; r < rows; r++) {
            if (in.fill(rowBytes) < rowBytes) {
                throw file.binaryError(in.offset(), "unexpected end of file in row " + r + " of the " + rows
                        + "-row input matrix (truncated file?)");
            }
            ByteBuffer.wrap(in.array(), in.position(), rowBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(row);
            in.skip(rowBytes);
            inputRow.accept(r, row);
        }
    }

    /**
     * A pruned dictionary's n-gram map (fastText's {@code pruneidx}): {@code count} pairs of a
     * bucket and its row among the kept n-gram rows, as {@code fasttext quantize -cutoff} writes them.
     */
    private static PrunedBuckets prunedBuckets(ReadState file, long count, int bucket) throws IOException {
        long start = file.in.offset();
        if (count > bucket) {
            throw file.binaryError(start, "the dictionary keeps " + count + " n-gram buckets of " + bucket
                    + ": a damaged file");
        }
        // Grown as pairs are read, so that a damaged count fails at the end of the file.
        int[] buckets = new int[(int) Math.min(count, 1 << 16)];
        int[] rows = new int[buckets.length];
        BitSet taken = new BitSet();
        for (int i = 0; i < count; i++) {
            if (i == buckets.length) {
                buckets = Arrays.copyOf(buckets, (int) Math.min(count, 2L * i));
                rows = Arrays.copyOf(rows, buckets.length);
            }
            buckets[i] = int32(file);
            rows[i] = int32(file);
            if (buckets[i] < 0 || buckets[i] >= bucket || rows[i] < 0 || rows[i] >= count || taken.get(rows[i])) {
                throw file.binaryError(file.in.offset() - 8, "kept n-gram " + (i + 1) + " maps bucket " + buckets[i]
                        + " to row " + rows[i] + ", outside " + bucket + " buckets and " + count
                        + " rows or a row taken twice: a damaged file");
            }
            taken.set(rows[i]);
        }
        try {
            return new PrunedBuckets(buckets, rows);
        } catch (IllegalArgumentException e) {
            throw file.binaryError(start, "the dictionary's kept n-grams: " + e.getMessage() + ": a damaged file");
        }
    }

    /**
     * Makes each row of {@code vectors}, a word's own row as read, that word's vector in place: the
     * mean of its own row and its n-grams' rows, as fastText averages them ({@code endOfSentenceAlone}:
     * fastText's {@code </s>} keeps its own row, as fastText keeps it; gensim averages it too).
     * Row {@code k} is the k-th word {@code file} kept.
     */
    static void averageWithNgrams(ReadState file, MatrixBuilder vectors, Subwords subwords, boolean endOfSentenceAlone) {
        int dimension = vectors.dimension();
        float[] row = new float[dimension];
        double[] sum = new double[dimension];
        List<String> words = file.words();
        for (int k = 0; k < vectors.rows(); k++) {
            String word = words.get(k);
            int[] ngrams = endOfSentenceAlone && word.equals(END_OF_SENTENCE) ? new int[0] : subwords.ngramRows(word);
            if (ngrams.length == 0) {
                continue;
            }
            vectors.get(k, row);
            for (int d = 0; d < dimension; d++) {
                sum[d] = row[d];
            }
            subwords.addRows(ngrams, sum);
            for (int d = 0; d < dimension; d++) {
                row[d] = (float) (sum[d] / (ngrams.length + 1));
            }
            vectors.set(k, row);
        }
    }

    private static String word(ReadState file, int index) throws IOException {
        ByteInput in = file.in;
        int end = in.indexOf((byte) 0, MAX_WORD_BYTES);
        if (end < 0) {
            throw file.binaryError(in.offset(), end == -2 ? "word " + (index + 1) + " of the dictionary has no end "
                    + "within " + (MAX_WORD_BYTES >> 10) + " KB: a damaged file" : "unexpected end of file in the dictionary");
        }
        String word = file.decodeWord(in.array(), in.position(), in.position() + end);
        in.skip(end + 1);
        return word;
    }

    static int int32(ReadState file) throws IOException {
        ByteInput in = file.in;
        if (in.fill(4) < 4) {
            throw file.binaryError(in.offset(), "unexpected end of file in the fastText header (truncated file?)");
        }
        int value = ByteBuffer.wrap(in.array(), in.position(), 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        in.skip(4);
        return value;
    }

    static long int64(ReadState file) throws IOException {
        ByteInput in = file.in;
        if (in.fill(8) < 8) {
            throw file.binaryError(in.offset(), "unexpected end of file in the fastText header (truncated file?)");
        }
        long value = ByteBuffer.wrap(in.array(), in.position(), 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        in.skip(8);
        return value;
    }
}
