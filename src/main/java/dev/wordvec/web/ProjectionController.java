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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
            Body: `{"word", "k"}` (the word and its `k` nearest words, default 10) or `{"words": [...]}` (a point \
            for each word, once; up to `max-words`), with `dims` (2, the default, or 3). Each word's vector is \
            projected on the first `dims` principal components of these words' distinct vectors (centred on \
            their mean; at least three, and spellings of one entry share its point); `explained` is the share \
            of their variance the map keeps. Unknown words: `error` (404, the default for `word`) or `skip` \
            (left out and listed; the default for `words`).""")
    @Problems({400, 404, 413})
    @PostMapping("/projection")
    ProjectionResponse projection(@RequestBody ProjectionRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        WordModel model = registry.require(ModelRegistry.named(modelParameter, request.model())).words();
        int dims = request.dims() == null ? 2 : request.dims();
        if (dims != 2 && dims != 3) {
            throw new InvalidRequestException("dims", "'dims' is 2 or 3, was " + dims);
        }
        // A model's vectors have no more principal components than dimensions.
        if (dims > model.dimension()) {
            throw new InvalidRequestException("dims", "model '" + model.name() + "' has " + model.dimension()
                    + (model.dimension() == 1 ? " dimension" : " dimensions") + ", too few for a map of " + dims);
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
            // A word asked twice is one point.
            List<String> asked = List.copyOf(new LinkedHashSet<>(
                    Requests.requireList("words", request.words(), limits.maxWords())));
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
        // Spellings of one entry ("king", "King") share its point, and the fit counts the entry once.
        Map<SameVector, Integer> entries = new LinkedHashMap<>();
        int[] entryOf = new int[vectors.size()];
        for (int i = 0; i < vectors.size(); i++) {
            entryOf[i] = entries.computeIfAbsent(new SameVector(vectors.get(i)), v -> entries.size());
        }
        if (entries.size() < 3) {
            throw new InvalidRequestException(request.word() != null ? "word" : "words", "a map needs at least 3 "
                    + "known words with different vectors, got " + entries.size()
                    + (unknown.isEmpty() ? "" : " (unknown: " + unknown + ")"));
        }
        float[][] distinct = entries.keySet().stream().map(SameVector::values).toArray(float[][]::new);
        Pca.Projection projection = Pca.coordinates(distinct, dims);
        List<Point> points = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            points.add(new Point(words.get(i), projection.coordinates()[entryOf[i]], similarities.get(i)));
        }
        return new ProjectionResponse(model.name(), dims, projection.explained(), points, unknown);
    }

    /** A vector as a map key: equal when its values are. */
    private record SameVector(float[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SameVector same && Arrays.equals(values, same.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
