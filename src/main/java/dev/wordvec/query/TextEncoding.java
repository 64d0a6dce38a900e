package dev.wordvec.web;

import dev.wordvec.models.LoadedModel;
import dev.wordvec.vectors.OovPolicy;
import dev.wordvec.vectors.PrincipalComponent;
import dev.wordvec.vectors.SentenceEncoder;
import dev.wordvec.vectors.TokenWeights;
import dev.wordvec.vectors.VectorMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a request turns texts into vectors, shared by {@code /sentence-vector} and text similarity:
 * the weighting ({@code mean}, {@code sif}, or the client's {@code weights}), SIF's removal of the
 * common component, and unit length.
 *
 * @param weighting {@code mean} (default), {@code sif}, or {@code weights} (implied by a {@code weights} map)
 * @param weights the client's weight per word; words not listed weigh 1
 * @param removePc remove the first principal component: the model's, fitted on its configured
 *     reference set, else one fitted on this request's texts
 * @param normalize scale each vector to unit length
 */
record TextEncoding(String weighting, Map<String, Float> weights, boolean removePc, boolean normalize) {

    /** The texts' vectors, and where the removed component came from ({@code reference}, {@code request}, or null). */
    record Result(List<SentenceEncoder.Encoded> encoded, String principalComponent) {
    }

    static TextEncoding of(String weighting, Map<String, Float> weights, Boolean removePc, Boolean normalize,
            int maxWords) {
        String chosen = weighting != null ? weighting : weights != null ? "weights" : "mean";
        if (!List.of("mean", "sif", "weights").contains(chosen)) {
            throw new InvalidRequestException("weighting", "'weighting' is 'mean', 'sif' or 'weights', not '"
                    + chosen + "'");
        }
        if (chosen.equals("weights") != (weights != null)) {
            throw new InvalidRequestException("weights", "'weights' (a map of word to weight) goes with "
                    + "'weighting': 'weights', and only with it");
        }
        if (weights != null) {
            if (weights.size() > maxWords) {
                throw new LimitExceededException("weights", weights.size(), maxWords, "words");
            }
            weights.forEach((word, weight) -> {
                if (weight == null || !Float.isFinite(weight)) {
                    throw new InvalidRequestException("weights", "the weight of '" + word + "' must be a finite "
                            + "number, was " + weight);
                }
            });
        }
        return new TextEncoding(chosen, weights, Boolean.TRUE.equals(removePc), Boolean.TRUE.equals(normalize));
    }

    Result encode(LoadedModel model, List<String> texts, OovPolicy policy) {
        TokenWeights tokenWeights = switch (weighting) {
            case "sif" -> model.sifWeights();
            case "weights" -> TokenWeights.given(weights, 1f);
            default -> TokenWeights.uniform();
        };
        List<SentenceEncoder.Encoded> encoded = new ArrayList<>(texts.size());
        for (String text : texts) {
            encoded.add(model.sentences().encode(text, tokenWeights, policy));
        }
        String source = null;
        if (removePc) {
            float[] component = model.sifComponent();
            source = "reference";
            if (component == null) {
                component = fitOnRequest(model, encoded);
                source = "request";
            }
            encoded = transform(encoded, component, false);
        }
        if (normalize) {
            encoded = transform(encoded, null, true);
        }
        return new Result(encoded, source);
    }

    private static float[] fitOnRequest(LoadedModel model, List<SentenceEncoder.Encoded> encoded) {
        List<float[]> vectors = encoded.stream().map(SentenceEncoder.Encoded::vector)
                .filter(v -> v != null && VectorMath.norm(v) > 0).toList();
        if (vectors.size() < 2) {
            throw new InvalidRequestException("removePc", "'removePc' needs a common component: configure a "
                    + "reference set for model '" + model.name() + "' (wordvec.models." + model.name()
                    + ".sif-reference), or send at least 2 texts with known words; this request has "
                    + vectors.size());
        }
        return PrincipalComponent.first(vectors);
    }

    private static List<SentenceEncoder.Encoded> transform(List<SentenceEncoder.Encoded> encoded, float[] component,
            boolean unitLength) {
        return encoded.stream().map(e -> {
            if (e.vector() == null) {
                return e;
            }
            float[] vector = component != null ? PrincipalComponent.remove(e.vector(), component) : e.vector();
            return new SentenceEncoder.Encoded(e.tokens(), e.unknown(), unitLength ? VectorMath.unitLength(vector)
                    : vector);
        }).toList();
    }
}
