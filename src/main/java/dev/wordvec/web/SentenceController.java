package dev.wordvec.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import dev.wordvec.query.EncodedTexts;
import dev.wordvec.query.TextEncoder;
import dev.wordvec.query.TextEncoding;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.SentenceEncoder;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One vector per text: the weighted mean of its words' vectors (see {@link TextEncoder} and {@link TextEncoding}). */
@RestController
@Tag(name = "texts")
class SentenceController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    SentenceController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record SentenceRequest(String text, List<String> texts, String weighting, Map<String, Float> weights,
            Boolean removePc, Boolean normalize, Boolean preNormalize, String oov, String prompt, String model) {
    }

    /**
     * {@code vector} is null when the text has no word the model knows (under {@code oov=skip});
     * {@code truncated} (only when true) says a contextual model read the text's first tokens only.
     */
    record SentenceResult(String text, List<String> tokens, List<String> unknown, float[] vector,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean truncated) {
    }

    /**
     * {@code principalComponent}: where the removed component came from, {@code reference} or {@code request};
     * null when none was removed. A contextual model answers {@code weighting} null and names its network's
     * {@code pooling} instead (absent for a word-vector model).
     */
    record SentenceResponse(String model, int dimension, String weighting,
            @JsonInclude(JsonInclude.Include.NON_NULL) String pooling, String principalComponent,
            List<SentenceResult> results) {
    }

    @Operation(summary = "One vector per text", description = """
            Body: `{"text"}` or `{"texts": [...]}` (up to `max-texts`, each up to `max-text-length` \
            characters). Texts split at whitespace and punctuation; tokens match with the model's case \
            forms, longest `_` phrase first.
            - `weighting`: `mean` (default), `sif` (Arora et al. 2017: a/(a + p(w)), a = 1e-3, p(w) from \
            the word's frequency rank by Zipf's law), or `weights` with `"weights": {"word": w}` (others 1);
            - `removePc`: remove the first principal component, fitted on the model's reference set \
            (`sif-reference`), else on this request's texts (`principalComponent` says which);
            - `preNormalize`: average the words' unit vectors instead of their raw ones (gensim's \
            `get_mean_vector` default; fastText's `print-sentence-vectors`); a word whose vector is all \
            zeros is then left out;
            - `normalize`: unit-length vectors;
            - `oov`: `skip` (default), `zero` (unknown words count as zero vectors) or `error` (404).

            A contextual model (`kind: contextual`) answers with its network's pooled vector: its `tokens` \
            are word pieces, nothing is unknown, `weighting` is `mean` only (answered as null, beside the network's \
            `pooling`), and a text longer than its \
            maximum tokens is cut (`truncated: true`). `prompt` names one of its prompts \
            (sentence-transformers' `prompt_name`: `query` puts `query: ` before each text for an E5 model); \
            without it, the model's default prompt applies, if it has one.""")
    @Problems({400, 404, 413})
    @PostMapping("/sentence-vector")
    SentenceResponse sentenceVector(@RequestBody SentenceRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        TextEncoder encoder = registry.require(ModelRegistry.named(modelParameter, request.model())).texts();
        List<String> texts = texts(request);
        TextEncoding encoding = TextEncoding.of(request.weighting(),
                Requests.requireWeights(request.weights(), limits.maxWords()), request.removePc(), request.normalize(),
                request.preNormalize()).withPrompt(request.prompt());
        EncodedTexts encoded = encoder.encode(texts, encoding, encoder.oov(Requests.oov(request.oov()), OovPolicy.SKIP));
        List<SentenceResult> results = new java.util.ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            SentenceEncoder.Encoded e = encoded.texts().get(i);
            results.add(new SentenceResult(texts.get(i), e.tokens(), e.unknown(), e.vector(), e.truncated()));
        }
        return new SentenceResponse(encoder.name(), encoder.dimension(), encoder.weighting(encoding),
                encoder.pooling(), encoded.principalComponent(), results);
    }

    private List<String> texts(SentenceRequest request) {
        if (request.text() != null && request.texts() != null) {
            throw new InvalidRequestException("text", "give either 'text' or 'texts', not both");
        }
        if (request.text() == null && request.texts() == null) {
            throw new InvalidRequestException("text", "'text' (a string) or 'texts' (a list of strings) is required");
        }
        List<String> texts = request.text() != null ? List.of(request.text())
                : Requests.requireList("texts", request.texts(), limits.maxTexts());
        for (int i = 0; i < texts.size(); i++) {
            Requests.requireLength(request.text() != null ? "text" : "texts[" + i + "]", texts.get(i),
                    limits.maxTextLength());
        }
        return texts;
    }
}
