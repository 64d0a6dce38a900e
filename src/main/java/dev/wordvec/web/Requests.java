package dev.wordvec.web;

import dev.wordvec.http.LimitExceededException;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.query.OovPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Checks shared by the controllers, each failing with a message that names the field. */
final class Requests {

    private Requests() {
    }

    /** The {@code oov} a request asks for: {@code error}, {@code skip}, {@code zero} or {@code subword}; null when not given. */
    static OovPolicy oov(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "error" -> OovPolicy.ERROR;
            case "skip" -> OovPolicy.SKIP;
            case "zero" -> OovPolicy.ZERO;
            case "subword" -> OovPolicy.SUBWORD;
            default -> throw new InvalidRequestException("oov", "'oov' is 'error', 'skip' or 'zero', not '" + value
                    + "' (or 'subword', for a fastText .bin model)");
        };
    }

    /** {@code k} (default 10), between 1 and the configured limit. */
    static int k(Integer k, int max) {
        int value = k == null ? 10 : k;
        if (value < 1) {
            throw new InvalidRequestException("k", "'k' must be at least 1, was " + value);
        }
        if (value > max) {
            throw LimitExceededException.askedFor("k", value, max, "results", "wordvec.limits.max-k");
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

    /**
     * {@code minSimilarity} (default: none), a finite number: NaN (a query's {@code minSimilarity=NaN})
     * or an infinity (JSON's {@code 1e400}, past a float's range) would answer with no neighbours
     * and no word of why.
     */
    static float minSimilarity(Float minSimilarity) {
        if (minSimilarity == null) {
            return Float.NEGATIVE_INFINITY;
        }
        if (!Float.isFinite(minSimilarity)) {
            throw new InvalidRequestException("minSimilarity", "'minSimilarity' must be a finite number, was "
                    + minSimilarity);
        }
        return minSimilarity;
    }

    /** A client's weight map, at most {@code max} words. */
    static Map<String, Float> requireWeights(Map<String, Float> weights, int max) {
        if (weights != null && weights.size() > max) {
            throw new LimitExceededException("weights", weights.size(), max, "words");
        }
        return weights;
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
