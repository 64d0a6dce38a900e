package dev.wordvec.web;

import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.vectors.UnknownWordException;
import dev.wordvec.vectors.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The vector of a word, or of many words at once. Words match exactly, as in gensim. */
@RestController
class VectorController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    VectorController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record VectorResponse(String model, String word, int dimension, float[] vector) {
    }

    record VectorsRequest(List<String> words, String model) {
    }

    /** One word's vector; null when the model does not know the word (it is then listed in {@code missing}). */
    record WordVector(String word, float[] vector) {
    }

    record VectorsResponse(String model, int dimension, List<WordVector> vectors, List<String> missing) {
    }

    @GetMapping("/vector/{word}")
    VectorResponse vector(@PathVariable String word, @RequestParam(required = false) String model) {
        LoadedModel loaded = registry.require(model);
        int row = loaded.vectors().vocabulary().rowOf(word);
        if (row < 0) {
            throw new UnknownWordException(loaded.name(), List.of(word));
        }
        return new VectorResponse(loaded.name(), word, loaded.vectors().dimension(), loaded.vectors().vector(row));
    }

    /** Membership test without a body: 200 when the model knows the word, 404 when not. */
    @RequestMapping(value = "/vector/{word}", method = RequestMethod.HEAD)
    ResponseEntity<Void> contains(@PathVariable String word, @RequestParam(required = false) String model) {
        boolean known = registry.require(model).vectors().vocabulary().contains(word);
        return known ? ResponseEntity.ok().build() : ResponseEntity.notFound().build();
    }

    @PostMapping("/vectors")
    VectorsResponse vectors(@RequestBody VectorsRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        LoadedModel loaded = registry.require(Requests.model(modelParameter, request.model()));
        List<String> words = Requests.requireList("words", request.words(), limits.maxWords());
        Vocabulary vocabulary = loaded.vectors().vocabulary();
        int[] rows = words.stream().mapToInt(vocabulary::rowOf).toArray();
        float[][] found = loaded.vectors().vectors(java.util.Arrays.stream(rows).filter(r -> r >= 0).toArray());
        List<WordVector> vectors = new ArrayList<>(words.size());
        List<String> missing = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < words.size(); i++) {
            if (rows[i] >= 0) {
                vectors.add(new WordVector(words.get(i), found[next++]));
            } else {
                vectors.add(new WordVector(words.get(i), null));
                missing.add(words.get(i));
            }
        }
        return new VectorsResponse(loaded.name(), loaded.vectors().dimension(), vectors, missing);
    }
}
