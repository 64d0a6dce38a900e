package dev.wordvec.query;

import java.util.List;

/**
 * A model that turns texts into vectors. Word-vector models implement it by averaging their
 * words ({@link WordModel}); a contextual sentence encoder implements it with its network. The
 * text routes ({@code /sentence-vector}, text {@code /similarity}, {@code /v1/embeddings}) go
 * through this interface only, so they serve either kind.
 */
public interface TextEncoder {

    /** The model's configured name, as requests and errors name it. */
    String name();

    /** Dimensions of each vector. */
    int dimension();

    /**
     * One vector per text.
     *
     * @param policy what an unknown word does: leave it out, count it as zero, or fail
     * @throws UnknownWordException under {@link OovPolicy#ERROR} when a text has an unknown word
     * @throws InvalidRequestException when the encoding asks for what this model cannot do
     */
    EncodedTexts encode(List<String> texts, TextEncoding encoding, OovPolicy policy);

    /** The unknown-word policy for a request: the request's own, else the model's, else the route's default. */
    default OovPolicy oov(OovPolicy requested, OovPolicy routeDefault) {
        return requested != null ? requested : routeDefault;
    }

    /**
     * How a contextual network pools its token vectors into a text's vector ({@code mean},
     * {@code cls}, ...); null for a word-vector model, whose texts are weighted averages instead.
     */
    default String pooling() {
        return null;
    }

    /**
     * The weighting an answer names for {@code encoding}: the request's, for a word-vector model;
     * null for a contextual one, whose network pools instead ({@link #pooling()}).
     */
    default String weighting(TextEncoding encoding) {
        return pooling() == null ? encoding.weighting() : null;
    }

    /** Whether a principal component fitted on a reference set is at hand (else one is fitted per request). */
    boolean hasReferenceComponent();
}
