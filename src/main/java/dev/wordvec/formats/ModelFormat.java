package dev.wordvec.formats;

import java.util.Arrays;

/**
 * The layouts of pretrained word-vector files that wordvec reads.
 * Names bind from configuration leniently, so {@code word2vec-binary} selects {@link #WORD2VEC_BINARY}.
 */
public enum ModelFormat {

    /** Detect from the file's content: header or not, text or binary. */
    AUTO("auto"),
    /** Stanford GloVe text: {@code word v1 ... vN} per line, no header. */
    GLOVE("glove"),
    /** word2vec text: a {@code count dimension} header line, then {@code word v1 ... vN} per line. */
    WORD2VEC_TEXT("word2vec-text"),
    /** fastText {@code .vec}: the word2vec text layout, often with a trailing space on each line. */
    FASTTEXT_VEC("fasttext-vec"),
    /** word2vec binary (GoogleNews layout): a text header, then {@code word<space>} and little-endian float32 values. */
    WORD2VEC_BINARY("word2vec-binary"),
    /** fastText's native model ({@code .bin}, and {@code .ftz} quantised): word vectors and the character n-grams that answer unknown words. */
    FASTTEXT_BIN("fasttext-bin"),
    /** gensim 4's own format ({@code model.save}, {@code wv.save}): a pickle, with large arrays in .npy files beside it. */
    GENSIM("gensim"),
    /** wordvec's converted file ({@code convert} command, or the load cache): memory-mapped, not parsed. */
    CONVERTED("wordvec"),
    /** A contextual encoder's ONNX network and tokenizer (read by the contextual package, not by a row reader). */
    ONNX("onnx");

    /** The formats a command's {@code --format} (or {@code --input-format}) names, for its messages: the files read. */
    public static final String FILE_CHOICES = Choices.of(Arrays.stream(values())
            .filter(format -> format != CONVERTED && format != ONNX).map(ModelFormat::id).toList());

    private final String id;

    ModelFormat(String id) {
        this.id = id;
    }

    /** The format named {@code id} (as configuration and commands name it), or null. */
    public static ModelFormat byId(String id) {
        for (ModelFormat format : values()) {
            if (format.id.equals(id)) {
                return format;
            }
        }
        return null;
    }

    /** The name used in configuration and in API responses. */
    public String id() {
        return id;
    }

    boolean hasHeader() {
        return this != GLOVE;
    }
}
