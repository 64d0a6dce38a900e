package dev.wordvec.web;

import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.vectors.UnknownWordException;
import dev.wordvec.vectors.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cosine similarity of two words, equal to gensim's {@code KeyedVectors.similarity}. */
@RestController
class SimilarityController {

    private final ModelRegistry registry;

    SimilarityController(ModelRegistry registry) {
        this.registry = registry;
    }

    record SimilarityRequest(String word1, String word2, String model) {
    }

    record SimilarityResponse(String model, String word1, String word2, float similarity) {
    }

    @PostMapping("/similarity")
    SimilarityResponse similarity(@RequestBody SimilarityRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        LoadedModel loaded = registry.require(Requests.model(modelParameter, request.model()));
        String word1 = Requests.requireText("word1", request.word1());
        String word2 = Requests.requireText("word2", request.word2());
        Vocabulary vocabulary = loaded.vectors().vocabulary();
        int row1 = vocabulary.rowOf(word1);
        int row2 = vocabulary.rowOf(word2);
        if (row1 < 0 || row2 < 0) {
            List<String> unknown = new ArrayList<>();
            if (row1 < 0) {
                unknown.add(word1);
            }
            if (row2 < 0 && !word2.equals(word1)) {
                unknown.add(word2);
            }
            throw new UnknownWordException(loaded.name(), unknown);
        }
        return new SimilarityResponse(loaded.name(), word1, word2, loaded.vectors().similarity(row1, row2));
    }
}
