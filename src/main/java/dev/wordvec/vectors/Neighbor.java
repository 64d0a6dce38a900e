package dev.wordvec.vectors;

/** A word and its cosine similarity to a query; higher means closer. */
public record Neighbor(String word, float similarity) {
}
