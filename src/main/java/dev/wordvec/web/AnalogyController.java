package dev.wordvec.web;

import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.Term;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Analogies (king - man + woman): {@code add} is gensim's {@code most_similar} (3CosAdd), {@code mul}
 * its {@code most_similar_cosmul} (3CosMul). Input words are never answers.
 */
@RestController
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
    record AnalogyRequest(List<Object> positive, List<Object> negative, Integer k, String method,
            Integer restrictVocab, String model) {
    }

    record AnalogyResponse(String model, String method, List<String> positive, List<String> negative,
            List<Neighbor> results) {
    }

    private record Weighted(String word, float weight, boolean explicit) {
    }

    @PostMapping("/analogy")
    AnalogyResponse analogy(@RequestBody AnalogyRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        LoadedModel loaded = registry.require(Requests.model(modelParameter, request.model()));
        String method = request.method() == null ? "add" : request.method();
        if (!method.equals("add") && !method.equals("mul")) {
            throw new InvalidRequestException("method", "'method' is 'add' (3CosAdd) or 'mul' (3CosMul), not '"
                    + method + "'");
        }
        List<Weighted> positive = weighted("positive", request.positive(), 1);
        List<Weighted> negative = weighted("negative", request.negative(), -1);
        if (positive.isEmpty()) {
            throw new InvalidRequestException("positive", "'positive' needs at least one word");
        }
        if (positive.size() + negative.size() > limits.maxWords()) {
            throw new LimitExceededException("positive", positive.size() + negative.size(), limits.maxWords(), "words");
        }
        int k = Requests.k(request.k(), limits.maxK());
        int restrict = Requests.restrictVocab(request.restrictVocab());
        List<String> positiveWords = positive.stream().map(Weighted::word).toList();
        List<String> negativeWords = negative.stream().map(Weighted::word).toList();
        List<String> all = new ArrayList<>(positiveWords);
        all.addAll(negativeWords);
        int[] rows = Requests.rowsOf(loaded, all);
        List<Neighbor> results;
        if (method.equals("mul")) {
            if (positive.stream().anyMatch(Weighted::explicit) || negative.stream().anyMatch(Weighted::explicit)) {
                throw new InvalidRequestException("positive", "weights apply to method 'add' only, as in gensim");
            }
            results = loaded.vectors().mostSimilarCosMul(java.util.Arrays.copyOfRange(rows, 0, positive.size()),
                    java.util.Arrays.copyOfRange(rows, positive.size(), rows.length), k, restrict);
        } else {
            List<Term> terms = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Weighted w = i < positive.size() ? positive.get(i) : negative.get(i - positive.size());
                terms.add(Term.word(rows[i], w.weight()));
            }
            results = loaded.vectors().mostSimilar(List.of(terms), k, restrict, Float.NEGATIVE_INFINITY).get(0);
        }
        return new AnalogyResponse(loaded.name(), method, positiveWords, negativeWords, results);
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
                    && pair.get(1) instanceof Number weight) {
                out.add(new Weighted(word, weight.floatValue(), true));
            } else {
                throw new InvalidRequestException(field, "'" + field + "[" + i + "]' must be a word or a "
                        + "[word, weight] pair");
            }
        }
        return out;
    }
}
