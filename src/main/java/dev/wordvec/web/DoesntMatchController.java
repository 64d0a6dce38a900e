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
import dev.wordvec.query.UnknownWordException;
import dev.wordvec.vectors.WordMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The word that fits least, as gensim's {@code doesnt_match}, with the ranking behind it
 * ({@code rank_by_centrality}). Unknown words are left out by default, as gensim does, and listed
 * in {@code unknown}; {@code oov=error} refuses them instead. Many groups can be asked at once.
 */
@RestController
@Tag(name = "words")
class DoesntMatchController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    DoesntMatchController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record DoesntMatchRequest(List<String> words, List<List<String>> groups, String oov, String model) {
    }

    /** {@code ranking}: each known word's cosine with the group's mean, most central first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GroupResult(String word, List<Neighbor> ranking, List<String> unknown,
            Map<String, String> matched) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DoesntMatchResponse(String model, String word, List<Neighbor> ranking, List<GroupResult> groups,
            List<String> unknown, Map<String, String> matched) {
    }

    @Operation(summary = "The odd one out", description = """
            Body: `{"words": [...]}` or `{"groups": [[...], ...]}` (up to `max-queries`). gensim's \
            `doesnt_match`, with the ranking behind it (cosine with the group's mean, most central \
            first). Unknown words are left out (`oov=skip`, as gensim) or refused (`oov=error`).""")
    @Problems({400, 404, 413})
    @PostMapping("/doesnt-match")
    DoesntMatchResponse doesntMatch(@RequestBody DoesntMatchRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        WordModel loaded = registry.require(ModelRegistry.named(modelParameter, request.model())).words();
        OovPolicy policy = loaded.searchOov(Requests.oov(request.oov()), OovPolicy.SKIP);
        if ((request.words() == null) == (request.groups() == null)) {
            throw new InvalidRequestException("words", "give 'words' (one group) or 'groups' (a list of groups)");
        }
        if (request.words() != null) {
            GroupResult one = rank(loaded, Requests.requireList("words", request.words(), limits.maxWords()), policy);
            return new DoesntMatchResponse(loaded.name(), one.word(), one.ranking(), null, one.unknown(), one.matched());
        }
        List<List<String>> groups = request.groups();
        if (groups.isEmpty()) {
            throw new InvalidRequestException("groups", "'groups' must not be empty");
        }
        if (groups.size() > limits.maxQueries()) {
            throw new LimitExceededException("groups", groups.size(), limits.maxQueries(), "groups");
        }
        List<GroupResult> results = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            results.add(rank(loaded, Requests.requireList("groups[" + i + "]", groups.get(i), limits.maxWords()),
                    policy));
        }
        return new DoesntMatchResponse(loaded.name(), null, null, results, null, null);
    }

    private static GroupResult rank(WordModel loaded, List<String> words, OovPolicy policy) {
        List<WordMatch> matches = loaded.resolve(words, policy);
        List<WordMatch> known = matches.stream().filter(WordMatch::known).toList();
        if (known.isEmpty()) {
            throw new UnknownWordException(loaded.name(), WordModel.unknown(matches));
        }
        List<Neighbor> ranking = loaded.rankByCentrality(known);
        return new GroupResult(ranking.get(ranking.size() - 1).word(), ranking, WordModel.unknown(matches),
                WordModel.matched(matches));
    }
}
