package dev.wordvec.web;

import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.UnknownWordException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The word that fits least, as gensim's {@code doesnt_match}, with the ranking behind it
 * ({@code rank_by_centrality}). Unknown words are left out, as gensim does, and listed in {@code missing}.
 */
@RestController
class DoesntMatchController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    DoesntMatchController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record DoesntMatchRequest(List<String> words, String model) {
    }

    /** {@code ranking}: each known word's cosine with the group's mean, most central first. */
    record DoesntMatchResponse(String model, String word, List<Neighbor> ranking, List<String> missing) {
    }

    @PostMapping("/doesnt-match")
    DoesntMatchResponse doesntMatch(@RequestBody DoesntMatchRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        LoadedModel loaded = registry.require(Requests.model(modelParameter, request.model()));
        List<String> words = Requests.requireList("words", request.words(), limits.maxWords());
        List<String> known = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String word : words) {
            (loaded.vectors().vocabulary().contains(word) ? known : missing).add(word);
        }
        if (known.isEmpty()) {
            throw new UnknownWordException(loaded.name(), missing);
        }
        float[] centrality = loaded.vectors().centrality(Requests.rowsOf(loaded, known));
        List<Neighbor> ranking = new ArrayList<>();
        for (int i = 0; i < known.size(); i++) {
            ranking.add(new Neighbor(known.get(i), centrality[i]));
        }
        // gensim sorts (similarity, word) pairs in reverse and takes the last: ties go to the smaller word.
        ranking.sort(Comparator.comparing(Neighbor::similarity).thenComparing(Neighbor::word).reversed());
        return new DoesntMatchResponse(loaded.name(), ranking.get(ranking.size() - 1).word(), ranking, missing);
    }
}
