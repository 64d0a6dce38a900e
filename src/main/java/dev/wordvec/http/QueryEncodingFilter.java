package dev.wordvec.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a query string that is not valid percent-encoded UTF-8. Tomcat leaves out a parameter
 * it cannot decode and goes on; Spring MVC's routes then failed (an {@code InvalidParameterException}),
 * but the direct routes ({@code GET /neighbors/{word}?k=%FF}) answered as if no {@code k} had been
 * sent: the default, and the caller never knew. Checked here, every route answers alike.
 */
class QueryEncodingFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    QueryEncodingFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String mistake = query == null || query.indexOf('%') < 0 ? null : firstMistake(query);
        if (mistake != null) {
            int equals = mistake.indexOf('=');
            String name = decoded(equals < 0 ? mistake : mistake.substring(0, equals));
            String field = name != null ? name : "query";
            String detail = "the query string's '" + shortened(mistake) + "' is not valid percent-encoding: each % "
                    + "takes two hex digits and the bytes must be UTF-8 (a literal % is %25)";
            ProblemWriter.writeFor(request, response, json, HttpStatus.BAD_REQUEST, "malformed-request",
                    "Malformed request", detail, Map.of("field", field),
                    OpenAiError.of(detail, "invalid_request_error", field, null));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String shortened(String pair) {
        return pair.length() <= 100 ? pair : pair.substring(0, 97) + "...";
    }

    /** The first {@code name=value} pair that does not decode, or null. */
    static String firstMistake(String query) {
        for (String pair : query.split("&", -1)) {
            if (decoded(pair) == null) {
                return pair;
            }
        }
        return null;
    }

    /**
     * {@code part} decoded as a form decodes a query ({@code +} is a space, {@code %XX} a byte, the
     * bytes UTF-8), or null when it does not decode.
     */
    private static String decoded(String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                int high = i + 2 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(part.charAt(i + 2), 16);
                if (low < 0) {
                    return null; // a % without two hex digits
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                int codePoint = c == '+' ? ' ' : part.codePointAt(i);
                byte[] raw = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
