package dev.wordvec.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import dev.wordvec.query.WordModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.vectors.VectorMath;
import dev.wordvec.vectors.WordMatch;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The vector of a word, or of many words at once, exactly as stored in the file. Words are found
 * with the model's lookup: as written first (as gensim does), then the configured case forms.
 */
@RestController
@Tag(name = "words")
class VectorController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    VectorController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    /**
     * One word's vector.
     *
     * @param matched the vocabulary entry used ({@code king} for {@code King}); null when unknown
     * @param vector null for an unknown word under {@code oov=skip}, zeros under {@code oov=zero}
     */
    record WordVector(String word, String matched, float[] vector) {
    }

    record VectorResponse(String model, String word, String matched, int dimension, float[] vector,
            List<String> unknown) {
    }

    record VectorsRequest(List<String> words, String oov, Boolean normalize, String model) {
    }

    record VectorsResponse(String model, int dimension, List<WordVector> vectors, List<String> unknown) {
    }

    @Operation(summary = "The vector of a word", description = """
            The word's row exactly as stored in the file (gensim's `kv[word]`), or made unit length with \
            `normalize=true` (gensim's `get_vector(word, norm=True)`; a zero vector stays zero). `matched` \
            is the vocabulary entry used (another case, or a `_` phrase); percent-encode spaces and \
            slashes. Unknown words: `oov=error` (default, 404), `skip` (null vector) or `zero`.""")
    @Problems({400, 404})
    @GetMapping("/vector/{word}")
    VectorResponse vector(@PathVariable String word,
            @Parameter(description = "unknown words: error (404), skip or zero; subword (a fastText model's n-grams)") @RequestParam(required = false) String oov,
            @Parameter(description = "true: the vector made unit length (gensim's norm=True); default false") @RequestParam(required = false) Boolean normalize,
            @Parameter(description = "model name; the default model when left out") @RequestParam(required = false) String model) {
        WordModel loaded = registry.require(model).words();
        WordVector found = lookUp(loaded, List.of(word), loaded.oov(Requests.oov(oov), OovPolicy.ERROR),
                Boolean.TRUE.equals(normalize)).get(0);
        return new VectorResponse(loaded.name(), word, found.matched(), loaded.vectors().dimension(), found.vector(),
                found.matched() == null ? List.of(word) : List.of());
    }

    /** Membership test without a body: 200 when {@code GET} would find the word, 404 when not. */
    @Operation(summary = "Is the word known?", description = "200 when `GET /vector/{word}` would find the word "
            + "(with the same case forms and phrases), 404 when not; no body either way.")
    @RequestMapping(value = "/vector/{word}", method = RequestMethod.HEAD)
    ResponseEntity<Void> contains(@PathVariable String word, @RequestParam(required = false) String model) {
        WordModel loaded = registry.require(model).words();
        // Known as GET would find it: with its n-grams, when the model answers unknown words from them.
        OovPolicy policy = loaded.oov(null, OovPolicy.SKIP).usesSubwords() ? OovPolicy.SUBWORD : OovPolicy.SKIP;
        boolean known = loaded.resolve(List.of(word), policy).get(0).known();
        return known ? ResponseEntity.ok().build() : ResponseEntity.notFound().build();
    }

    /** Many words in one embedding lookup; unknown words default to {@code oov=skip} (a null vector), as a batch should not fail on one word. */
    @Operation(summary = "The vectors of many words", description = """
            Body: `{"words": [...], "oov"?, "normalize"?, "model"?}`, up to `max-words` words, gathered in one lookup. \
            Unknown words default to `oov=skip` (a null vector, listed in `unknown`); `zero` gives zeros, \
            `error` a 404 naming every unknown word.""")
    @Problems({400, 404, 413})
    @PostMapping("/vectors")
    VectorsResponse vectors(@RequestBody VectorsRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        WordModel loaded = registry.require(ModelRegistry.named(modelParameter, request.model())).words();
        List<String> words = Requests.requireList("words", request.words(), limits.maxWords());
        List<WordVector> vectors = lookUp(loaded, words, loaded.oov(Requests.oov(request.oov()), OovPolicy.SKIP),
                Boolean.TRUE.equals(request.normalize()));
        List<String> unknown = vectors.stream().filter(v -> v.matched() == null).map(WordVector::word).distinct()
                .toList();
        return new VectorsResponse(loaded.name(), loaded.vectors().dimension(), vectors, unknown);
    }

    private static List<WordVector> lookUp(WordModel loaded, List<String> words, OovPolicy policy, boolean normalize) {
        List<WordMatch> matches = loaded.resolve(words, policy);
        List<WordVector> vectors = new ArrayList<>(words.size());
        for (WordMatch match : matches) {
            float[] vector = match.known() ? loaded.vector(match)
                    : policy == OovPolicy.ZERO ? new float[loaded.vectors().dimension()] : null;
            if (normalize && vector != null) {
                vector = VectorMath.unitLength(vector);
            }
            vectors.add(new WordVector(match.word(), match.matched(), vector));
        }
        return vectors;
    }
}
