package dev.wordvec.web;

import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.vectors.SentenceEncoder;
import dev.wordvec.vectors.VectorMath;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One vector per text: the mean of its known words' vectors (see {@link SentenceEncoder}). */
@RestController
class SentenceController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    SentenceController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    /** {@code normalize}: scale each vector to unit length (default false: the plain mean). */
    record SentenceRequest(String text, List<String> texts, Boolean normalize, String model) {
    }

    record SentenceResult(String text, List<String> tokens, List<String> missing, float[] vector) {
    }

    record SentenceResponse(String model, int dimension, List<SentenceResult> results) {
    }

    @PostMapping("/sentence-vector")
    SentenceResponse sentenceVector(@RequestBody SentenceRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        LoadedModel loaded = registry.require(Requests.model(modelParameter, request.model()));
        List<String> texts = texts(request);
        List<SentenceResult> results = texts.stream().map(text -> {
            SentenceEncoder.Encoded encoded = SentenceEncoder.encode(loaded.vectors(), text);
            float[] vector = encoded.vector();
            if (vector != null && Boolean.TRUE.equals(request.normalize())) {
                vector = VectorMath.unitLength(vector);
            }
            return new SentenceResult(text, encoded.tokens(), encoded.missing(), vector);
        }).toList();
        return new SentenceResponse(loaded.name(), loaded.vectors().dimension(), results);
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
