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
    /** Most tokens a word written with punctuation inside it is tried as ({@code state-of-the-art}: 4). */
    private static final int MAX_WRITTEN_TOKENS = 8;

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

    /** Words (or text tokens) looked up through {@link #findAll} and {@link #findText} so far. */
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
     * A text's words ({@link WordSplitter#SERVICE}: split at whitespace and punctuation) matched
     * left to right. At each token, first the longest word written with punctuation inside it that
     * the vocabulary holds ({@code e-mail}, {@code U.S.}, {@code 3.14}, {@code 1,000}: tokens joined
     * by punctuation alone, with one punctuation mark after them tried first), then the longest
     * phrase ({@code new york city} as {@code New_York_City}), then the token alone, and if it is
     * unknown, with the punctuation mark after it ({@code co.}). Each returned
     * match stands for one or more tokens ({@link WordMatch#word()}: as written, or a phrase's
     * tokens joined with spaces).
     */
    public List<WordMatch> findText(String text) {
        WordSplitter splitter = WordSplitter.SERVICE;
        List<String> tokens = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        int end = 0;
        for (int start; (start = splitter.wordStart(text, end)) >= 0; ) {
            end = splitter.wordEnd(text, start);
            tokens.add(text.substring(start, end));
            spans.add(new int[] {start, end});
        }
        List<WordMatch> matches = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            int used = 1;
            WordMatch match = null;
            int last = i;
            while (last + 1 < tokens.size() && last + 1 - i < MAX_WRITTEN_TOKENS
                    && punctuationOnly(text, spans.get(last)[1], spans.get(last + 1)[0])) {
                last++;
            }
            for (int j = last; j > i && match == null; j--) {
                match = findWritten(text, spans.get(i)[0], spans.get(j)[1]);
                used = j - i + 1;
            }
            for (int n = Math.min(phraseWords, tokens.size() - i); n >= 2 && match == null; n--) {
                WordMatch phrase = find(String.join(" ", tokens.subList(i, i + n)));
                if (phrase.known()) {
                    match = phrase;
                    used = n;
                }
            }
            if (match == null) {
                match = find(tokens.get(i));
                used = 1;
                if (!match.known()) {
                    WordMatch withMark = findWritten(text, spans.get(i)[0], spans.get(i)[1]);
                    match = withMark != null ? withMark : match;
                }
            }
            matches.add(match);
            i += used;
        }
        return counted(matches);
    }

    /** {@code text[start, end)} as written, with the punctuation mark after it first ({@code U.S.}); null if neither is known. */
    private WordMatch findWritten(String text, int start, int end) {
        if (end < text.length()) {
            int next = text.codePointAt(end);
            if (!WordSplitter.WHITESPACE.isSeparator(next) && WordSplitter.SERVICE.isSeparator(next)) {
                WordMatch withMark = find(text.substring(start, end + Character.charCount(next)));
                if (withMark.known()) {
                    return withMark;
                }
            }
        }
        WordMatch bare = find(text.substring(start, end));
        return bare.known() ? bare : null;
    }

    /** Whether {@code text[from, to)}, the separators between two tokens, is punctuation with no whitespace. */
    private static boolean punctuationOnly(String text, int from, int to) {
        for (int at = from; at < to; ) {
            int codePoint = text.codePointAt(at);
            if (WordSplitter.WHITESPACE.isSeparator(codePoint)) {
                return false;
            }
            at += Character.charCount(codePoint);
        }
        return true;
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
