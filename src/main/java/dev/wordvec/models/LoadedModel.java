package dev.wordvec.models;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.vectors.WordVectors;
import java.time.Duration;

/**
 * A model that is ready to answer.
 *
 * @param name its configured name
 * @param vectors the vocabulary and matrix
 * @param format the format its file was read as
 * @param loadTime how long reading it took
 */
public record LoadedModel(String name, WordVectors vectors, ModelFormat format, Duration loadTime) {
}
