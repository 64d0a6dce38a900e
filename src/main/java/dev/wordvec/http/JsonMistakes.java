package dev.wordvec.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** A request body's JSON mistakes in words a client's author can act on, instead of Jackson's. */
public final class JsonMistakes {

    private static final Pattern COERCED_STRING = Pattern.compile("^Cannot coerce String value \\((\".*\")\\) to ");

    private JsonMistakes() {
    }

    /** Where in the body {@code e} happened, as {@code $.queries[0].k}; empty when not known. */
    public static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append('.').append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : "$" + path;
    }

    /**
     * A value of another JSON type than its field's.
     *
     * @param field where, as {@code queries[0].k}
     * @param detail what it must be and what it was: "'k' must be a whole number, not the number 3.7"
     */
    public record WrongType(String field, String detail) {
    }

    /** {@code e} as a value of the wrong type; null for any other mistake. */
    public static WrongType wrongType(JacksonException e) {
        String path = path(e);
        if (!(e instanceof MismatchedInputException wrong) || wrong.getTargetType() == null || path.isEmpty()) {
            return null;
        }
        String expected = expected(wrong.getTargetType());
        String given = wrong instanceof InvalidFormatException format ? given(format.getValue()) : coercedString(wrong);
        if (expected == null || given == null) {
            return null;
        }
        String field = path.substring(2);
        return new WrongType(field, "'" + field + "' must be " + expected + ", not " + given);
    }

    private static String given(Object value) {
        return value instanceof CharSequence text ? "the string \"" + text + "\""
                : value instanceof Boolean ? String.valueOf(value) : value instanceof Number ? "the number " + value : null;
    }

    /**
     * A string where a number or a boolean belongs fails without its value attached; Jackson's
     * message has it ("Cannot coerce String value ("3") to ...").
     */
    private static String coercedString(MismatchedInputException e) {
        Matcher m = COERCED_STRING.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        return m.find() ? "the string " + m.group(1) : null;
    }

    private static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == float.class || type == double.class || type == Float.class || type == Double.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return null;
    }
}
