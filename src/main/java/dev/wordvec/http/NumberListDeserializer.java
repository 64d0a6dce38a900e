package dev.wordvec.http;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.PrimitiveArrayDeserializers;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/**
 * Jackson's reader of a {@code float[]} or {@code double[]} (a vector in a request), with a string
 * refused: Jackson reads a string there as base64 of big-endian numbers, so {@code "vector": ""}
 * was an empty vector, a mistyped value failed naming what was left of it after decoding, and a
 * vector as OpenAI's {@code encoding_format: base64} gives it (little-endian) would be read as
 * other numbers without a word. The API takes a list of numbers; a string is a value of the wrong
 * type ({@link JsonMistakes} words the answer).
 */
final class NumberListDeserializer extends DelegatingDeserializer {

    private NumberListDeserializer(ValueDeserializer<?> jacksons) {
        super(jacksons); // which handles Jackson's reader's type: float[] or double[]
    }

    /** The reader of {@code type}: {@code float[].class} or {@code double[].class}. */
    @SuppressWarnings("unchecked") // it reads what Jackson's reader of type reads, or fails
    static <T> ValueDeserializer<T> of(Class<T> type) {
        ValueDeserializer<?> reader = new NumberListDeserializer(
                PrimitiveArrayDeserializers.forType(type.getComponentType()));
        return (ValueDeserializer<T>) reader;
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> jacksons) {
        return new NumberListDeserializer(jacksons);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            return ctxt.handleUnexpectedToken(handledType(), p);
        }
        return super.deserialize(p, ctxt);
    }
}
