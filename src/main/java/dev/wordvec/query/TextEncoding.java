package dev.wordvec.query;

import java.util.List;
import java.util.Map;

/**
 * How texts become vectors, as a request asks: the weighting ({@code mean}, {@code sif}, the
 * client's {@code weights}, or fastText's own), word vectors made unit length before they are averaged, removal of
 * the common principal component, and unit length.
 *
 * @param weighting {@code mean} (default), {@code sif}, {@code weights} (implied by a {@code weights} map),
 *     or {@code fasttext} (fastText's own sentence vector, for a model with fastText's n-grams)
 * @param weights the client's weight per word; words not listed weigh 1; null unless {@code weights}
 * @param removePc remove the first principal component: the model's, fitted on its configured
 *     reference set, else one fitted on the texts encoded together
 * @param normalize scale each vector to unit length
 * @param preNormalize average the words' unit vectors, not their raw ones (gensim's
 *     {@code get_mean_vector} default, and what fastText's {@code print-sentence-vectors} does)
 * @param prompt a contextual model's prompt, by name, put before each text; null for the model's
 *     default prompt (if it has one). Word-vector models have none.
 */
public record TextEncoding(String weighting, Map<String, Float> weights, boolean removePc, boolean normalize,
        boolean preNormalize, String prompt) {

    /** The plain mean of the known words, nothing removed, not normalised. */
    public static final TextEncoding MEAN = new TextEncoding("mean", null, false, false, false, null);

    /** This encoding with the prompt named {@code name} (null: the model's default). */
    public TextEncoding withPrompt(String name) {
        return new TextEncoding(weighting, weights, removePc, normalize, preNormalize, name);
    }

    /** The encoding a request asks for, checked: names a field when something is wrong. */
    public static TextEncoding of(String weighting, Map<String, Float> weights, Boolean removePc, Boolean normalize,
            Boolean preNormalize) {
        String chosen = weighting != null ? weighting : weights != null ? "weights" : "mean";
        if (!List.of("mean", "sif", "weights", "fasttext").contains(chosen)) {
            throw new InvalidRequestException("weighting", "'weighting' is 'mean', 'sif', 'weights' or 'fasttext', "
                    + "not '" + chosen + "'");
        }
        if (chosen.equals("fasttext") && Boolean.TRUE.equals(preNormalize)) {
            throw new InvalidRequestException("preNormalize", "'preNormalize' does not go with 'weighting': "
                    + "'fasttext', which computes fastText's own sentence vector");
        }
        if (chosen.equals("weights") != (weights != null)) {
            throw new InvalidRequestException("weights", "'weights' (a map of word to weight) goes with "
                    + "'weighting': 'weights', and only with it");
        }
        if (weights != null) {
            weights.forEach((word, weight) -> {
                if (weight == null || !Float.isFinite(weight)) {
                    throw new InvalidRequestException("weights", "the weight of '" + word + "' must be a finite "
                            + "number, was " + weight);
                }
            });
        }
        return new TextEncoding(chosen, weights, Boolean.TRUE.equals(removePc), Boolean.TRUE.equals(normalize),
                Boolean.TRUE.equals(preNormalize), null);
    }
}
