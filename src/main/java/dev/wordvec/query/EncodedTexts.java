package dev.wordvec.query;

import java.util.List;

/**
 * Texts as vectors, in the order given.
 *
 * @param texts each text's tokens, unknown words and vector
 * @param principalComponent where the removed component came from ({@code reference} or
 *     {@code request}), or null when none was removed
 */
public record EncodedTexts(List<SentenceEncoder.Encoded> texts, String principalComponent) {
}
