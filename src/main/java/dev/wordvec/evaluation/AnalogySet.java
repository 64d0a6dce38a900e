package dev.wordvec.evaluation;

import dev.wordvec.formats.TextLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Analogy questions in Mikolov's format ({@code questions-words.txt}): {@code : section} lines,
 * then {@code a b c expected} per line, read as gensim's {@code evaluate_word_analogies} reads
 * them: a line that does not split into four words is skipped (and counted), a question before
 * any section header is an error.
 *
 * @param name what the set is called in results and errors
 * @param invalidLines lines skipped because they were not four words
 */
public record AnalogySet(String name, List<Section> sections, int invalidLines) {

    /** {@code a} is to {@code b} as {@code c} is to {@code expected}. */
    public record Question(String a, String b, String c, String expected) {
    }

    public record Section(String name, List<Question> questions) {
    }

    /** Questions in all sections. */
    public int questions() {
        return sections.stream().mapToInt(s -> s.questions().size()).sum();
    }

    /** A set's text in hand (a request's body). */
    public static AnalogySet parse(String name, String text) throws IOException {
        return parse(name, TextLines.of(name, text, TextLines.Ends.UNIVERSAL));
    }

    /** A set read a line at a time; lines end as Python's text files end them. */
    public static AnalogySet parse(String name, TextLines lines) throws IOException {
        List<Section> sections = new ArrayList<>();
        List<Question> questions = null;
        int invalid = 0;
        String line;
        while ((line = Words.next(lines, name)) != null) {
            if (line.startsWith(": ")) {
                questions = new ArrayList<>();
                sections.add(new Section(stripColonsAndSpaces(line), questions));
                continue;
            }
            if (questions == null) {
                throw new EvaluationSetException(name, lines.line(), "a question before any ': section' line"
                        + (line.startsWith("\uFEFF: ") ? " (this one starts with a byte-order mark, U+FEFF, before its"
                                + " ': ', as a file saved \"UTF-8 with BOM\" does; gensim refuses it too: save the file"
                                + " without the mark)" : ""));
            }
            String[] words = Words.split(line);
            if (words.length != 4) {
                invalid++;
                continue;
            }
            questions.add(new Question(words[0], words[1], words[2], words[3]));
        }
        if (sections.isEmpty()) {
            throw new EvaluationSetException(name, 0, "no ': section' line: not an analogy set");
        }
        return new AnalogySet(name, List.copyOf(sections), invalid);
    }

    /** gensim's {@code line.lstrip(': ').strip()}: every leading ':' and space goes, then surrounding white space. */
    private static String stripColonsAndSpaces(String line) {
        int start = 0;
        while (start < line.length() && (line.charAt(start) == ':' || line.charAt(start) == ' ')) {
            start++;
        }
        return Words.strip(line.substring(start));
    }
}
