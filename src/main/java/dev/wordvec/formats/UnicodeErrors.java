package dev.wordvec.formats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * What to do with a word whose bytes are not valid UTF-8, as gensim's {@code unicode_errors} (which
 * passes Python's {@code errors} to {@code bytes.decode}). The C word2vec tool cuts words at 100
 * bytes, which splits a multi-byte character now and then, so files it wrote (often Chinese or
 * Japanese models) hold a few such words; gensim refuses them unless told otherwise, and so does
 * wordvec. Each bad sequence is the maximal invalid part, as in Python and Unicode's own practice,
 * so the words come out as gensim's do.
 */
public enum UnicodeErrors {
    /** Refuse the file, naming the line or offset (the default, as gensim's). */
    STRICT,
    /** Each bad sequence becomes U+FFFD, the replacement character. */
    REPLACE,
    /** Bad sequences are left out of the word. */
    IGNORE,
    /** Each bad byte becomes {@code \xNN} (what gensim's fastText loader does on its own). */
    BACKSLASHREPLACE;

    /** The values, for messages. */
    public static final String CHOICES = Choices.of(Arrays.stream(values()).map(UnicodeErrors::id).toList());

    /** The setting's value as written in configuration and options: {@code strict}, {@code replace}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code strict}, {@code replace}, {@code ignore} or {@code backslashreplace}. */
    public static UnicodeErrors of(String id) {
        UnicodeErrors value = byId(id);
        if (value == null) {
            throw new IllegalArgumentException("--unicode-errors is " + CHOICES + ", not '" + id + "'");
        }
        return value;
    }

    /** The setting named {@code id}, or null. */
    public static UnicodeErrors byId(String id) {
        for (UnicodeErrors value : values()) {
            if (value.id().equals(id)) {
                return value;
            }
        }
        return null;
    }

    /** A decoder that reports every bad sequence; one per thread (decoders keep state). */
    static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The word in {@code bytes[start, end)}, which strict decoding refused, decoded under this
     * setting ({@link #STRICT} must not ask).
     */
    String repair(CharsetDecoder utf8, byte[] bytes, int start, int end) {
        if (this == STRICT) {
            throw new IllegalStateException("strict decoding repairs nothing");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        // At most four characters a byte (\xNN), so the output never overflows.
        CharBuffer out = CharBuffer.allocate(4 * (end - start) + 1);
        utf8.reset();
        while (true) {
            CoderResult result = utf8.decode(in, out, true);
            if (result.isUnderflow()) {
                utf8.flush(out);
                return out.flip().toString();
            }
            // Java groups some bad sequences differently (an encoded surrogate, ED A0 80, is one);
            // Python and Unicode take the maximal subpart, so the replacements match gensim's.
            int bad = Math.min(result.length(), maximalSubpart(in));
            if (this == REPLACE) {
                out.put('\uFFFD');
            } else if (this == BACKSLASHREPLACE) {
                for (int i = 0; i < bad; i++) {
                    out.put(String.format(Locale.ROOT, "\\x%02x", in.get(in.position() + i) & 0xff));
                }
            }
            in.position(in.position() + bad);
        }
    }

    /**
     * The length of the longest start of a well-formed UTF-8 sequence at {@code in}'s position (at
     * least 1): Unicode's "maximal subpart" (Table 3-7 of the standard gives the byte ranges).
     */
    static int maximalSubpart(ByteBuffer in) {
        int at = in.position();
        int lead = in.get(at) & 0xff;
        int length;
        int low = 0x80;
        int high = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            length = 2;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            length = 3;
            low = lead == 0xe0 ? 0xa0 : 0x80;
            high = lead == 0xed ? 0x9f : 0xbf;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            length = 4;
            low = lead == 0xf0 ? 0x90 : 0x80;
            high = lead == 0xf4 ? 0x8f : 0xbf;
        } else {
            return 1;
        }
        int valid = 1;
        while (valid < length && at + valid < in.limit()) {
            int next = in.get(at + valid) & 0xff;
            if (next < low || next > high) {
                break;
            }
            valid++;
            low = 0x80;
            high = 0xbf;
        }
        return valid;
    }
}
