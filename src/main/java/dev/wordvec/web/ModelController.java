package dev.wordvec.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import dev.wordvec.http.LimitExceededException;
import io.swagger.v3.oas.annotations.Operation;
import dev.wordvec.models.ModelSummary;
import dev.wordvec.query.WordModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.vectors.Vocabulary;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is loaded: each configured model, its state and its size. */
@RestController
@Tag(name = "models")
class ModelController {

    private final ModelRegistry registry;

    ModelController(ModelRegistry registry) {
        this.registry = registry;
    }

    record ModelsResponse(String defaultModel, List<ModelSummary> models) {
    }

    record WordsResponse(String model, int total, int offset, int limit, List<String> words) {
    }

    /** Most words one page may hold. */
    private static final int MAX_PAGE = 10_000;

    /** The vocabulary in file order (most frequent first in GloVe, word2vec and fastText files), a page at a time. */
    @Operation(summary = "The vocabulary, a page at a time", description = "Words in file order (most frequent "
            + "first), from `offset`, at most `limit` (up to 10,000) per page. With `prefix`, only the words that "
            + "start with it (ignoring case), most frequent first, and `total` counts those: suggestions for a "
            + "search box.")
    @Problems({400, 404, 413})
    @GetMapping("/models/{name}/words")
    WordsResponse words(@PathVariable String name, @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String prefix) {
        WordModel loaded = registry.require(name).words();
        if (offset < 0) {
            throw new InvalidRequestException("offset", "'offset' must be 0 or more, was " + offset);
        }
        if (limit < 1) {
            throw new InvalidRequestException("limit", "'limit' must be at least 1, was " + limit);
        }
        if (limit > MAX_PAGE) {
            // A fixed page size, not a setting: a longer list is read page by page with offset.
            throw LimitExceededException.askedFor("limit", limit, MAX_PAGE, "words a page", null);
        }
        Vocabulary vocabulary = loaded.vectors().vocabulary();
        if (prefix != null && !prefix.isEmpty()) {
            return startingWith(loaded.name(), vocabulary, prefix, offset, limit);
        }
        int end = (int) Math.min(vocabulary.size(), (long) offset + limit);
        List<String> words = new java.util.ArrayList<>();
        for (int row = offset; row < end; row++) {
            words.add(vocabulary.word(row));
        }
        return new WordsResponse(loaded.name(), vocabulary.size(), offset, limit, words);
    }

    /** One pass over the vocabulary in order, so the most frequent matches come first (a few ms for 400,000 words). */
    private static WordsResponse startingWith(String model, Vocabulary vocabulary, String prefix, int offset, int limit) {
        List<String> words = new java.util.ArrayList<>();
        int matches = 0;
        for (int row = 0; row < vocabulary.size(); row++) {
            String word = vocabulary.word(row);
            if (word.regionMatches(true, 0, prefix, 0, prefix.length())) {
                if (matches >= offset && words.size() < limit) {
                    words.add(word);
                }
                matches++;
            }
        }
        return new WordsResponse(model, matches, offset, limit, words);
    }

    @Operation(operationId = "listModels", summary = "The models and their state", description = "Each configured model: status "
            + "(loading with progress, ready, failed), vocabulary size, dimension, format and lookup settings.")
    @GetMapping("/models")
    ModelsResponse models() {
        return new ModelsResponse(registry.defaultName(), registry.summaries());
    }
}
