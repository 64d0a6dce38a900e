package dev.wordvec.web;

import dev.wordvec.contextual.ContextualEncoder;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A text's tokens with their contextual vectors: what a contextual model makes of each word piece
 * in this text ("bank" differs in "the river bank" and "the bank account").
 */
@RestController
@Tag(name = "texts")
class TokenVectorsController {

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    TokenVectorsController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    record TokenVectorsRequest(String text, String model) {
    }

    record Token(String token, int start, int end, float[] vector) {
    }

    record TokenVectorsResponse(String model, String text, int dimension, boolean truncated, List<Token> tokens) {
    }

    @Operation(summary = "Each token's contextual vector", description = """
            Body: `{"text", "model"}`, for a contextual model (`kind: contextual`). Answers the tokenizer's word \
            pieces in order, special tokens (`[CLS]`, `[SEP]`) included, each with its character offsets in \
            the text (`start`, `end`, end exclusive, counted in Unicode code points as Hugging Face's tokenizers \
            count them; 0 and 0 for special tokens) and its vector: the network's \
            last hidden state, not normalised. A text over the model's maximum tokens is cut \
            (`truncated: true`). A word-vector model is a 400 problem (`not-a-contextual-model`).""")
    @Problems({400, 404, 413})
    @PostMapping("/token-vectors")
    TokenVectorsResponse tokenVectors(@RequestBody TokenVectorsRequest request,
            @RequestParam(name = "model", required = false) String modelParameter) {
        ContextualEncoder encoder = registry.require(ModelRegistry.named(modelParameter, request.model())).contextual();
        String text = Requests.requireLength("text", Requests.requireText("text", request.text()),
                limits.maxTextLength());
        ContextualEncoder.TokenVectors vectors = encoder.tokenVectors(text);
        List<Token> tokens = vectors.tokens().stream()
                .map(t -> new Token(t.token(), t.start(), t.end(), t.vector())).toList();
        return new TokenVectorsResponse(encoder.name(), text, encoder.tokenDimension(), vectors.truncated(), tokens);
    }
}
