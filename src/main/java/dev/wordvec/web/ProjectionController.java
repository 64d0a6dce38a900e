package dev.wordvec.web;

import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.WordModel;
import dev.wordvec.reduction.Pca;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.WordMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A map of a few words: their vectors in the coordinates of their own first principal components
 * (the project's PCA, as {@code reduce} uses), for the explorer page's picture of a word and its
 * neighbours.
 */
@RestController
@Tag(name = "words")
class ProjectionController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    ProjectionController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record ProjectionRequest(String word, Integer k, List<String> words, Integer dims, String oov, String model) {
    }

    /** {@code similarity}: the cosine with {@code word}, for the word and its neighbours; null for a list. */
    record Point(String word, float[] coordinates, Float similarity) {
    }

    record ProjectionResponse(String model, int dims, double explained, List<Point> points, List<String> unknown) {
    }

    @Operation(summary = "Words on a map: their first principal components", description = """
            Body: `{"word", "k"}` (the word and its `k` nearest words, default 10) or `{"words": [...]}` (at least \
            three known words, up to `max-words`), with `dims` (2, the default, or 3). Each word's vector is \
            projected on the first `dims` principal components of these words' vectors (centred on their \
            mean); `explained` is the share of their variance the map keeps. Unknown words: `error` (404, the \
            default for `word`) or `skip` (left out and listed; the default for `words`).""")
    @Problems({400, 404, 413})
    @PostMapping("/projection")
    ProjectionResponse projection(@RequestBody ProjectionRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        WordModel model = registry.require(ModelRegistry.named(modelParameter, request.model())).words();
        int dims = request.dims() == null ? 2 : request.dims();
        if (dims != 2 && dims != 3) {
            throw new InvalidRequestException("dims", "'dims' is 2 or 3, was " + dims);
        }
        if ((request.word() == null) == (request.words() == null)) {
            throw new InvalidRequestException("word", "give 'word' (with 'k') or 'words', one of the two");
        }
        List<String> words = new ArrayList<>();
        List<Float> similarities = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<String> unknown;
        if (request.word() != null) {
            int k = Requests.k(request.k(), limits.maxK());
            WordMatch match = model.resolve(List.of(Requests.requireText("word", request.word())),
                    model.searchOov(Requests.oov(request.oov()), OovPolicy.ERROR)).get(0);
            unknown = WordModel.unknown(List.of(match));
            if (match.known()) {
                words.add(request.word());
                similarities.add(1f);
                vectors.add(model.vector(match));
                List<Neighbor> neighbors = model.neighbors(List.of(List.of(model.term(match, 1))), k,
                        Float.NEGATIVE_INFINITY, 0, false).neighbors().get(0);
                List<WordMatch> found = model.resolve(neighbors.stream().map(Neighbor::word).toList(), OovPolicy.ERROR);
                for (int i = 0; i < neighbors.size(); i++) {
                    words.add(neighbors.get(i).word());
                    similarities.add(neighbors.get(i).similarity());
                    vectors.add(model.vector(found.get(i)));
                }
            }
        } else {
            if (request.k() != null) {
                throw new InvalidRequestException("k", "'k' goes with 'word', not with 'words'");
            }
            List<String> asked = Requests.requireList("words", request.words(), limits.maxWords());
            List<WordMatch> matches = model.resolve(asked, model.oov(Requests.oov(request.oov()), OovPolicy.SKIP));
            unknown = WordModel.unknown(matches);
            for (int i = 0; i < asked.size(); i++) {
                if (matches.get(i).known()) {
                    words.add(asked.get(i));
                    similarities.add(null);
                    vectors.add(model.vector(matches.get(i)));
                }
            }
        }
        if (vectors.size() < 3) {
            throw new InvalidRequestException(request.word() != null ? "word" : "words", "a map needs at least 3 "
                    + "known words, got " + vectors.size() + (unknown.isEmpty() ? "" : " (unknown: " + unknown + ")"));
        }
        Pca.Projection projection = Pca.coordinates(vectors.toArray(float[][]::new), dims);
        List<Point> points = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            points.add(new Point(words.get(i), projection.coordinates()[i], similarities.get(i)));
        }
        return new ProjectionResponse(model.name(), dims, projection.explained(), points, unknown);
    }
}
