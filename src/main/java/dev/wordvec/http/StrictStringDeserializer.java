package dev.wordvec.http;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Jackson's string reader, with one mistake of Jackson's own left out: a list of strings that
 * holds a list ({@code {"words": ["the", ["king"], "of"]}}) is read by jackson-databind 3.1's
 * fast path for string lists as if the inner list were its first string, and the parser is left
 * inside it. The body then ends early and fails with a misleading "trailing token" (or, with that
 * check off, reads as {@code ["the", "king"]}). Jackson uses a string reader it did not write for
 * each element, so this one reads every element as a single string: the inner list is refused, at
 * its place ({@code words[1]}), as a value of the wrong type. Strings read as Jackson reads them.
 */
final class StrictStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
        if (p.hasToken(JsonToken.START_ARRAY)) {
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
        return super.deserialize(p, ctxt);
    }
}
