package dev.wordvec.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.SentenceEncoder;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cosine similarity in three forms: two words (gensim's {@code similarity}), two sets of words
 * (gensim's {@code n_similarity}: cosine of the sets' mean vectors), and one word against many.
 */
@RestController
class SimilarityController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    SimilarityController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record SimilarityRequest(String word1, String word2, List<String> words1, List<String> words2, String word,
            List<String> others, String text1, String text2, String model) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SimilarityResponse(String model, String word1, String word2, List<String> words1, List<String> words2,
            String word, String text1, String text2, Float similarity, List<Neighbor> similarities) {
    }

    @PostMapping("/similarity")
    SimilarityResponse similarity(@RequestBody SimilarityRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        LoadedModel loaded = registry.require(Requests.model(modelParameter, request.model()));
        boolean sets = request.words1() != null || request.words2() != null;
        boolean oneToMany = request.word() != null || request.others() != null;
        boolean pair = request.word1() != null || request.word2() != null;
        boolean texts = request.text1() != null || request.text2() != null;
        if ((sets ? 1 : 0) + (oneToMany ? 1 : 0) + (pair ? 1 : 0) + (texts ? 1 : 0) > 1) {
            throw new InvalidRequestException(null, "give one form: 'word1' and 'word2', 'words1' and 'words2', "
                    + "'word' and 'others', or 'text1' and 'text2'");
        }
        if (texts) {
            String text1 = Requests.requireLength("text1", Requests.requireText("text1", request.text1()),
                    limits.maxTextLength());
            String text2 = Requests.requireLength("text2", Requests.requireText("text2", request.text2()),
                    limits.maxTextLength());
            float similarity = SentenceEncoder.similarity(loaded.vectors(), loaded.name(), text1, text2);
            return new SimilarityResponse(loaded.name(), null, null, null, null, null, text1, text2, similarity, null);
        }
        if (sets) {
            List<String> words1 = Requests.requireList("words1", request.words1(), limits.maxWords());
            List<String> words2 = Requests.requireList("words2", request.words2(), limits.maxWords());
            List<String> all = new ArrayList<>(words1);
            all.addAll(words2);
            int[] rows = Requests.rowsOf(loaded, all);
            float similarity = loaded.vectors().setSimilarity(java.util.Arrays.copyOfRange(rows, 0, words1.size()),
                    java.util.Arrays.copyOfRange(rows, words1.size(), rows.length));
            return new SimilarityResponse(loaded.name(), null, null, words1, words2, null, null, null, similarity, null);
        }
        if (oneToMany) {
            String word = Requests.requireText("word", request.word());
            List<String> others = Requests.requireList("others", request.others(), limits.maxWords());
            List<String> all = new ArrayList<>(List.of(word));
            all.addAll(others);
            int[] rows = Requests.rowsOf(loaded, all);
            float[] similarities = loaded.vectors().similarities(rows[0], java.util.Arrays.copyOfRange(rows, 1, rows.length));
            List<Neighbor> result = new ArrayList<>();
            for (int i = 0; i < others.size(); i++) {
                result.add(new Neighbor(others.get(i), similarities[i]));
            }
            return new SimilarityResponse(loaded.name(), null, null, null, null, word, null, null, null, result);
        }
        String word1 = Requests.requireText("word1", request.word1());
        String word2 = Requests.requireText("word2", request.word2());
        int[] rows = Requests.rowsOf(loaded, List.of(word1, word2));
        return new SimilarityResponse(loaded.name(), word1, word2, null, null, null, null, null,
                loaded.vectors().similarity(rows[0], rows[1]), null);
    }
}
