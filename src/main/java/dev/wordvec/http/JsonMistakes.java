package dev.wordvec.http;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** A request body's JSON mistakes in words a client's author can act on, instead of Jackson's. */
public final class JsonMistakes {

    private static final Pattern COERCED_STRING = Pattern.compile("^Cannot coerce String value \\((\".*\")\\) to ");
    /** Jackson's "... from Array value (token `JsonToken.START_ARRAY`)": the JSON shape it was given. */
    private static final Pattern FROM_SHAPE = Pattern.compile(
            "from (Array|Object|Boolean|String|Integer|Floating-point|Null) value \\(token `JsonToken\\.(\\w+)`\\)");
    /** "... no String-argument constructor/factory method to deserialize from String value ('king')". */
    private static final Pattern FROM_SCALAR = Pattern.compile("from (String|Number|[Bb]oolean) value \\((.*)\\)$");

    private JsonMistakes() {
    }

    /**
     * A body sent as another media type than JSON. The usual cause is {@code curl -d '{...}'}
     * without a Content-Type header, which sends {@code application/x-www-form-urlencoded}.
     */
    public static String notJson(HttpMediaTypeNotSupportedException e) {
        MediaType type = e.getContentType();
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            return "the body is sent as application/x-www-form-urlencoded (what curl -d sends without a Content-Type "
                    + "header); wordvec reads JSON: send it with 'Content-Type: application/json'";
        }
        return "the body is sent as '" + (type == null ? "no media type" : type.toString())
                + "'; wordvec reads JSON: send it with 'Content-Type: application/json'";
    }

    /**
     * The first line of a JSON syntax error's message, in words that do not name wordvec's classes:
     * a second value after the body's ({@code {...} {...}}) is said as such.
     */
    public static String syntax(JacksonException e) {
        String message = firstLine(e.getOriginalMessage());
        return message.startsWith("Trailing token") ? "more JSON follows the body's value: send one JSON object"
                : message;
    }

    /** The first line of an exception's message ("no detail" when it has none). */
    public static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Whether the body was empty: Spring's message then names the controller's method, which says
     * nothing to a client.
     */
    public static boolean bodyMissing(HttpMessageNotReadableException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Required request body is missing");
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
     * @param field where, as {@code queries[0].k}; null for the body itself (a list where an object belongs)
     * @param detail what it must be and what it was: "'k' must be a whole number, not the number 3.7"
     */
    public record WrongType(String field, String detail) {
    }

    /** {@code e} as a value of the wrong type; null for any other mistake. */
    public static WrongType wrongType(JacksonException e) {
        String path = path(e);
        if (!(e instanceof MismatchedInputException wrong) || wrong.getTargetType() == null) {
            return null;
        }
        if (path.isEmpty()) {
            // The body itself: Jackson's message would name our request class.
            String given = wrong.getTargetType().isRecord() ? given(wrong) : null;
            return given == null ? null : new WrongType(null, "the body must be a JSON object ({...}), not " + given);
        }
        Class<?> type = wrong.getTargetType();
        // A number list's element ("vector": ["a"]) fails naming the list's type at the element's place.
        String expected = expected(type.isArray() && path.endsWith("]") ? type.getComponentType() : type);
        String given = given(wrong);
        if (expected == null || given == null) {
            return null;
        }
        String field = path.substring(2);
        return new WrongType(field, "'" + field + "' must be " + expected + ", not " + given);
    }

    /** What the body held where {@code wrong} happened, in words; null when Jackson's message does not say. */
    private static String given(MismatchedInputException wrong) {
        String given = wrong instanceof InvalidFormatException format ? given(format.getValue()) : coercedString(wrong);
        return given != null ? given : shape(wrong.getOriginalMessage() == null ? "" : wrong.getOriginalMessage());
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

    /** What Jackson's message says it was given: "a list", "an object", "true", "the string \"king\""... */
    private static String shape(String message) {
        Matcher shape = FROM_SHAPE.matcher(message);
        if (shape.find()) {
            return switch (shape.group(1)) {
                case "Array" -> "a list";
                case "Object" -> "an object";
                case "Boolean" -> shape.group(2).equals("VALUE_TRUE") ? "true" : "false";
                case "String" -> "a string";
                case "Integer" -> "a whole number";
                case "Floating-point" -> "a number";
                default -> "null";
            };
        }
        Matcher scalar = FROM_SCALAR.matcher(message);
        if (!scalar.find()) {
            return null;
        }
        String value = scalar.group(2);
        return switch (scalar.group(1)) {
            case "String" -> "the string \"" + (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
                    ? value.substring(1, value.length() - 1) : value) + "\"";
            case "Number" -> "the number " + value;
            default -> value;
        };
    }

    private static String expected(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
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
