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
import dev.wordvec.vectors.VectorMath;
import dev.wordvec.vectors.WordMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Nearest words by cosine, as gensim's {@code most_similar} / {@code similar_by_vector}: over the
 * whole vocabulary (or its first {@code restrictVocab} rows), the query word left out; exact, or
 * through the model's HNSW index when it has one and the request does not ask for {@code exact}.
 * The answer's {@code search} says which.
 */
@RestController
@Tag(name = "words")
class NeighborsController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    NeighborsController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    /** One query: a word, or a vector (searched as given, made unit length). */
    record Query(String word, float[] vector) {
    }

    record NeighborsRequest(String word, float[] vector, List<Query> queries, Integer k, Float minSimilarity,
            Integer restrictVocab, String oov, String model, Boolean exact) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NeighborsResult(String word, List<Neighbor> neighbors) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NeighborsResponse(String model, String word, List<Neighbor> neighbors, List<NeighborsResult> results,
            List<String> unknown, Map<String, String> matched, String search) {
    }

    @Operation(operationId = "neighborsOfWord", summary = "Nearest words", description = "gensim's `most_similar(word, topn=k)`: cosine "
            + "search over the vocabulary, the word itself left out; exact, or through the model's HNSW index "
            + "when it has one (`search` says which; `exact=true` forces the exact search).")
    @Problems({400, 404, 413})
    @GetMapping("/neighbors/{word}")
    NeighborsResponse neighbors(@PathVariable String word,
            @Parameter(description = "how many (default 10, at most max-k)") @RequestParam(required = false) Integer k,
            @Parameter(description = "leave out words less similar than this") @RequestParam(required = false)
            Float minSimilarity,
            @Parameter(description = "search the first N (most frequent) words only, as gensim's restrict_vocab")
            @RequestParam(required = false) Integer restrictVocab,
            @Parameter(description = "true: score every word, even when the model has an HNSW index (default false)")
            @RequestParam(required = false) Boolean exact,
            @Parameter(description = "unknown word: error (404) or skip (no neighbours); subword (a fastText model's n-grams)") @RequestParam(required = false)
            String oov,
            @Parameter(description = "model name; the default model when left out") @RequestParam(required = false) String model) {
        return neighbors(new NeighborsRequest(word, null, null, k, minSimilarity, restrictVocab, oov, null, exact),
                model);
    }

    @Operation(summary = "Nearest words, by word, by vector, or many at once", description = """
            Body: `{"word"}`, `{"vector": [...]}` (gensim `similar_by_vector`), or `{"queries": [{"word"} | \
            {"vector"}, ...]}` (up to `max-queries`, scored in one matrix product); with `k`, \
            `minSimilarity`, `restrictVocab`, `oov` (`error` or `skip`) and `exact`.""")
    @Problems({400, 404, 413})
    @PostMapping("/neighbors")
    NeighborsResponse neighbors(@RequestBody NeighborsRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        WordModel loaded = registry.require(ModelRegistry.named(modelParameter, request.model())).words();
        int k = Requests.k(request.k(), limits.maxK());
        int restrict = Requests.restrictVocab(request.restrictVocab());
        float minSimilarity = Requests.minSimilarity(request.minSimilarity());
        boolean batch = request.queries() != null;
        if (batch && (request.word() != null || request.vector() != null)) {
            throw new InvalidRequestException("queries", "give 'queries', or one 'word' or 'vector', not both");
        }
        List<Query> queries = batch ? request.queries() : List.of(new Query(request.word(), request.vector()));
        if (batch && queries.isEmpty()) {
            throw new InvalidRequestException("queries", "'queries' must not be empty");
        }
        if (queries.size() > limits.maxQueries()) {
            throw new LimitExceededException("queries", queries.size(), limits.maxQueries(), "queries");
        }
        OovPolicy policy = loaded.searchOov(Requests.oov(request.oov()), OovPolicy.ERROR);
        List<WordMatch> matches = new ArrayList<>();
        List<List<Term>> terms = new ArrayList<>();
        for (Query query : queries) {
            checkQuery(loaded, query, batch);
            if (query.vector() != null) {
                terms.add(List.of(Term.vector(query.vector(), 1)));
                continue;
            }
            WordMatch match = loaded.resolve(List.of(query.word()), policy).get(0);
            matches.add(match);
            List<Term> term = match.known() ? List.of(loaded.term(match, 1)) : List.of();
            if (!term.isEmpty() && !loaded.hasDirection(term)) {
                throw new InvalidRequestException(batch ? "queries" : "word", loaded.noDirection(List.of(match)));
            }
            terms.add(term);
        }
        // Unknown words (under oov=skip) get no neighbours; the others are searched in one product.
        WordModel.Found found = loaded.neighbors(terms, k, minSimilarity, restrict, Boolean.TRUE.equals(request.exact()));
        List<List<Neighbor>> neighbors = found.neighbors();
        List<String> unknown = WordModel.unknown(matches);
        Map<String, String> matched = WordModel.matched(matches);
        if (!batch) {
            return new NeighborsResponse(loaded.name(), request.word(), neighbors.get(0), null, unknown, matched,
                    found.search());
        }
        List<NeighborsResult> results = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            results.add(new NeighborsResult(queries.get(i).word(), neighbors.get(i)));
        }
        return new NeighborsResponse(loaded.name(), null, null, results, unknown, matched, found.search());
    }

    private static void checkQuery(WordModel loaded, Query query, boolean batch) {
        String field = batch ? "queries" : "word";
        if (query == null || (query.word() == null) == (query.vector() == null)) {
            throw new InvalidRequestException(field, "each query needs exactly one of 'word' or 'vector'");
        }
        int dimension = loaded.vectors().dimension();
        if (query.vector() != null && query.vector().length != dimension) {
            throw new InvalidRequestException("vector", "'vector' has " + query.vector().length
                    + " values; model '" + loaded.name() + "' has dimension " + dimension);
        }
        // A number past float32's range (1e39) arrives as an infinity: its cosines would be NaN, and
        // the answer no neighbours.
        float[] vector = query.vector() == null ? new float[0] : query.vector();
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new InvalidRequestException("vector", "'vector' value " + i + " is not a finite float32 (was "
                        + vector[i] + ": past +-3.4e38, the largest float32)");
            }
        }
        // gensim answers a zero vector with words in no order, each at cosine 0: that is no answer.
        if (query.vector() != null && VectorMath.norm(vector) == 0) {
            throw new InvalidRequestException("vector", "'vector' is all zeros: it has no direction, so no word is "
                    + "nearer to it than another (its cosine with each is 0)");
        }
    }
}
