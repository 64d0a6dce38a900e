package dev.wordvec.vectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One vector for a piece of text: the mean of the vectors of the words the model knows. Splits
 * on whitespace and punctuation; looks each token up as written, then lower-cased (GloVe and
 * most fastText models are lower-case). Unknown tokens are skipped and reported; when no token
 * is known there is no vector, rather than a zero vector passed off as a real one.
 */
public final class SentenceEncoder {

    /** Whitespace (including Unicode spaces) and punctuation of any script. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Z}\\p{P}]+");

    private SentenceEncoder() {
    }

    /**
     * The encoding of one text.
     *
     * @param tokens each token in text order, as matched in the vocabulary (lower-cased when only
     *     that form is known), or as written when unknown
     * @param missing the tokens the model does not know, in text order
     * @param vector the mean vector, or null when no token is known
     */
    public record Encoded(List<String> tokens, List<String> missing, float[] vector) {
    }

    /** Splits {@code text} into tokens; empty for a text with no words. */
    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String token : SEPARATORS.split(text)) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /**
     * Cosine of two texts' sentence vectors; the known words of each are averaged, and a text
     * with no known word is an {@link UnknownWordException} naming its words.
     */
    public static float similarity(WordVectors model, String modelName, String text1, String text2) {
        Encoded one = encode(model, text1);
        Encoded two = encode(model, text2);
        for (Encoded encoded : List.of(one, two)) {
            if (encoded.vector() == null) {
                throw new UnknownWordException(modelName, encoded.missing().isEmpty() ? List.of("") : encoded.missing());
            }
        }
        return model.cosine(one.vector(), two.vector());
    }

    public static Encoded encode(WordVectors model, String text) {
        Vocabulary vocabulary = model.vocabulary();
        List<String> tokens = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (String token : tokenize(text)) {
            int row = vocabulary.rowOf(token);
            String matched = token;
            if (row < 0) {
                String lower = token.toLowerCase(Locale.ROOT);
                row = vocabulary.rowOf(lower);
                matched = lower;
            }
            if (row < 0) {
                missing.add(token);
                tokens.add(token);
            } else {
                rows.add(row);
                tokens.add(matched);
            }
        }
        float[] vector = rows.isEmpty() ? null : model.mean(rows.stream().mapToInt(Integer::intValue).toArray());
        return new Encoded(tokens, missing, vector);
    }
}
