package dev.wordvec.evaluation;

import dev.wordvec.formats.PythonFloat;
import dev.wordvec.formats.TextLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Word pairs with a human similarity score ({@code word1<TAB>word2<TAB>score}), as WordSim-353
 * and SimLex-999 come, read as gensim's {@code evaluate_word_pairs} reads them: {@code #} lines
 * are comments, a line that is not three fields (tab-separated, or split by another delimiter)
 * with a number last is skipped (and counted).
 *
 * @param invalidLines lines skipped as not a pair
 */
public record WordPairSet(String name, List<Pair> pairs, int invalidLines) {

    /** @param line where the pair is in its set, for errors that name it */
    public record Pair(String word1, String word2, double score, long line) {
    }

    public static WordPairSet parse(String name, TextLines lines) throws IOException {
        return parse(name, lines, "\t");
    }

    /** A set's text in hand (a request's body), its fields separated by {@code delimiter}. */
    public static WordPairSet parse(String name, String text, String delimiter) throws IOException {
        return parse(name, TextLines.of(name, text, TextLines.Ends.UNIVERSAL), delimiter);
    }

    /**
     * As {@link #parse(String, TextLines)}, with the fields separated by {@code delimiter} (gensim's
     * {@code delimiter}, split as Python's {@code str.split(delimiter)}: a space for MEN's layout).
     */
    public static WordPairSet parse(String name, TextLines lines, String delimiter) throws IOException {
        if (delimiter.isEmpty()) {
            throw new IllegalArgumentException("the delimiter is empty");
        }
        List<Pair> pairs = new ArrayList<>();
        int invalid = 0;
        List<String> firstLines = new ArrayList<>();
        String line;
        while ((line = Words.next(lines, name)) != null) {
            if (line.startsWith("#")) {
                continue;
            }
            if (firstLines.size() < 5 && !line.isBlank()) {
                firstLines.add(line);
            }
            String[] fields = line.split(Pattern.quote(delimiter), -1);
            Double score = fields.length == 3 ? PythonFloat.parse(fields[2]) : null;
            if (score == null) {
                invalid++;
                continue;
            }
            pairs.add(new Pair(fields[0], fields[1], score, lines.line()));
        }
        if (pairs.isEmpty()) {
            throw new EvaluationSetException(name, 0, "no 'word1" + shown(delimiter) + "word2" + shown(delimiter)
                    + "score' line: not a word-pair set" + ("\t".equals(delimiter) ? "" : " with that delimiter")
                    + delimiterHint(firstLines, delimiter));
        }
        return new WordPairSet(name, List.copyOf(pairs), invalid);
    }

    /**
     * What to do when one of the first lines (past a header such as {@code word1,word2,score}) would
     * be a pair with another common delimiter (a CSV's comma, MEN's space): the usual reason a whole
     * set reads as no pair at all.
     */
    private static String delimiterHint(List<String> firstLines, String delimiter) {
        for (String line : firstLines) {
            for (String other : List.of("\t", " ", ",", ";")) {
                String[] fields = line.split(Pattern.quote(other), -1);
                if (!other.equals(delimiter) && fields.length == 3 && PythonFloat.parse(fields[2]) != null) {
                    String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
                    return "; its line '" + shown + "' is a pair with '" + ("\t".equals(other) ? "\\t" : other)
                            + "' between the fields: set that delimiter (--delimiter, or \"delimiter\" over HTTP)";
                }
            }
        }
        return "";
    }

    /**
     * For the command to print when the set's file starts with a byte-order mark (U+FEFF, a file
     * saved "UTF-8 with BOM"): gensim reads the mark as part of the first word, and so does this,
     * which then matches no word of a model.
     */
    public Optional<String> byteOrderMarkNote() {
        String first = pairs.get(0).word1();
        if (!first.startsWith("\uFEFF")) {
            return Optional.empty();
        }
        return Optional.of(name + " starts with a byte-order mark (U+FEFF), as a file saved \"UTF-8 with BOM\" does: "
                + "its first word is read with it, '\\uFEFF" + first.substring(1) + "', as gensim reads it, and so "
                + "matches no plain word; save the file without the mark");
    }

    /** The delimiter as a message shows it. */
    static String shown(String delimiter) {
        return switch (delimiter) {
            case "\t" -> "<TAB>";
            case " " -> "<SPACE>";
            default -> delimiter;
        };
    }
}
