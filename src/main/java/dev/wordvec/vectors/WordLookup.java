package dev.wordvec.vectors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds words in a vocabulary the way a model needs: the configured case forms in order (exact
 * first, so a word the file holds always matches itself), and, when the model holds phrases,
 * spaces as {@code _} ({@code new york} matches {@code New_York} in GoogleNews). Thread-safe: its
 * settings never change, and it counts the words it was asked for and did not find (for metrics).
 */
public final class WordLookup {

    /** Longest phrase tried inside a text, in words: GoogleNews phrases rarely have more. */
    private static final int MAX_PHRASE_WORDS = 4;

    private final Vocabulary vocabulary;
    private final List<CaseForm> forms;
    private final int phraseWords;
    private final LongAdder lookedUp = new LongAdder();
    private final LongAdder unknown = new LongAdder();

    /**
     * @param forms the case forms to try, in order; {@link CaseForm#EXACT} is always tried first
     * @param phrases whether spaces may match {@code _}; phrases are only tried when the
     *     vocabulary holds {@code _}-joined words
     */
    public WordLookup(Vocabulary vocabulary, List<CaseForm> forms, boolean phrases) {
        Set<CaseForm> ordered = new LinkedHashSet<>();
        ordered.add(CaseForm.EXACT);
        ordered.addAll(forms);
        this.vocabulary = vocabulary;
        this.forms = List.copyOf(ordered);
        this.phraseWords = phrases ? longestPhrase(vocabulary) : 1;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The case forms tried, in order. */
    public List<CaseForm> forms() {
        return forms;
    }

    /** The most words a phrase in this vocabulary joins (1 when phrases are off or there are none). */
    public int phraseWords() {
        return phraseWords;
    }

    /** Words (or text tokens) looked up through {@link #findAll} and {@link #findTokens} so far. */
    public long lookedUp() {
        return lookedUp.sum();
    }

    /** Of those, the ones the vocabulary did not hold. */
    public long unknown() {
        return unknown.sum();
    }

    /** {@code word} in the first form the vocabulary holds; a word with spaces is also tried joined with {@code _}. */
    public WordMatch find(String word) {
        boolean phrase = phraseWords > 1 && word.indexOf(' ') >= 0;
        for (CaseForm form : forms) {
            String candidate = form.apply(word);
            int row = vocabulary.rowOf(candidate);
            if (row < 0 && phrase) {
                candidate = candidate.replace(' ', '_');
                row = vocabulary.rowOf(candidate);
            }
            if (row >= 0) {
                return new WordMatch(word, candidate, row);
            }
        }
        return WordMatch.unknown(word);
    }

    /** Each of {@code words}, in order. */
    public List<WordMatch> findAll(List<String> words) {
        List<WordMatch> matches = new ArrayList<>(words.size());
        for (String word : words) {
            matches.add(find(word));
        }
        return counted(matches);
    }

    /**
     * The tokens of a text matched left to right, longest phrase first: {@code [new, york, city]}
     * becomes {@code New_York_City} when the model holds it, else {@code New_York} and {@code city}.
     * Each returned match stands for one or more tokens ({@link WordMatch#word()} joins them with spaces).
     */
    public List<WordMatch> findTokens(List<String> tokens) {
        List<WordMatch> matches = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            WordMatch match = null;
            int used = 1;
            for (int n = Math.min(phraseWords, tokens.size() - i); n >= 2 && match == null; n--) {
                WordMatch phrase = find(String.join(" ", tokens.subList(i, i + n)));
                if (phrase.known()) {
                    match = phrase;
                    used = n;
                }
            }
            matches.add(match != null ? match : find(tokens.get(i)));
            i += used;
        }
        return counted(matches);
    }

    private List<WordMatch> counted(List<WordMatch> matches) {
        lookedUp.add(matches.size());
        unknown.add(matches.stream().filter(m -> !m.known()).count());
        return matches;
    }

    /** The most {@code _}-separated parts in one vocabulary word, up to {@link #MAX_PHRASE_WORDS}. */
    private static int longestPhrase(Vocabulary vocabulary) {
        int longest = 1;
        for (int row = 0; row < vocabulary.size() && longest < MAX_PHRASE_WORDS; row++) {
            if (!vocabulary.wordContains(row, '_')) {
                continue; // most words: no string made
            }
            String word = vocabulary.word(row);
            if (word.indexOf('_') > 0 && !word.endsWith("_") && !word.contains("__")) {
                longest = Math.max(longest, Math.min(MAX_PHRASE_WORDS, word.split("_").length));
            }
        }
        return longest;
    }
}
