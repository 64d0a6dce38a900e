package dev.wordvec.vectors;

/**
 * One part of a similarity query, as in gensim's {@code most_similar(positive=[(word, weight)])}:
 * either a row of the model (used as a unit vector) or a raw vector, with a weight (negative for
 * the terms to subtract).
 */
public record Term(int row, float[] vector, float weight) {

    public static Term word(int row, float weight) {
        return new Term(row, null, weight);
    }

    public static Term vector(float[] vector, float weight) {
        return new Term(-1, vector, weight);
    }

    public boolean isWord() {
        return vector == null;
    }
}
