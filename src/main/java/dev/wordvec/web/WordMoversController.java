package dev.wordvec.web;

import dev.wordvec.http.LimitExceededException;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.WordModel;
import dev.wordvec.query.WordMoversDistance;
import dev.wordvec.vectors.WordMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Word Mover's Distance between two texts or two lists of words (gensim's {@code wmdistance}),
 * with the plan behind it: which words travel to which, and how far; and documents ranked by it
 * (gensim's {@code WmdSimilarity}).
 */
@RestController
@Tag(name = "words")
class WordMoversController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    WordMoversController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record WordMoversRequest(String text1, String text2, List<String> words1, List<String> words2,
            Boolean normalize, String oov, String model) {
    }

    record WordMoversResponse(String model, Double distance, List<WordMoversDistance.Move> moves,
            List<String> unknown, Map<String, String> matched) {
    }

    @Operation(summary = "Word Mover's Distance between two texts", description = """
            Body: `{"text1", "text2"}` (tokenised as sentence vectors are) or `{"words1": [...], \
            "words2": [...]}` (the words as given, like gensim's token lists); up to `max-words` words \
            each. gensim's `wmdistance`: the least total distance the first document's words must \
            travel to become the second's, each document weighted by its words' frequencies, distances \
            between unit vectors (`"normalize": false`: the vectors as stored). 0 for the same words; \
            lower is closer. `moves` is the plan: the mass (a fraction of the document) carried from \
            each word to each, and the distance, the largest contributions first.

            Unknown words are left out (`oov=skip`, as gensim; a fastText model answers them from \
            subwords) or refused (`oov=error`, 404). `distance` is null when a document has no known \
            word (gensim answers infinity).""")
    @Problems({400, 404, 413})
    @PostMapping("/word-movers-distance")
    WordMoversResponse distance(@RequestBody WordMoversRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        WordModel loaded = registry.require(ModelRegistry.named(modelParameter, request.model())).words();
        boolean texts = request.text1() != null || request.text2() != null;
        boolean words = request.words1() != null || request.words2() != null;
        if (texts == words) {
            throw new InvalidRequestException(null, "give 'text1' and 'text2', or 'words1' and 'words2'");
        }
        OovPolicy policy = loaded.searchOov(Requests.oov(request.oov()), OovPolicy.SKIP);
        List<WordMatch> document1 = texts ? text(loaded, "text1", request.text1(), policy)
                : loaded.resolve(Requests.requireList("words1", request.words1(), limits.maxWords()), policy);
        List<WordMatch> document2 = texts ? text(loaded, "text2", request.text2(), policy)
                : loaded.resolve(Requests.requireList("words2", request.words2(), limits.maxWords()), policy);
        WordMoversDistance result = WordMoversDistance.between(loaded, document1, document2,
                request.normalize() == null || request.normalize());
        List<WordMatch> all = new ArrayList<>(document1);
        all.addAll(document2);
        return new WordMoversResponse(loaded.name(), result.distance(), result.moves(), WordModel.unknown(all),
                WordModel.matched(all));
    }

    record WordMoversRankingRequest(String text, List<String> documents, Integer k, Boolean normalize, String oov,
            String model) {
    }

    record WordMoversRankingResponse(String model, List<WordMoversDistance.Ranked> results, List<String> unknown,
            Map<String, String> matched) {
    }

    @Operation(summary = "Documents ranked by their Word Mover's Distance from a text", description = """
            Body: `{"text", "documents": [...]}`, up to `max-queries` documents of up to `max-words` words \
            each, and `k` (default: all). gensim's `WmdSimilarity` with `num_best`: each document's exact \
            distance from the text (as `/word-movers-distance` computes it), the nearest first, ties in \
            request order, with gensim's similarity 1 / (1 + distance). A document with no known word comes \
            last, with a null distance and similarity 0. `normalize` and `oov` as in `/word-movers-distance`. \
            Use it to re-rank a short list, such as the nearest texts by sentence vector.""")
    @Problems({400, 404, 413})
    @PostMapping("/word-movers-ranking")
    WordMoversRankingResponse ranking(@RequestBody WordMoversRankingRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        WordModel loaded = registry.require(ModelRegistry.named(modelParameter, request.model())).words();
        OovPolicy policy = loaded.searchOov(Requests.oov(request.oov()), OovPolicy.SKIP);
        List<WordMatch> query = text(loaded, "text", request.text(), policy);
        List<String> documents = request.documents();
        if (documents == null || documents.isEmpty()) {
            throw new InvalidRequestException("documents", "'documents' is required: the texts to rank, at least one");
        }
        if (documents.size() > limits.maxQueries()) {
            throw new LimitExceededException("documents", documents.size(), limits.maxQueries(), "documents");
        }
        int k = request.k() == null ? documents.size() : Requests.k(request.k(), limits.maxK());
        List<List<WordMatch>> matched = new ArrayList<>(documents.size());
        List<WordMatch> all = new ArrayList<>(query);
        for (int i = 0; i < documents.size(); i++) {
            List<WordMatch> document = text(loaded, "documents[" + i + "]", documents.get(i), policy);
            matched.add(document);
            all.addAll(document);
        }
        return new WordMoversRankingResponse(loaded.name(), WordMoversDistance.rank(loaded, query, matched,
                request.normalize() == null || request.normalize(), k), WordModel.unknown(all), WordModel.matched(all));
    }

    /** A text's words, at most {@code max-words} of them (the plan's cost grows with their square). */
    private List<WordMatch> text(WordModel loaded, String field, String text, OovPolicy policy) {
        Requests.requireLength(field, Requests.requireText(field, text), limits.maxTextLength());
        List<WordMatch> matches = loaded.resolveText(text, policy);
        if (matches.isEmpty()) {
            throw new InvalidRequestException(field, "'" + field + "' has no words");
        }
        if (matches.size() > limits.maxWords()) {
            throw new LimitExceededException(field, matches.size(), limits.maxWords(), "words");
        }
        return matches;
    }
}
