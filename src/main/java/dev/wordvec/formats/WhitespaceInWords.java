package dev.wordvec.formats;

import dev.wordvec.vectors.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Words with whitespace in them, as word2vec's formats write them. A model can hold such words
 * (GloVe 840B has {@code . . .} and {@code at name@domain.com}, and a gensim model any key), but
 * word2vec's formats end a word at a space, and fastText's reader at any ASCII whitespace: written
 * as they are, gensim refuses the text line and reads the binary file's values from the word's
 * rest. So each such character is written {@code _}, as word2vec's phrases join their words
 * ({@code New_York}), which the service's lookup also tries for a space.
 */
final class WhitespaceInWords {

    /** How many of the changed words a note shows. */
    private static final int SHOWN = 3;

    private WhitespaceInWords() {
    }

    /** {@code word} with each character a reader would end it at written {@code _}. */
    static String written(String word) {
        if (word.chars().noneMatch(WhitespaceInWords::endsAWord)) {
            return word;
        }
        StringBuilder written = new StringBuilder(word.length());
        word.chars().forEach(c -> written.append(endsAWord(c) ? '_' : (char) c));
        return written.toString();
    }

    /**
     * What the person is told of the words written otherwise than they are; empty when there are
     * none. Fails when a word would be written as another word of the model (or as another such
     * word), which every reader would take for a duplicate.
     */
    static Optional<String> check(Vocabulary vocabulary, Path target) throws IOException {
        List<Integer> changed = new ArrayList<>();
        for (int r = 0; r < vocabulary.size(); r++) {
            if (vocabulary.anyCodePoint(r, WhitespaceInWords::endsAWord)) {
                changed.add(r);
            }
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> writtenRows = new HashMap<>();
        for (int r : changed) {
            String written = written(vocabulary.word(r));
            int other = vocabulary.rowOf(written);
            Integer earlier = writtenRows.putIfAbsent(written, r);
            if (other >= 0 || earlier != null) {
                String twin = vocabulary.word(other >= 0 ? other : earlier);
                throw new IOException(String.format(Locale.ROOT, "the model has both %s and %s, and word2vec's "
                        + "formats would write both as %s (they end a word at whitespace, so it is written _); "
                        + "write a .wvc file, which keeps every word as it is", quoted(twin),
                        quoted(vocabulary.word(r)), quoted(written)));
            }
        }
        String shown = changed.stream().limit(SHOWN)
                .map(r -> quoted(vocabulary.word(r)) + " as " + quoted(written(vocabulary.word(r))))
                .collect(Collectors.joining(", "));
        return Optional.of(String.format(Locale.ROOT, "%d word%s of the model %s whitespace in %s, which word2vec's "
                + "formats end a word at, so in %s each such character is written _: %s%s (a .wvc file keeps every "
                + "word as it is)", changed.size(), changed.size() == 1 ? "" : "s", changed.size() == 1 ? "has" : "have",
                changed.size() == 1 ? "it" : "them", target.getFileName(), shown, changed.size() > SHOWN ? ", ..." : ""));
    }

    /** ASCII whitespace, as C's {@code isspace} has it: fastText's and word2vec's readers end a word there. */
    private static boolean endsAWord(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static String quoted(String word) {
        return "'" + word.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }
}
