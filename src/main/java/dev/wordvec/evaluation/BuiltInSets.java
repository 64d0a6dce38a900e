package dev.wordvec.evaluation;

import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.TextLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The evaluation sets inside the jar, by name ({@code src/main/resources/evaluation}, origin and
 * licences in its README): Mikolov's analogies and the WordSim-353 and SimLex-999 word pairs.
 */
public final class BuiltInSets {

    /** The analogy set. */
    public static final String QUESTIONS_WORDS = "questions-words";
    /** The word-pair sets, by name. */
    public static final List<String> PAIR_SETS = List.of("wordsim353", "simlex999");

    private static final Map<String, String> FILES = Map.of(QUESTIONS_WORDS, "questions-words.txt",
            "wordsim353", "wordsim353.tsv", "simlex999", "simlex999.txt");

    private BuiltInSets() {
    }

    public static boolean isAnalogySet(String name) {
        return QUESTIONS_WORDS.equals(name);
    }

    public static boolean isPairSet(String name) {
        return PAIR_SETS.contains(name);
    }

    public static AnalogySet analogies(String name) {
        if (!isAnalogySet(name)) {
            throw new EvaluationSetException(name, 0, "no built-in analogy set of that name; the built-in one is "
                    + QUESTIONS_WORDS);
        }
        try (TextLines lines = open(name)) {
            return AnalogySet.parse(name, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WordPairSet pairs(String name) {
        if (!isPairSet(name)) {
            throw new EvaluationSetException(name, 0, "no built-in word-pair set of that name; the built-in ones are "
                    + PAIR_SETS);
        }
        try (TextLines lines = open(name)) {
            return WordPairSet.parse(name, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TextLines open(String name) throws IOException {
        return TextLines.open(ModelSource.of("classpath:evaluation/" + FILES.get(name)), TextLines.Ends.UNIVERSAL);
    }
}
