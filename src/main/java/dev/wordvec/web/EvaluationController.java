package dev.wordvec.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import dev.wordvec.evaluation.AnalogySet;
import dev.wordvec.evaluation.BuiltInSets;
import dev.wordvec.evaluation.EvaluateCommand;
import dev.wordvec.evaluation.EvaluationSetException;
import dev.wordvec.evaluation.Evaluator;
import dev.wordvec.evaluation.PairScore;
import dev.wordvec.evaluation.WordPairSet;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.query.WordModel;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Scores a loaded model on analogies and word-pair similarity, as gensim's evaluations do. */
@RestController
@Tag(name = "models")
class EvaluationController {

    private final ModelRegistry registry;

    EvaluationController(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * A set by built-in name ({@code "questions-words"}, {@code "wordsim353"}, {@code "simlex999"}),
     * or given as {@code {"name", "text"}}: the file's content.
     */
    record EvaluationRequest(Object analogies, List<Object> pairs, Integer restrictVocab, Boolean caseInsensitive,
            String method, Boolean dummy4unknown, String delimiter) {
    }

    @Operation(summary = "Evaluate a model: analogies and word-pair similarity", description = """
            gensim's `evaluate_word_analogies` and `evaluate_word_pairs` on the loaded model. Body (all optional): \
            `analogies` (a built-in set name, `questions-words`, or `{"name", "text"}` with the file's text), \
            `pairs` (names, `wordsim353` and `simlex999`, or `{"name", "text"}`), `restrictVocab` (default \
            300000), `caseInsensitive` (default true), `method` (`add`, 3CosAdd, default; or `mul`, 3CosMul), \
            `dummy4unknown` (gensim's: a question or pair with an unknown word counts as a wrong answer or a \
            similarity of 0 instead of being skipped; default false), `delimiter` (what separates the fields \
            of a pair set given as text; default a tab, `" "` for MEN's layout). \
            With neither set named, all three built-in sets. Answers `{"analogies": {"sections": [...], \
            "correct", "incorrect", "accuracy", "oovRatio", ...}, "pairs": {"<set>": {"pearson", "spearman", \
            "oovRatio", ...}}}`.""")
    @Problems({400, 404, 413})
    @PostMapping("/models/{name}/evaluate")
    EvaluateCommand.Report evaluate(@PathVariable String name, @RequestBody(required = false) EvaluationRequest body) {
        WordModel model = registry.require(name).words();
        EvaluationRequest request = body != null ? body
                : new EvaluationRequest(null, null, null, null, null, null, null);
        int restrict = request.restrictVocab() == null ? 300_000 : request.restrictVocab();
        if (restrict < 1) {
            throw new InvalidRequestException("restrictVocab", "'restrictVocab' must be at least 1, was " + restrict);
        }
        boolean caseInsensitive = request.caseInsensitive() == null || request.caseInsensitive();
        Evaluator.Method method = method(request.method());
        boolean dummy4unknown = Boolean.TRUE.equals(request.dummy4unknown());
        String delimiter = request.delimiter() == null ? "\t" : request.delimiter();
        if (delimiter.isEmpty()) {
            throw new InvalidRequestException("delimiter", "'delimiter' needs at least one character");
        }
        boolean none = request.analogies() == null && request.pairs() == null;
        Object analogyRequest = none ? BuiltInSets.QUESTIONS_WORDS : request.analogies();
        List<Object> pairRequests = none ? new ArrayList<>(BuiltInSets.PAIR_SETS)
                : request.pairs() == null ? List.of() : request.pairs();
        if (analogyRequest == null && pairRequests.isEmpty()) {
            throw new InvalidRequestException("pairs", "nothing to score: 'pairs' is empty and no 'analogies' is given "
                    + "(a request with no body scores the three built-in sets)");
        }
        try {
            AnalogySet analogies = analogyRequest == null ? null : analogySet(analogyRequest);
            List<WordPairSet> pairSets = new ArrayList<>();
            Map<String, Integer> named = new LinkedHashMap<>();
            for (int i = 0; i < pairRequests.size(); i++) {
                WordPairSet set = pairSet(pairRequests.get(i), "pairs[" + i + "]", delimiter);
                // The answer is keyed by name: a second set of one name would replace the first's scores.
                Integer earlier = named.putIfAbsent(set.name(), i);
                if (earlier != null) {
                    throw new InvalidRequestException("pairs", "'pairs[" + i + "]' is named '" + set.name() + "', as "
                            + "'pairs[" + earlier + "]' is: the answer is keyed by name, so each set needs its own");
                }
                pairSets.add(set);
            }
            Evaluator evaluator = new Evaluator(model.vectors());
            Map<String, PairScore> scores = new LinkedHashMap<>();
            for (WordPairSet set : pairSets) {
                scores.put(set.name(), evaluator.pairs(set, restrict, caseInsensitive, dummy4unknown));
            }
            return new EvaluateCommand.Report(analogies == null ? null
                    : evaluator.analogies(analogies, restrict, caseInsensitive, method, dummy4unknown, null),
                    scores.isEmpty() ? null : scores);
        } catch (EvaluationSetException e) {
            throw new InvalidRequestException(null, e.getMessage());
        }
    }

    private static Evaluator.Method method(String method) {
        if (method == null) {
            return Evaluator.Method.ADD;
        }
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "add" -> Evaluator.Method.ADD;
            case "mul" -> Evaluator.Method.MUL;
            default -> throw new InvalidRequestException("method", "'method' is 'add' (3CosAdd) or 'mul' (3CosMul), not '"
                    + method + "'");
        };
    }

    private static AnalogySet analogySet(Object set) {
        if (set instanceof String name) {
            if (!BuiltInSets.isAnalogySet(name)) {
                throw new InvalidRequestException("analogies", "'analogies' names a built-in set ("
                        + BuiltInSets.QUESTIONS_WORDS + ") or gives {\"name\", \"text\"}; there is no set '" + name + "'");
            }
            return BuiltInSets.analogies(name);
        }
        Map.Entry<String, String> given = given(set, "analogies");
        return read(() -> AnalogySet.parse(given.getKey(), given.getValue()));
    }

    private static WordPairSet pairSet(Object set, String field, String delimiter) {
        if (set instanceof String name) {
            if (!BuiltInSets.isPairSet(name)) {
                throw new InvalidRequestException("pairs", "'" + field + "' names a built-in set "
                        + BuiltInSets.PAIR_SETS + " or gives {\"name\", \"text\"}; there is no set '" + name + "'");
            }
            return BuiltInSets.pairs(name);
        }
        Map.Entry<String, String> given = given(set, field);
        return read(() -> WordPairSet.parse(given.getKey(), given.getValue(), delimiter));
    }

    /**
     * A set given in the body: {@code {"name": ..., "text": ...}}, both strings. Any other key is
     * refused by name, as an unknown field anywhere in a body is: a mistyped {@code "txt"} would
     * otherwise read as a set with no text.
     */
    private static Map.Entry<String, String> given(Object set, String field) {
        if (set instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!"name".equals(key) && !"text".equals(key)) {
                    throw new InvalidRequestException(field + "." + key, "unknown field '" + key + "' in '" + field
                            + "'; a set given in the body has 'name' (optional) and 'text'");
                }
            }
            if (map.get("text") instanceof String text
                    && (map.get("name") == null || map.get("name") instanceof String)) {
                boolean unnamed = map.get("name") == null || ((String) map.get("name")).isBlank();
                return Map.entry(unnamed ? field : (String) map.get("name"), text);
            }
        }
        throw new InvalidRequestException(field.startsWith("pairs") ? "pairs" : field, "'" + field
                + "' is a built-in set name or {\"name\": ..., \"text\": the set's content}");
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    private static <T> T read(Reading<T> reading) {
        try {
            return reading.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // text in hand does not fail
        }
    }
}
