package dev.wordvec.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.wordvec.http.LimitExceededException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import dev.wordvec.models.LoadedModel;
import dev.wordvec.query.TextEncoder;
import dev.wordvec.query.TextEncoding;
import dev.wordvec.query.WordModel;
import dev.wordvec.vectors.VectorMath;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.ModelSetting;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.vectors.WordMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cosine similarity in five forms: two words (gensim's {@code similarity}), many pairs of words,
 * two sets of words (gensim's {@code n_similarity}: cosine of the sets' mean vectors), one word
 * against many, and two texts (cosine of their sentence vectors).
 *
 * <p>Unknown words follow {@code oov}: {@code error} (404, the default for words), {@code skip}
 * (a null similarity, or the word left out of its set or text; the default for texts) or
 * {@code zero} (a zero vector, whose cosine with anything is 0).
 */
@RestController
@Tag(name = "words")
class SimilarityController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    SimilarityController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record SimilarityRequest(String word1, String word2, List<List<String>> pairs, List<String> words1,
            List<String> words2, String word, List<String> others, String text1, String text2, String weighting,
            Map<String, Float> weights, Boolean removePc, Boolean preNormalize, String prompt, Boolean rank,
            String oov, String model) {
    }

    /** {@code rank} only when the request asks for it. */
    record Scored(String word, Float similarity, @JsonInclude(JsonInclude.Include.NON_NULL) Integer rank) {
    }

    record PairSimilarity(String word1, String word2, Float similarity) {
    }

    /**
     * One response shape per form; a similarity is null when a word or text is unknown under
     * {@code oov=skip}. {@code form} names the shape, so that clients (and generated ones) can tell
     * them apart without guessing from the fields.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "form")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = WordsSimilarity.class, name = "words"),
        @JsonSubTypes.Type(value = PairsSimilarity.class, name = "pairs"),
        @JsonSubTypes.Type(value = SetsSimilarity.class, name = "sets"),
        @JsonSubTypes.Type(value = OneToManySimilarity.class, name = "one-to-many"),
        @JsonSubTypes.Type(value = TextsSimilarity.class, name = "texts")})
    sealed interface SimilarityResponse {
    }

    record WordsSimilarity(String model, String word1, String word2, Float similarity, List<String> unknown,
            Map<String, String> matched) implements SimilarityResponse {
    }

    record PairsSimilarity(String model, List<PairSimilarity> pairs, List<String> unknown,
            Map<String, String> matched) implements SimilarityResponse {
    }

    record SetsSimilarity(String model, List<String> words1, List<String> words2, Float similarity,
            List<String> unknown, Map<String, String> matched) implements SimilarityResponse {
    }

    record OneToManySimilarity(String model, String word, List<Scored> similarities, List<String> unknown,
            Map<String, String> matched) implements SimilarityResponse {
    }

    /** A contextual model answers {@code weighting} null and names its network's {@code pooling} instead. */
    record TextsSimilarity(String model, String text1, String text2, String weighting,
            @JsonInclude(JsonInclude.Include.NON_NULL) String pooling, Float similarity,
            List<String> unknown) implements SimilarityResponse {
    }

    @Operation(summary = "Cosine similarity of words, word sets or texts", description = """
            One form per request, with results equal to gensim's:
            - `{"word1", "word2"}`: gensim `similarity`;
            - `{"pairs": [[w1, w2], ...]}`: many pairs at once (up to `max-words` pairs);
            - `{"words1": [...], "words2": [...]}`: gensim `n_similarity`, the cosine of the two mean vectors;
            - `{"word", "others": [...]}`: one word against many; with `"rank": true`, each other word's \
            place among the word's nearest words too (gensim `rank`: 1 for its nearest);
            - `{"text1", "text2"}`: the cosine of two sentence vectors, with `weighting`, `weights`, \
            `removePc`, `preNormalize` and `prompt` as in `/sentence-vector`.

            `oov`: `error` (default for words: 404), `skip` (default for texts: a null similarity, or the \
            word left out of its set or text), `zero` (a zero vector: cosine 0).""")
    @Problems({400, 404, 413})
    @PostMapping("/similarity")
    SimilarityResponse similarity(@RequestBody SimilarityRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        LoadedModel model = registry.require(ModelRegistry.named(modelParameter, request.model()));
        boolean pair = request.word1() != null || request.word2() != null;
        boolean pairs = request.pairs() != null;
        boolean sets = request.words1() != null || request.words2() != null;
        boolean oneToMany = request.word() != null || request.others() != null;
        boolean texts = request.text1() != null || request.text2() != null;
        int forms = (pair ? 1 : 0) + (pairs ? 1 : 0) + (sets ? 1 : 0) + (oneToMany ? 1 : 0) + (texts ? 1 : 0);
        if (forms != 1) {
            throw new InvalidRequestException(null, "give exactly one form: 'word1' and 'word2', 'pairs', "
                    + "'words1' and 'words2', 'word' and 'others', or 'text1' and 'text2'");
        }
        if (!texts && (request.weighting() != null || request.weights() != null || request.removePc() != null
                || request.preNormalize() != null || request.prompt() != null)) {
            throw new InvalidRequestException(request.prompt() != null ? "prompt" : "weighting", "'weighting', "
                    + "'weights', 'removePc', 'preNormalize' and 'prompt' apply to 'text1' and 'text2' only");
        }
        if (request.rank() != null && !oneToMany) {
            throw new InvalidRequestException("rank", "'rank' applies to 'word' and 'others' only");
        }
        if (texts) {
            return texts(model.texts(), request);
        }
        WordModel loaded = model.words();
        OovPolicy policy = loaded.oov(Requests.oov(request.oov()), OovPolicy.ERROR);
        if (sets) {
            return sets(loaded, request, policy);
        }
        if (oneToMany) {
            return oneToMany(loaded, request, policy);
        }
        List<List<String>> wordPairs = pairs ? checkedPairs(request.pairs())
                : List.of(List.of(Requests.requireText("word1", request.word1()),
                        Requests.requireText("word2", request.word2())));
        List<String> all = wordPairs.stream().flatMap(List::stream).toList();
        List<WordMatch> matches = loaded.resolve(all, policy);
        Float[] similarities = pairSimilarities(loaded, matches, policy);
        List<String> unknown = WordModel.unknown(matches);
        Map<String, String> matched = WordModel.matched(matches);
        if (!pairs) {
            return new WordsSimilarity(loaded.name(), all.get(0), all.get(1), similarities[0], unknown, matched);
        }
        List<PairSimilarity> results = new ArrayList<>();
        for (int i = 0; i < wordPairs.size(); i++) {
            results.add(new PairSimilarity(all.get(2 * i), all.get(2 * i + 1), similarities[i]));
        }
        return new PairsSimilarity(loaded.name(), results, unknown, matched);
    }

    private List<List<String>> checkedPairs(List<List<String>> pairs) {
        if (pairs.isEmpty()) {
            throw new InvalidRequestException("pairs", "'pairs' must not be empty");
        }
        if (pairs.size() > limits.maxWords()) {
            throw new LimitExceededException("pairs", pairs.size(), limits.maxWords(), "pairs");
        }
        for (int i = 0; i < pairs.size(); i++) {
            List<String> p = pairs.get(i);
            if (p == null || p.size() != 2 || p.get(0) == null || p.get(1) == null) {
                throw new InvalidRequestException("pairs", "'pairs[" + i + "]' must be two words, [word1, word2]");
            }
        }
        return pairs;
    }

    /** The cosine of each consecutive pair of matches; an unknown word gives null (skip) or 0 (zero). */
    private static Float[] pairSimilarities(WordModel loaded, List<WordMatch> matches, OovPolicy policy) {
        int count = matches.size() / 2;
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (matches.get(2 * i).known() && matches.get(2 * i + 1).known()) {
                known.add(i);
            }
        }
        Float[] out = new Float[count];
        Arrays.fill(out, policy == OovPolicy.ZERO ? 0f : null);
        for (int i : known) {
            out[i] = loaded.similarity(matches.get(2 * i), matches.get(2 * i + 1));
        }
        return out;
    }

    private SimilarityResponse sets(WordModel loaded, SimilarityRequest request, OovPolicy policy) {
        List<String> words1 = Requests.requireList("words1", request.words1(), limits.maxWords());
        List<String> words2 = Requests.requireList("words2", request.words2(), limits.maxWords());
        List<WordMatch> matches1 = loaded.resolve(words1, policy);
        List<WordMatch> matches2 = loaded.resolve(words2, policy);
        List<WordMatch> known1 = matches1.stream().filter(WordMatch::known).toList();
        List<WordMatch> known2 = matches2.stream().filter(WordMatch::known).toList();
        // A zero vector in a set changes the length of its mean, never its direction: only an
        // all-unknown set changes the cosine, which is then 0.
        Float similarity = null;
        if (!known1.isEmpty() && !known2.isEmpty()) {
            similarity = loaded.setSimilarity(known1, known2);
        } else if (policy == OovPolicy.ZERO) {
            similarity = 0f;
        }
        List<WordMatch> all = new ArrayList<>(matches1);
        all.addAll(matches2);
        return new SetsSimilarity(loaded.name(), words1, words2, similarity, WordModel.unknown(all),
                WordModel.matched(all));
    }

    private SimilarityResponse oneToMany(WordModel loaded, SimilarityRequest request, OovPolicy policy) {
        String word = Requests.requireText("word", request.word());
        List<String> others = Requests.requireList("others", request.others(), limits.maxWords());
        List<String> all = new ArrayList<>(others.size() + 1);
        all.add(word);
        all.addAll(others);
        List<WordMatch> matches = loaded.resolve(all, policy);
        List<WordMatch> asPairs = new ArrayList<>();
        for (WordMatch other : matches.subList(1, matches.size())) {
            asPairs.add(matches.get(0));
            asPairs.add(other);
        }
        Float[] similarities = pairSimilarities(loaded, asPairs, policy);
        Integer[] ranks = Boolean.TRUE.equals(request.rank())
                ? loaded.ranks(matches.get(0), matches.subList(1, matches.size())) : new Integer[others.size()];
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            scored.add(new Scored(others.get(i), similarities[i], ranks[i]));
        }
        return new OneToManySimilarity(loaded.name(), word, scored, WordModel.unknown(matches),
                WordModel.matched(matches));
    }

    private SimilarityResponse texts(TextEncoder encoder, SimilarityRequest request) {
        String text1 = Requests.requireLength("text1", Requests.requireText("text1", request.text1()),
                limits.maxTextLength());
        String text2 = Requests.requireLength("text2", Requests.requireText("text2", request.text2()),
                limits.maxTextLength());
        TextEncoding encoding = TextEncoding.of(request.weighting(),
                Requests.requireWeights(request.weights(), limits.maxWords()), request.removePc(), false,
                request.preNormalize()).withPrompt(request.prompt());
        if (encoding.removePc() && !encoder.hasReferenceComponent()) {
            throw new InvalidRequestException("removePc", "'removePc' with two texts needs a reference set for "
                    + "model '" + encoder.name() + "' (" + ModelSetting.of(encoder.name(), "sif-reference") + ")");
        }
        List<SentenceEncoder.Encoded> encoded = encoder.encode(List.of(text1, text2), encoding,
                encoder.oov(Requests.oov(request.oov()), OovPolicy.SKIP)).texts();
        requireWords("text1", encoded.get(0));
        requireWords("text2", encoded.get(1));
        float[] v1 = encoded.get(0).vector();
        float[] v2 = encoded.get(1).vector();
        Float similarity = v1 == null || v2 == null ? null : VectorMath.cosine(v1, v2);
        List<String> unknown = new ArrayList<>(encoded.get(0).unknown());
        encoded.get(1).unknown().stream().filter(w -> !unknown.contains(w)).forEach(unknown::add);
        return new TextsSimilarity(encoder.name(), text1, text2, encoder.weighting(encoding), encoder.pooling(),
                similarity, unknown);
    }

    /**
     * Refuses a text in which the model found nothing to read, as the model reads it: the service's
     * words for a word-vector model's means, whitespace-separated words for {@code "weighting":
     * "fasttext"} (where a classifier's empty text still has its end of sentence), word pieces for
     * a contextual model (never none).
     */
    private static void requireWords(String field, SentenceEncoder.Encoded text) {
        if (text.tokens().isEmpty() && text.vector() == null) {
            throw new InvalidRequestException(field, "'" + field + "' has no words");
        }
    }
}
