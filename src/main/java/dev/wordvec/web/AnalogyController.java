package dev.wordvec.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import dev.wordvec.http.LimitExceededException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wordvec.query.WordModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.vectors.Term;
import dev.wordvec.vectors.WordMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Analogies (king - man + woman): {@code add} is gensim's {@code most_similar} (3CosAdd), {@code mul}
 * its {@code most_similar_cosmul} (3CosMul). Input words are never answers. Many analogies can be
 * asked at once ({@code queries}); with {@code add} they are scored in one matrix product.
 */
@RestController
@Tag(name = "words")
class AnalogyController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    AnalogyController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    /**
     * Each of {@code positive} and {@code negative} holds words, or {@code [word, weight]} pairs as
     * gensim's {@code (word, weight)} tuples (the weight used as given; plain words weigh +1 and -1).
     */
    record Analogy(List<Object> positive, List<Object> negative) {
    }

    record AnalogyRequest(List<Object> positive, List<Object> negative, List<Analogy> queries, Integer k,
            String method, Integer restrictVocab, String oov, String model, Boolean exact) {
    }

    /** One analogy's answers; {@code unknown} words were left out under {@code oov=skip}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AnalogyResult(List<String> positive, List<String> negative, List<Neighbor> results, List<String> unknown,
            Map<String, String> matched) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AnalogyResponse(String model, String method, List<String> positive, List<String> negative,
            List<Neighbor> results, List<AnalogyResult> queries, List<String> unknown,
            Map<String, String> matched, String search) {
    }

    private record Weighted(String word, float weight, boolean explicit) {
    }

    /** An analogy as parsed and looked up: its known words as terms, positive first. */
    private record Parsed(List<String> positive, List<String> negative, List<WordMatch> matches,
            WordModel.Analogy terms) {
    }

    @Operation(summary = "Analogies: king - man + woman", description = """
            Body: `{"positive": [...], "negative": [...], "k", "method", "restrictVocab", "oov"}`, or \
            `{"queries": [{"positive", "negative"}, ...]}` for many (up to `max-queries`). `method`: `add` \
            (default; gensim `most_similar`, 3CosAdd; words may be `[word, weight]` pairs) or `mul` (gensim \
            `most_similar_cosmul`, 3CosMul). `negative` alone (with `add`) asks for the words least like them, as \
            gensim's `most_similar(negative=...)`. Input words are never answers. `oov`: `error` or `skip`. With an HNSW \
            index, `add` searches it unless `exact` is true; `mul` is always exact. `search` says which.""")
    @Problems({400, 404, 413})
    @PostMapping("/analogy")
    AnalogyResponse analogy(@RequestBody AnalogyRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        WordModel loaded = registry.require(ModelRegistry.named(modelParameter, request.model())).words();
        String method = request.method() == null ? "add" : request.method();
        if (!method.equals("add") && !method.equals("mul")) {
            throw new InvalidRequestException("method", "'method' is 'add' (3CosAdd) or 'mul' (3CosMul), not '"
                    + method + "'");
        }
        boolean batch = request.queries() != null;
        if (batch && (request.positive() != null || request.negative() != null)) {
            throw new InvalidRequestException("queries", "give 'queries', or one 'positive'/'negative', not both");
        }
        if (batch && request.queries().isEmpty()) {
            throw new InvalidRequestException("queries", "'queries' must not be empty");
        }
        List<Analogy> analogies = batch ? request.queries() : List.of(new Analogy(request.positive(), request.negative()));
        if (analogies.size() > limits.maxQueries()) {
            throw new LimitExceededException("queries", analogies.size(), limits.maxQueries(), "queries");
        }
        int k = Requests.k(request.k(), limits.maxK());
        int restrict = Requests.restrictVocab(request.restrictVocab());
        OovPolicy policy = loaded.searchOov(Requests.oov(request.oov()), OovPolicy.ERROR);
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < analogies.size(); i++) {
            parsed.add(parse(loaded, analogies.get(i), batch ? "queries[" + i + "]." : "", method, policy));
        }
        WordModel.Found found = loaded.analogies(parsed.stream().map(Parsed::terms).toList(),
                method.equals("mul"), k, restrict, Boolean.TRUE.equals(request.exact()));
        List<List<Neighbor>> answers = found.neighbors();
        List<AnalogyResult> results = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            Parsed p = parsed.get(i);
            results.add(new AnalogyResult(p.positive(), p.negative(), answers.get(i), WordModel.unknown(p.matches()),
                    WordModel.matched(p.matches())));
        }
        if (batch) {
            return new AnalogyResponse(loaded.name(), method, null, null, null, results, null, null, found.search());
        }
        AnalogyResult one = results.get(0);
        return new AnalogyResponse(loaded.name(), method, one.positive(), one.negative(), one.results(), null,
                one.unknown(), one.matched(), found.search());
    }

    private Parsed parse(WordModel loaded, Analogy analogy, String prefix, String method, OovPolicy policy) {
        if (analogy == null) {
            throw new InvalidRequestException("queries", "'" + prefix + "' is null");
        }
        List<Weighted> positive = weighted(prefix + "positive", analogy.positive(), 1);
        List<Weighted> negative = weighted(prefix + "negative", analogy.negative(), -1);
        if (positive.isEmpty() && method.equals("mul")) {
            throw new InvalidRequestException(prefix + "positive", "'" + prefix + "positive' needs at least one word "
                    + "for method 'mul' (3CosMul divides the product of the positive words' cosines)");
        }
        if (positive.isEmpty() && negative.isEmpty()) {
            throw new InvalidRequestException(prefix + "positive", "'" + prefix + "positive' or '" + prefix
                    + "negative' needs at least one word");
        }
        if (positive.size() + negative.size() > limits.maxWords()) {
            throw new LimitExceededException(prefix + "positive", positive.size() + negative.size(), limits.maxWords(),
                    "words");
        }
        boolean weighted = positive.stream().anyMatch(Weighted::explicit) || negative.stream().anyMatch(Weighted::explicit);
        if (weighted && method.equals("mul")) {
            throw new InvalidRequestException(prefix + "positive", "weights apply to method 'add' only, as in gensim");
        }
        List<Weighted> all = new ArrayList<>(positive);
        all.addAll(negative);
        if (all.stream().allMatch(w -> w.weight() == 0)) {
            throw new InvalidRequestException(prefix + "positive", "every weight is 0: the query would be a zero "
                    + "vector, which has no direction, so no word is nearer to it than another");
        }
        List<WordMatch> matches = loaded.resolve(all.stream().map(Weighted::word).toList(), policy);
        List<Term> terms = new ArrayList<>();
        int positiveTerms = 0;
        for (int i = 0; i < all.size(); i++) {
            if (matches.get(i).known()) {
                terms.add(loaded.term(matches.get(i), all.get(i).weight()));
                positiveTerms += i < positive.size() ? 1 : 0;
            }
        }
        // Positive words asked for and none known (under oov=skip): no answers, rather than the words
        // least like the negative ones. With none asked for, that is the question (gensim's
        // most_similar(negative=[...])).
        if (!positive.isEmpty() && positiveTerms == 0) {
            terms.clear();
        }
        // 3CosMul takes each word's cosines apart: one word with a direction is enough.
        if (!terms.isEmpty() && !(method.equals("mul") ? terms.stream().anyMatch(t -> loaded.hasDirection(List.of(t)))
                : loaded.hasDirection(terms))) {
            throw new InvalidRequestException(prefix + "positive",
                    loaded.noDirection(matches.stream().filter(WordMatch::known).toList()));
        }
        return new Parsed(positive.stream().map(Weighted::word).toList(), negative.stream().map(Weighted::word).toList(),
                matches, new WordModel.Analogy(terms, positiveTerms));
    }

    private static List<Weighted> weighted(String field, List<Object> items, float defaultWeight) {
        if (items == null) {
            return List.of();
        }
        List<Weighted> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof String word) {
                out.add(new Weighted(word, defaultWeight, false));
            } else if (item instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String word
                    && pair.get(1) instanceof Number weight && Float.isFinite(weight.floatValue())) {
                out.add(new Weighted(word, weight.floatValue(), true));
            } else {
                throw new InvalidRequestException(field, "'" + field + "[" + i + "]' must be a word or a "
                        + "[word, weight] pair with a finite weight");
            }
        }
        return out;
    }
}
