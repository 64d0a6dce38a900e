package dev.wordvec.models;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.vectors.OovPolicy;
import dev.wordvec.vectors.SearchBatcher;
import dev.wordvec.vectors.SentenceEncoder;
import dev.wordvec.vectors.TokenWeights;
import dev.wordvec.vectors.WordLookup;
import dev.wordvec.vectors.WordVectors;
import java.time.Duration;
import java.util.Optional;

/**
 * A model that is ready to answer.
 *
 * @param name its configured name
 * @param vectors the vocabulary and matrix
 * @param searches its nearest-word searches, batched across concurrent requests
 * @param lookup how its words are found (case forms, phrases)
 * @param sentences its sentence encoder
 * @param sifWeights smooth-inverse-frequency weights for its vocabulary
 * @param oov the configured unknown-word policy, or null for each route's default
 * @param sifComponent the principal component fitted on the configured SIF reference set, or null
 * @param format the format its file was read as
 * @param loadTime how long reading it took
 */
public record LoadedModel(String name, WordVectors vectors, SearchBatcher searches, WordLookup lookup, SentenceEncoder sentences,
        TokenWeights sifWeights, OovPolicy oov, float[] sifComponent, ModelFormat format, Duration loadTime) {

    /** The policy for a request: the request's own, else the model's, else the route's default. */
    public OovPolicy oov(OovPolicy requested, OovPolicy routeDefault) {
        return Optional.ofNullable(requested).or(() -> Optional.ofNullable(oov)).orElse(routeDefault);
    }
}
