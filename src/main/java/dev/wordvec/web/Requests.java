package dev.wordvec.web;

import java.util.List;
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
