package dev.wordvec.web;

import dev.wordvec.models.LoadedModel;
import dev.wordvec.vectors.OovPolicy;
import dev.wordvec.vectors.UnknownWordException;
import dev.wordvec.vectors.WordMatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Checks shared by the controllers, each failing with a message that names the field. */
final class Requests {

    private Requests() {
    }

    /** The model a request names: as {@code ?model=} or as {@code "model"} in the body; null for the default. */
    static String model(String queryParameter, String bodyField) {
        if (queryParameter != null && bodyField != null && !queryParameter.equals(bodyField)) {
            throw new InvalidRequestException("model", "the request names two models: '" + queryParameter
                    + "' in the query and '" + bodyField + "' in the body");
        }
        return queryParameter != null ? queryParameter : bodyField;
    }

    /** The rows of {@code words}, found with the model's lookup; 404 naming every unknown word when any is unknown. */
    static int[] rowsOf(LoadedModel model, List<String> words) {
        return resolve(model, words, OovPolicy.ERROR).stream().mapToInt(WordMatch::row).toArray();
    }

    /** {@code words} found with the model's lookup; under {@link OovPolicy#ERROR} a 404 naming every unknown word. */
    static List<WordMatch> resolve(LoadedModel model, List<String> words, OovPolicy policy) {
        List<WordMatch> matches = model.lookup().findAll(words);
        List<String> unknown = unknown(matches);
        if (policy == OovPolicy.ERROR && !unknown.isEmpty()) {
            throw new UnknownWordException(model.name(), unknown);
        }
        return matches;
    }

    /** The unknown words among {@code matches}, each once, in order. */
    static List<String> unknown(List<WordMatch> matches) {
        return matches.stream().filter(m -> !m.known()).map(WordMatch::word).distinct().toList();
    }

    /** Each word that matched another spelling, and that spelling ({@code King} → {@code king}, {@code new york} → {@code New_York}). */
    static Map<String, String> matched(List<WordMatch> matches) {
        Map<String, String> matched = new LinkedHashMap<>();
        for (WordMatch match : matches) {
            if (match.known() && !match.word().equals(match.matched())) {
                matched.put(match.word(), match.matched());
            }
        }
        return matched;
    }

    /** The {@code oov} a request asks for: {@code error}, {@code skip} or {@code zero}; null when not given. */
    static OovPolicy oov(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "error" -> OovPolicy.ERROR;
            case "skip" -> OovPolicy.SKIP;
            case "zero" -> OovPolicy.ZERO;
            default -> throw new InvalidRequestException("oov", "'oov' is 'error', 'skip' or 'zero', not '" + value + "'");
        };
    }

    /**
     * The policy for a search (neighbours, analogies, odd one out). A zero vector points nowhere, so
     * a request for {@code zero} is refused rather than quietly treated as {@code skip}, and a
     * model configured with {@code zero} (meant for its sentences) searches with the route's default.
     */
    static OovPolicy searchOov(LoadedModel model, String requested, OovPolicy routeDefault) {
        OovPolicy asked = oov(requested);
        if (asked == OovPolicy.ZERO) {
            throw new InvalidRequestException("oov", "oov 'zero' has no meaning in a search (a zero vector has no "
                    + "direction); use 'error' or 'skip'");
        }
        OovPolicy policy = model.oov(asked, routeDefault);
        return policy == OovPolicy.ZERO ? routeDefault : policy;
    }

    /** {@code k} (default 10), between 1 and the configured limit. */
    static int k(Integer k, int max) {
        int value = k == null ? 10 : k;
        if (value < 1) {
            throw new InvalidRequestException("k", "'k' must be at least 1, was " + value);
        }
        if (value > max) {
            throw new LimitExceededException("k", value, max, "results");
        }
        return value;
    }

    /** {@code restrictVocab}: 0 (none) or a positive row count. */
    static int restrictVocab(Integer restrictVocab) {
        if (restrictVocab != null && restrictVocab < 1) {
            throw new InvalidRequestException("restrictVocab", "'restrictVocab' must be at least 1, was " + restrictVocab);
        }
        return restrictVocab == null ? 0 : restrictVocab;
    }

    /** {@code text} itself, when it is at most {@code max} characters long. */
    static String requireLength(String field, String text, int max) {
        if (text.length() > max) {
            throw new LimitExceededException(field, text.length(), max, "characters");
        }
        return text;
    }

    static String requireText(String field, String value) {
        if (value == null) {
            throw new InvalidRequestException(field, "'" + field + "' is required");
        }
        return value;
    }

    /** A non-empty list of non-null strings, at most {@code max} long. */
    static List<String> requireList(String field, List<String> values, int max) {
        if (values == null) {
            throw new InvalidRequestException(field, "'" + field + "' is required");
        }
        if (values.isEmpty()) {
            throw new InvalidRequestException(field, "'" + field + "' must not be empty");
        }
        if (values.size() > max) {
            throw new LimitExceededException(field, values.size(), max, "items");
        }
        for (int i = 0; i < values.size(); i++) {
            if (Objects.isNull(values.get(i))) {
                throw new InvalidRequestException(field, "'" + field + "[" + i + "]' is null");
            }
        }
        return values;
    }
}
