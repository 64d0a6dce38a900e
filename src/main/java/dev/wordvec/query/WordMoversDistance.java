package dev.wordvec.query;

import dev.wordvec.vectors.VectorMath;
import dev.wordvec.vectors.WordMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Word Mover's Distance between two documents (Kusner et al., 2015), as gensim's
 * {@code KeyedVectors.wmdistance} computes it: each document is its known words' frequencies
 * (each count over the document's known words), and the distance is the least total travel, in
 * Euclidean distance between the words' vectors (unit vectors by default, gensim's
 * {@code norm=True}), that turns one into the other.
 *
 * @param distance the distance; null when a document has no known word (gensim answers infinity)
 * @param moves the plan that achieves it, the largest contributions first
 */
public record WordMoversDistance(Double distance, List<Move> moves) {

    /**
     * Part of a document's mass carried from one word to another.
     *
     * @param from a word of the first document, as matched in the vocabulary
     * @param to a word of the second
     * @param weight the mass carried, as a fraction of the document (the weights sum to 1)
     * @param distance the distance between the two words' vectors
     */
    public record Move(String from, String to, double weight, double distance) {
    }

    /**
     * @param model the model the words were matched in
     * @param document1 the first document's words, unknown ones included (they are left out, as
     *     gensim leaves them out)
     * @param document2 the second's
     * @param normalize use unit vectors (gensim's default); a word whose vector is all zeros then has
     *     no direction and is left out
     */
    public static WordMoversDistance between(WordModel model, List<WordMatch> document1, List<WordMatch> document2,
            boolean normalize) {
        List<Bin> words1 = bins(model, document1, normalize);
        List<Bin> words2 = bins(model, document2, normalize);
        if (words1.isEmpty() || words2.isEmpty()) {
            return new WordMoversDistance(null, List.of());
        }
        double[][] cost = costs(words1, words2);
        EarthMovers.Plan plan = EarthMovers.solve(counts(words1), counts(words2), cost);
        List<Move> moves = new ArrayList<>(plan.flows().size());
        for (EarthMovers.Flow flow : plan.flows()) {
            moves.add(new Move(words1.get(flow.from()).word, words2.get(flow.to()).word, flow.mass(),
                    cost[flow.from()][flow.to()]));
        }
        moves.sort(Comparator.comparingDouble((Move m) -> -m.weight() * m.distance()));
        return new WordMoversDistance(plan.distance(), moves);
    }

    /**
     * One document's place among others by its distance from {@code query}.
     *
     * @param index its place in the request
     * @param distance its distance from the query; null when it (or the query) has no known word
     * @param similarity gensim's {@code WmdSimilarity}: 1 / (1 + distance), 0 for a null distance
     */
    public record Ranked(int index, Double distance, double similarity) {
    }

    /**
     * The documents nearest to {@code query} first (gensim's {@code WmdSimilarity}, with
     * {@code num_best}): each document's exact distance, ties in request order, documents with no
     * known word last. The query's words are found once; no plan is kept, only its distance.
     *
     * @param k how many to keep, the nearest
     */
    public static List<Ranked> rank(WordModel model, List<WordMatch> query, List<List<WordMatch>> documents,
            boolean normalize, int k) {
        List<Bin> words = bins(model, query, normalize);
        int[] counts = counts(words);
        List<Candidate> candidates = new ArrayList<>(documents.size());
        List<Ranked> unknown = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            List<Bin> document = bins(model, documents.get(i), normalize);
            if (words.isEmpty() || document.isEmpty()) {
                unknown.add(new Ranked(i, null, 0));
            } else {
                double[][] cost = costs(words, document);
                candidates.add(new Candidate(i, counts(document), cost, lowerBound(counts, counts(document), cost)));
            }
        }
        // Kusner et al.'s prefetch and prune: solved in the order of a cheap lower bound (the relaxed
        // distance, each word moving all of its mass to its nearest word), a document whose bound is
        // already past the k-th distance found cannot be among the k nearest, and is not solved.
        candidates.sort(Comparator.comparingDouble(Candidate::bound).thenComparingInt(Candidate::index));
        java.util.PriorityQueue<Ranked> nearest = new java.util.PriorityQueue<>(RANKING.reversed());
        for (Candidate candidate : candidates) {
            if (nearest.size() >= k && candidate.bound() > nearest.peek().distance() * (1 + 1e-9) + 1e-12) {
                break;
            }
            double distance = EarthMovers.solve(counts, candidate.counts(), candidate.cost()).distance();
            nearest.add(new Ranked(candidate.index(), distance, 1 / (1 + distance)));
            if (nearest.size() > k) {
                nearest.poll();
            }
        }
        List<Ranked> ranked = new ArrayList<>(nearest);
        ranked.addAll(unknown);
        ranked.sort(RANKING);
        return List.copyOf(ranked.subList(0, Math.min(k, ranked.size())));
    }

    /** Nearest first, ties in request order, documents with no distance last. */
    private static final Comparator<Ranked> RANKING = Comparator.comparing(Ranked::distance,
            Comparator.nullsLast(Comparator.<Double>naturalOrder())).thenComparingInt(Ranked::index);

    /** A document to rank: its word counts, its costs from the query's words, and a lower bound of its distance. */
    private record Candidate(int index, int[] counts, double[][] cost, double bound) {
    }

    /** {@link #lowerBound} of two documents, as {@link #rank} computes it (for tests). */
    static double relaxed(WordModel model, List<WordMatch> document1, List<WordMatch> document2, boolean normalize) {
        List<Bin> words1 = bins(model, document1, normalize);
        List<Bin> words2 = bins(model, document2, normalize);
        return lowerBound(counts(words1), counts(words2), costs(words1, words2));
    }

    /**
     * The relaxed Word Mover's Distance (Kusner et al. 2015): the larger of the two one-sided
     * relaxations, where every word of one document moves all its mass to the nearest word of the
     * other. Each drops a constraint of the transport problem, so neither exceeds the distance.
     */
    private static double lowerBound(int[] counts1, int[] counts2, double[][] cost) {
        double total1 = java.util.Arrays.stream(counts1).sum();
        double total2 = java.util.Arrays.stream(counts2).sum();
        double[] nearest2 = new double[counts2.length];
        java.util.Arrays.fill(nearest2, Double.POSITIVE_INFINITY);
        double relaxed1 = 0;
        for (int i = 0; i < counts1.length; i++) {
            double nearest1 = Double.POSITIVE_INFINITY;
            for (int j = 0; j < counts2.length; j++) {
                nearest1 = Math.min(nearest1, cost[i][j]);
                nearest2[j] = Math.min(nearest2[j], cost[i][j]);
            }
            relaxed1 += counts1[i] / total1 * nearest1;
        }
        double relaxed2 = 0;
        for (int j = 0; j < counts2.length; j++) {
            relaxed2 += counts2[j] / total2 * nearest2[j];
        }
        return Math.max(relaxed1, relaxed2);
    }

    /** The Euclidean distance between each word of one document and each of the other. */
    private static double[][] costs(List<Bin> words1, List<Bin> words2) {
        double[][] cost = new double[words1.size()][words2.size()];
        for (int i = 0; i < words1.size(); i++) {
            for (int j = 0; j < words2.size(); j++) {
                cost[i][j] = euclidean(words1.get(i).vector, words2.get(j).vector);
            }
        }
        return cost;
    }

    /** One distinct word of a document: its vector and how often the document has it. */
    private static final class Bin {
        final String word;
        final float[] vector;
        int count;

        Bin(String word, float[] vector) {
            this.word = word;
            this.vector = vector;
        }
    }

    /** The document's known words, each once in order of first appearance, with their counts. */
    private static List<Bin> bins(WordModel model, List<WordMatch> document, boolean normalize) {
        Map<String, Bin> bins = new LinkedHashMap<>();
        for (WordMatch match : document) {
            if (!match.known()) {
                continue;
            }
            String word = match.hasRow() ? match.matched() : match.word();
            Bin bin = bins.get(word);
            if (bin == null) {
                float[] vector = model.vector(match);
                if (normalize && VectorMath.norm(vector) == 0) {
                    continue;
                }
                bin = new Bin(word, normalize ? unit(vector) : vector);
                bins.put(word, bin);
            }
            bin.count++;
        }
        return new ArrayList<>(bins.values());
    }

    /**
     * gensim's unit vector: each float32 component divided by the float32 norm (numpy's
     * {@code vectors / norms}), where {@link VectorMath#unitLength} divides in double; the two
     * differ in the last bit, and a distance by about 1e-8.
     */
    private static float[] unit(float[] vector) {
        float norm = (float) VectorMath.norm(vector);
        float[] out = new float[vector.length];
        for (int d = 0; d < vector.length; d++) {
            out[d] = vector[d] / norm;
        }
        return out;
    }

    private static int[] counts(List<Bin> bins) {
        return bins.stream().mapToInt(b -> b.count).toArray();
    }

    /** scipy's {@code cdist}: the components widened to double. */
    private static double euclidean(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = (double) a[d] - b[d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
