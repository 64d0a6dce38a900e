package dev.wordvec.web;

import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelHandle;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.vectors.Vocabulary;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is loaded: each configured model, its state and its size. */
@RestController
class ModelController {

    private final ModelRegistry registry;

    ModelController(ModelRegistry registry) {
        this.registry = registry;
    }

    /** Progress of a model being loaded: rows read, percent of the file when its size is known, and the read rate. */
    record Progress(long rows, Double percent, double megabytesPerSecond) {
    }

    /**
     * How the model finds words: case forms in order, the longest phrase it holds (1: no phrases),
     * its default unknown-word policy (null: each route's), and whether it has a SIF reference set.
     */
    record Lookup(List<String> caseFallback, int phraseWords, String oov, boolean sifReference) {
    }

    /** Fields that do not apply yet (a model still loading has no vocabulary size) are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelInfo(String name, @JsonProperty("default") boolean isDefault, String status, String format,
            String source, String sourceState, Integer vocabularySize, Integer dimension, String dtype, Long matrixBytes, Long loadTimeMs,
            Lookup lookup, Progress progress, String error) {
    }

    record ModelsResponse(String defaultModel, List<ModelInfo> models) {
    }

    record WordsResponse(String model, int total, int offset, int limit, List<String> words) {
    }

    /** Most words one page may hold. */
    private static final int MAX_PAGE = 10_000;

    /** The vocabulary in file order (most frequent first in GloVe, word2vec and fastText files), a page at a time. */
    @Operation(summary = "The vocabulary, a page at a time", description = "Words in file order (most frequent "
            + "first), from `offset`, at most `limit` (up to 10,000) per page.")
    @Problems({400, 404, 413})
    @GetMapping("/models/{name}/words")
    WordsResponse words(@PathVariable String name, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        LoadedModel loaded = registry.require(name);
        if (offset < 0) {
            throw new InvalidRequestException("offset", "'offset' must be 0 or more, was " + offset);
        }
        if (limit < 1) {
            throw new InvalidRequestException("limit", "'limit' must be at least 1, was " + limit);
        }
        if (limit > MAX_PAGE) {
            throw new LimitExceededException("limit", limit, MAX_PAGE, "words");
        }
        Vocabulary vocabulary = loaded.vectors().vocabulary();
        int end = (int) Math.min(vocabulary.size(), (long) offset + limit);
        List<String> words = new java.util.ArrayList<>();
        for (int row = offset; row < end; row++) {
            words.add(vocabulary.word(row));
        }
        return new WordsResponse(loaded.name(), vocabulary.size(), offset, limit, words);
    }

    @Operation(summary = "The models and their state", description = "Each configured model: status "
            + "(loading with progress, ready, failed), vocabulary size, dimension, format and lookup settings.")
    @GetMapping("/models")
    ModelsResponse models() {
        return new ModelsResponse(registry.defaultName(), registry.handles().stream().map(this::info).toList());
    }

    private static Lookup lookup(LoadedModel model) {
        return new Lookup(model.lookup().forms().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList(),
                model.lookup().phraseWords(), model.oov() == null ? null : model.oov().name().toLowerCase(Locale.ROOT),
                model.sifComponent() != null);
    }

    private ModelInfo info(ModelHandle handle) {
        boolean isDefault = handle.name().equals(registry.defaultName());
        String status = handle.status().name().toLowerCase();
        return handle.loaded()
                .map(m -> new ModelInfo(handle.name(), isDefault, status, m.format().id(), handle.source().location(),
                        handle.sourceState().name().toLowerCase(Locale.ROOT), m.vectors().vocabulary().size(), m.vectors().dimension(),
                        m.vectors().dtype().name().toLowerCase(Locale.ROOT), m.vectors().matrixBytes(),
                        m.loadTime().toMillis(), lookup(m), null, null))
                .orElseGet(() -> new ModelInfo(handle.name(), isDefault, status, handle.configuredFormat().id(),
                        handle.source().location(), null, null, null, null, null, null, null,
                        handle.progress().map(p -> new Progress(p.rows(), p.percent() < 0 ? null : p.percent(),
                                Math.round(p.megabytesPerSecond() * 10) / 10.0))
                                .orElse(null),
                        handle.failure().orElse(null)));
    }
}
