package dev.wordvec.query;

import dev.wordvec.index.HnswIndex;
import dev.wordvec.vectors.CodePointOrder;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.PrincipalComponent;
import dev.wordvec.vectors.Search;
import dev.wordvec.vectors.Subwords;
import dev.wordvec.vectors.SearchBatcher;
import dev.wordvec.vectors.Term;
import dev.wordvec.vectors.VectorMath;
import dev.wordvec.vectors.WordLookup;
import dev.wordvec.vectors.WordMatch;
import dev.wordvec.vectors.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A word-vector model, as the routes ask it questions: words found with its lookup under an
 * unknown-word policy, nearest words and analogies batched across requests, texts encoded as
 * weighted means of their words. Controllers parse, call this, and map the answer.
 *
 * @param name its configured name
 * @param vectors the vocabulary and matrix
 * @param searches its nearest-word searches, batched across concurrent requests
 * @param lookup how its words are found (case forms, phrases)
 * @param sentences its sentence encoder
 * @param sifWeights smooth-inverse-frequency weights for its vocabulary
 * @param oov the configured unknown-word policy, or null for each route's default
 * @param sifComponent the principal component fitted on the configured SIF reference set, or null
 * @param subwords a fastText model's character n-grams, which answer unknown words under
 *     {@link OovPolicy#SUBWORD} (its default); null for other models
 * @param index its approximate nearest-word index, which answers searches unless a request asks
 *     for the exact one; null for exact searches only
 */
public record WordModel(String name, WordVectors vectors, SearchBatcher searches, WordLookup lookup,
        SentenceEncoder sentences, TokenWeights sifWeights, OovPolicy oov, float[] sifComponent, Subwords subwords,
        HnswIndex index) implements TextEncoder, AutoCloseable {

    /** A model without character n-grams or index. */
    public WordModel(String name, WordVectors vectors, SearchBatcher searches, WordLookup lookup,
            SentenceEncoder sentences, TokenWeights sifWeights, OovPolicy oov, float[] sifComponent) {
        this(name, vectors, searches, lookup, sentences, sifWeights, oov, sifComponent, null, null);
    }

    /** How a search was answered: {@code exact} (every row scored) or {@code hnsw} (the approximate index). */
    public static final String EXACT = "exact";
    public static final String HNSW = "hnsw";

    /**
     * Nearest words, one list per query, and how they were found ({@link #EXACT} or {@link #HNSW}).
     */
    public record Found(List<List<Neighbor>> neighbors, String search) {
    }

    /** One analogy's known words as terms, the positive ones first. */
    public record Analogy(List<Term> terms, int positiveTerms) {
    }

    @Override
    public int dimension() {
        return vectors.dimension();
    }

    /**
     * Whether character n-grams answer unknown words: a fastText model's, unless it has none (trained
     * with {@code -maxn 0}, a classifier saved before format 12, or a quantised one that kept none),
     * whose unknown words are then unknown as any other model's.
     */
    private boolean hasNgrams() {
        return subwords != null && subwords.hasNgrams();
    }

    /**
     * The policy for a request: the request's own, else the model's, else {@code subword} for a
     * model with character n-grams, else the route's default. A word with no n-gram in the model then
     * meets the route's default too: refused by a route that refuses unknown words.
     *
     * @throws InvalidRequestException when {@code subword} is asked of a model without n-grams
     */
    @Override
    public OovPolicy oov(OovPolicy requested, OovPolicy routeDefault) {
        OovPolicy policy = Optional.ofNullable(requested).or(() -> Optional.ofNullable(oov))
                .orElse(unconfigured(routeDefault));
        if (policy.usesSubwords() && !hasNgrams()) {
            throw new InvalidRequestException("oov", "oov 'subword' answers unknown words from character n-grams "
                    + "(a fastText .bin model's); model '" + name + "' has no character n-grams");
        }
        return policy;
    }

    /** The policy when neither request nor model sets one: n-grams first on a model that has them. */
    private OovPolicy unconfigured(OovPolicy routeDefault) {
        return !hasNgrams() ? routeDefault
                : routeDefault.refusesUnknown() ? OovPolicy.SUBWORD_ELSE_ERROR : OovPolicy.SUBWORD;
    }

    /**
     * The policy for a search (neighbours, analogies, odd one out). A zero vector points nowhere, so
     * a request for {@code zero} is refused rather than quietly treated as {@code skip}, and a
     * model configured with {@code zero} (meant for its sentences) searches as if it had no policy
     * set (a fastText model's unknown words still answered from their n-grams).
     */
    public OovPolicy searchOov(OovPolicy requested, OovPolicy routeDefault) {
        if (requested == OovPolicy.ZERO) {
            throw new InvalidRequestException("oov", "oov 'zero' has no meaning in a search (a zero vector has no "
                    + "direction); use 'error' or 'skip'");
        }
        OovPolicy policy = oov(requested, routeDefault);
        return policy == OovPolicy.ZERO ? unconfigured(routeDefault) : policy;
    }

    /**
     * {@code words} found with the model's lookup; under {@link OovPolicy#SUBWORD} a word outside
     * the vocabulary gets its n-grams' vector; under {@link OovPolicy#ERROR} an exception naming
     * every unknown word.
     */
    public List<WordMatch> resolve(List<String> words, OovPolicy policy) {
        return checked(withSubwords(lookup.findAll(words), policy), policy);
    }

    /** A text's words ({@link WordLookup#findText}) found as {@link #resolve} finds words. */
    public List<WordMatch> resolveText(String text, OovPolicy policy) {
        return checked(withSubwords(lookup.findText(text, policy.usesSubwords() && hasNgrams()), policy),
                policy);
    }

    private List<WordMatch> checked(List<WordMatch> matches, OovPolicy policy) {
        List<String> unknown = unknown(matches);
        if (policy.refusesUnknown() && !unknown.isEmpty()) {
            // Under subwords a word stays unknown when it is shorter than the shortest n-gram, or
            // when a quantised model pruned all of its n-grams.
            throw new UnknownWordException(name, unknown, !policy.usesSubwords() ? ""
                    : "the model has no character n-gram of " + (unknown.size() == 1 ? "it" : "them"));
        }
        return matches;
    }

    /** {@code matches} with each unknown word answered by its n-grams, under {@link OovPolicy#SUBWORD}. */
    List<WordMatch> withSubwords(List<WordMatch> matches, OovPolicy policy) {
        if (!policy.usesSubwords() || !hasNgrams() || matches.stream().allMatch(WordMatch::known)) {
            return matches;
        }
        List<WordMatch> answered = new ArrayList<>(matches.size());
        for (WordMatch match : matches) {
            float[] vector = match.known() ? null : subwords.vector(match.word());
            answered.add(vector == null ? match : WordMatch.subword(match.word(), vector));
        }
        return answered;
    }

    /** A known word's vector: its row as stored, or its n-grams' mean. */
    public float[] vector(WordMatch match) {
        return match.hasRow() ? vectors.vector(match.row()) : match.vector();
    }

    /** A known word as a search term: its row (used as a unit vector), or its n-grams' vector made unit length. */
    public Term term(WordMatch match, float weight) {
        return match.hasRow() ? Term.word(match.row(), weight) : Term.vector(VectorMath.unitLength(match.vector()), weight);
    }

    /**
     * Whether the weighted sum of {@code terms}' unit vectors points anywhere. It does not when
     * every term's vector is all zeros (some exported models pad with such a row) or the terms
     * cancel ({@code king - king}): every word's cosine with it is 0, so its nearest words would be
     * arbitrary (gensim answers them at NaN or 0). Rounding leaves terms that cancel a residue
     * some 1e-16 of their weights; a query that points anywhere is far above the bound.
     */
    public boolean hasDirection(List<Term> terms) {
        double[] sum = new double[vectors.dimension()];
        double weights = 0;
        for (Term term : terms) {
            float[] vector = term.isWord() ? vectors.vector(term.row()) : term.vector();
            double norm = VectorMath.norm(vector);
            if (norm > 0) {
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += term.weight() * (vector[d] / norm);
                }
                weights += Math.abs(term.weight());
            }
        }
        return weights > 0 && VectorMath.norm(sum) > 1e-9 * weights;
    }

    /**
     * Why a query of {@code words} (known, each a term) has no direction, for the person who asked:
     * which of their vectors are all zeros, or that they cancel.
     */
    public String noDirection(List<WordMatch> words) {
        List<String> zeros = words.stream().filter(m -> !hasDirection(List.of(term(m, 1)))).map(WordMatch::word)
                .distinct().toList();
        String cosines = "so no word is nearer to it than another (its cosine with each is 0)";
        if (zeros.size() == words.stream().map(WordMatch::word).distinct().count()) {
            return (zeros.size() == 1 ? "the vector of '" + zeros.get(0) + "' is"
                    : "the vectors of '" + String.join("', '", zeros) + "' are") + " all zeros in model '" + name
                    + "' (a row some models pad with): it has no direction, " + cosines;
        }
        return "the words cancel out: the sum of their unit vectors, weighted, is a zero vector, which has no "
                + "direction, " + cosines;
    }

    /** Cosine of two known words (gensim's {@code similarity}). */
    public float similarity(WordMatch a, WordMatch b) {
        return a.hasRow() && b.hasRow() ? vectors.similarity(a.row(), b.row()) : VectorMath.cosine(vector(a), vector(b));
    }

    /**
     * gensim's {@code rank(word, other)} for each of {@code others}: one more than the number of
     * words in the vocabulary, {@code word} itself aside, strictly closer to {@code word} than
     * {@code other} is, over the whole vocabulary. As gensim does, closeness is the float32
     * distance {@code 1 - cosine}, so cosines that round to the same distance tie, and an in-vocabulary
     * {@code other}'s own distance comes from the same scan as everyone else's (it never counts
     * itself). A word outside the vocabulary (a fastText model's n-grams) ranks among the
     * vocabulary's words too, where gensim has no answer. Null for an unknown word.
     */
    public Integer[] ranks(WordMatch word, List<WordMatch> others) {
        Integer[] ranks = new Integer[others.size()];
        if (!word.known()) {
            return ranks;
        }
        float[] cosines = new float[vectors.vocabulary().size()];
        WordVectors.CosineChunk copy = (first, count, chunk) -> System.arraycopy(chunk, 0, cosines, first, count);
        if (word.hasRow()) {
            vectors.cosinesInChunks(new int[] {word.row()}, 0, RANK_CHUNK_ROWS, copy);
        } else {
            vectors.cosinesInChunks(word.vector(), 0, RANK_CHUNK_ROWS, copy);
        }
        // Each other's distance, sorted, so that each word's distance is placed among them by a binary search.
        List<Integer> asked = new ArrayList<>();
        for (int j = 0; j < others.size(); j++) {
            if (others.get(j).known()) {
                asked.add(j);
            }
        }
        float[] bounds = new float[asked.size()];
        Integer[] order = asked.toArray(Integer[]::new);
        float[] distance = new float[others.size()];
        for (int j : asked) {
            WordMatch other = others.get(j);
            distance[j] = 1f - (other.hasRow() ? cosines[other.row()] : similarity(word, other));
        }
        Arrays.sort(order, (a, b) -> Float.compare(distance[a], distance[b]));
        for (int p = 0; p < order.length; p++) {
            bounds[p] = distance[order[p]];
        }
        // closer[p]: words whose distance is below bounds[p] and not below bounds[p - 1].
        long[] closer = new long[bounds.length + 1];
        int self = word.hasRow() ? word.row() : -1;
        for (int i = 0; i < cosines.length; i++) {
            float d = 1f - cosines[i];
            if (i != self && !Float.isNaN(d)) {
                closer[upperBound(bounds, d)]++;
            }
        }
        long sum = 0;
        for (int p = 0; p < order.length; p++) {
            sum += closer[p];
            ranks[order[p]] = Float.isNaN(bounds[p]) ? null : Math.toIntExact(sum + 1);
        }
        return ranks;
    }

    /** Rows scored per engine call while ranking: 256 KB of cosines at a time. */
    private static final int RANK_CHUNK_ROWS = 65_536;

    /** The number of {@code sorted} values at most {@code value}: the first bound strictly above it. */
    private static int upperBound(float[] sorted, float value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** gensim's {@code n_similarity}: cosine of the two sets' mean raw vectors (all words known). */
    public float setSimilarity(List<WordMatch> set1, List<WordMatch> set2) {
        if (set1.stream().allMatch(WordMatch::hasRow) && set2.stream().allMatch(WordMatch::hasRow)) {
            return vectors.setSimilarity(set1.stream().mapToInt(WordMatch::row).toArray(),
                    set2.stream().mapToInt(WordMatch::row).toArray());
        }
        return VectorMath.cosine(mean(set1), mean(set2));
    }

    /**
     * gensim's {@code rank_by_centrality}: each word's cosine with the unit mean of the group's
     * unit vectors (all words known), most central first, so that the odd one out is last. Equal
     * cosines keep gensim's order, which sorts (cosine, word) pairs in reverse: the larger word
     * first, as Python compares strings. Two words are always equally central (the mean bisects
     * them): which one is named then follows float32 rounding, in gensim as here.
     */
    public List<Neighbor> rankByCentrality(List<WordMatch> group) {
        float[] scores = centrality(group);
        List<Neighbor> ranking = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            ranking.add(new Neighbor(group.get(i).word(), scores[i]));
        }
        ranking.sort(Comparator.comparing(Neighbor::similarity)
                .thenComparing(Neighbor::word, CodePointOrder.COMPARATOR).reversed());
        return ranking;
    }

    private float[] centrality(List<WordMatch> group) {
        if (group.stream().allMatch(WordMatch::hasRow)) {
            return vectors.centrality(group.stream().mapToInt(WordMatch::row).toArray());
        }
        List<float[]> units = group.stream().map(m -> VectorMath.unitLength(vector(m))).toList();
        float[] centre = VectorMath.unitLength(meanOf(units));
        float[] scores = new float[units.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = VectorMath.cosine(units.get(i), centre);
        }
        return scores;
    }

    private float[] mean(List<WordMatch> matches) {
        return meanOf(matches.stream().map(this::vector).toList());
    }

    private static float[] meanOf(List<float[]> vectors) {
        double[] sum = new double[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        float[] mean = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            mean[d] = (float) (sum[d] / vectors.size());
        }
        return mean;
    }

    /** The unknown words among {@code matches}, each once, in order. */
    public static List<String> unknown(List<WordMatch> matches) {
        return matches.stream().filter(m -> !m.known()).map(WordMatch::word).distinct().toList();
    }

    /** Each word that matched another spelling, and that spelling ({@code King} → {@code king}, {@code new york} → {@code New_York}). */
    public static Map<String, String> matched(List<WordMatch> matches) {
        Map<String, String> matched = new LinkedHashMap<>();
        for (WordMatch match : matches) {
            if (match.known() && !match.word().equals(match.matched())) {
                matched.put(match.word(), match.matched());
            }
        }
        return matched;
    }

    /**
     * Nearest words for each query: through the index when the model has one, the request does not
     * ask for {@code exact} and the restriction leaves enough of the vocabulary
     * ({@link HnswIndex#serves}); else exact, all queries in one batched product. A query with no
     * terms (its word unknown and skipped) gets no neighbours.
     */
    public Found neighbors(List<List<Term>> queries, int k, float minSimilarity, int restrictRows, boolean exact) {
        if (index != null && !exact && index.serves(restrictRows)) {
            return new Found(queries.stream().map(t -> t.isEmpty() ? List.<Neighbor>of()
                    : index.search(new Search(t, k, minSimilarity), restrictRows)).toList(), HNSW);
        }
        return new Found(neighbors(queries, k, minSimilarity, restrictRows), EXACT);
    }

    /** Nearest words for each query by the exact search, in one batched product. */
    public List<List<Neighbor>> neighbors(List<List<Term>> queries, int k, float minSimilarity, int restrictRows) {
        return searchedTogether(queries.stream().map(t -> t.isEmpty() ? null : new Search(t, k, minSimilarity))
                .toList(), restrictRows);
    }

    /**
     * Each search's answer, all of them through the batcher at once; a null search (a query with
     * nothing to search for) gets no neighbours.
     */
    private List<List<Neighbor>> searchedTogether(List<Search> each, int restrictRows) {
        List<Search> searched = each.stream().filter(Objects::nonNull).toList();
        Iterator<List<Neighbor>> found = searched.isEmpty() ? Collections.emptyIterator()
                : searches.search(searched, restrictRows).iterator();
        return each.stream().map(s -> s == null ? List.<Neighbor>of() : found.next()).toList();
    }

    /**
     * Answers to each analogy: by 3CosAdd (gensim's {@code most_similar}: one query vector, so
     * through the index as {@link #neighbors(List, int, float, int, boolean)} decides) or 3CosMul
     * ({@code most_similar_cosmul}: a product of cosines that no vector index ranks, so always exact,
     * batched as the exact searches are). An analogy with no terms gets no answers; 3CosAdd with negative terms only
     * ranks the words least like them, as gensim's {@code most_similar(negative=...)}; 3CosMul needs
     * a positive term.
     */
    public Found analogies(List<Analogy> analogies, boolean cosMul, int k, int restrictRows, boolean exact) {
        if (!cosMul) {
            return neighbors(analogies.stream().map(Analogy::terms).toList(), k, Float.NEGATIVE_INFINITY, restrictRows,
                    exact);
        }
        return new Found(searchedTogether(analogies.stream().map(a -> a.positiveTerms() == 0 ? null
                : Search.cosMul(a.terms().subList(0, a.positiveTerms()),
                        a.terms().subList(a.positiveTerms(), a.terms().size()), k)).toList(), restrictRows), EXACT);
    }

    @Override
    public boolean hasReferenceComponent() {
        return sifComponent != null;
    }

    /** Each text's weighted mean word vector, then the common component removed and unit length, as asked. */
    @Override
    public EncodedTexts encode(List<String> texts, TextEncoding encoding, OovPolicy policy) {
        if (encoding.prompt() != null) {
            throw new InvalidRequestException("prompt", "model '" + name() + "' is a word-vector model: prompts "
                    + "apply to contextual models");
        }
        List<SentenceEncoder.Encoded> encoded = encoding.weighting().equals("fasttext")
                ? fastTextSentences(texts, policy) : means(texts, encoding, policy);
        String source = null;
        if (encoding.removePc()) {
            float[] component = sifComponent;
            source = "reference";
            if (component == null) {
                component = fitOnRequest(encoded);
                source = "request";
            }
            encoded = transform(encoded, component, false);
        }
        if (encoding.normalize()) {
            encoded = transform(encoded, null, true);
        }
        return new EncodedTexts(encoded, source);
    }

    private List<SentenceEncoder.Encoded> means(List<String> texts, TextEncoding encoding, OovPolicy policy) {
        TokenWeights tokenWeights = switch (encoding.weighting()) {
            case "sif" -> sifWeights;
            case "weights" -> TokenWeights.given(encoding.weights(), 1f);
            default -> TokenWeights.uniform();
        };
        List<SentenceEncoder.Encoded> encoded = new ArrayList<>(texts.size());
        for (String text : texts) {
            encoded.add(sentences.encode(text, tokenWeights, policy, encoding.preNormalize()));
        }
        return encoded;
    }

    /** fastText's own sentence vectors ({@link FastTextSentences}); unknown words refused only under {@code error}. */
    private List<SentenceEncoder.Encoded> fastTextSentences(List<String> texts, OovPolicy policy) {
        if (subwords == null) {
            throw new InvalidRequestException("weighting", "'weighting': 'fasttext' is fastText's own sentence vector, "
                    + "for a model with fastText's n-grams (a fastText .bin, or gensim's FastText); model '" + name
                    + "' has none");
        }
        List<SentenceEncoder.Encoded> encoded = new ArrayList<>(texts.size());
        for (String text : texts) {
            SentenceEncoder.Encoded one = FastTextSentences.encode(text, vectors, subwords);
            if (policy.refusesUnknown() && !one.unknown().isEmpty()) {
                throw new UnknownWordException(name, one.unknown().stream().distinct().toList());
            }
            encoded.add(one);
        }
        return encoded;
    }

    private float[] fitOnRequest(List<SentenceEncoder.Encoded> encoded) {
        List<float[]> fitted = encoded.stream().map(SentenceEncoder.Encoded::vector)
                .filter(v -> v != null && VectorMath.norm(v) > 0).toList();
        if (fitted.size() < 2) {
            throw new InvalidRequestException("removePc", "'removePc' needs a common component: configure a "
                    + "reference set for model '" + name + "' (" + ModelSetting.of(name, "sif-reference")
                    + "), or send at least 2 texts with known words; this request has " + fitted.size());
        }
        return PrincipalComponent.first(fitted);
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

    /** Stops the batched searches, then frees the matrix once the engine work under way is done. */
    @Override
    public void close() {
        searches.close();
        vectors.close();
    }
}
