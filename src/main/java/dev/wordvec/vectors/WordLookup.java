package dev.wordvec.vectors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
    /**
     * The lower-cased first tokens of the vocabulary's words written with punctuation ({@code e}
     * of {@code e-mail}, {@code co} of {@code co.}): a text's token is tried as the start of such a
     * word only when one starts with it, so that a text made of punctuated tokens costs no more
     * lookups than any other. Found by a scan of the vocabulary (16 to 30 ms for 400,000 words, 200
     * for 2 million multilingual ones) on a thread of its own, so that neither the load nor the
     * first text waits for it; a text that comes first runs it, or waits for it, once.
     */
    private final FutureTask<Set<String>> writtenStarts = new FutureTask<>(this::findWrittenStarts);
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
        Thread scan = new Thread(writtenStarts, "written-words");
        scan.setDaemon(true);
        scan.start();
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
        return findText(text, false);
    }

    /**
     * {@link #findText(String)}, and with {@code unknownRunsWhole} (a model that answers unknown
     * words from their n-grams) tokens joined by marks alone that are no known word are one
     * unknown word ({@code e-mail}, {@code don't}), as fastText, which splits at whitespace only,
     * reads them: its n-grams then answer for the whole.
     */
    public List<WordMatch> findText(String text, boolean unknownRunsWhole) {
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
            boolean writtenStart = (last > i || followedByMark(text, spans.get(i)[1]))
                    && writtenStarts().contains(tokens.get(i).toLowerCase(Locale.ROOT));
            for (int j = writtenStart ? last : i; j > i && match == null; j--) {
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
            if (match == null && unknownRunsWhole && last > i) {
                int runEnd = last; // the whole run, however long: fastText's word ends at whitespace only
                while (runEnd + 1 < tokens.size()
                        && punctuationOnly(text, spans.get(runEnd)[1], spans.get(runEnd + 1)[0])) {
                    runEnd++;
                }
                match = WordMatch.unknown(text.substring(spans.get(i)[0], spans.get(runEnd)[1]));
                used = runEnd - i + 1;
            }
            if (match == null) {
                match = find(tokens.get(i));
                used = 1;
                if (!match.known() && writtenStart) {
                    WordMatch withMark = findWithMark(text, spans.get(i)[0], spans.get(i)[1]);
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
        WordMatch withMark = findWithMark(text, start, end);
        if (withMark != null) {
            return withMark;
        }
        WordMatch bare = find(text.substring(start, end));
        return bare.known() ? bare : null;
    }

    /** {@code text[start, end)} with the punctuation mark after it, if one follows and that is known; else null. */
    private WordMatch findWithMark(String text, int start, int end) {
        if (!followedByMark(text, end)) {
            return null;
        }
        WordMatch withMark = find(text.substring(start, end + Character.charCount(text.codePointAt(end))));
        return withMark.known() ? withMark : null;
    }

    /** Whether a punctuation mark (a separator that is not whitespace) is at {@code at}. */
    private static boolean followedByMark(String text, int at) {
        if (at >= text.length()) {
            return false;
        }
        return WordSplitter.isMark(text.codePointAt(at));
    }

    private Set<String> writtenStarts() {
        writtenStarts.run(); // nothing when the scan has run or is running
        try {
            return writtenStarts.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the vocabulary's punctuated words were found", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("finding the vocabulary's punctuated words failed", e.getCause());
        }
    }

    /** See {@link #writtenStarts}: only words with a punctuation mark in them are made strings. */
    private Set<String> findWrittenStarts() {
        WordSplitter splitter = WordSplitter.SERVICE;
        Set<String> starts = new HashSet<>();
        for (int row = 0; row < vocabulary.size(); row++) {
            if (!vocabulary.anyCodePoint(row, WordSplitter::isMark)) {
                continue;
            }
            String word = vocabulary.word(row);
            // A word that starts with a mark never matches: a text's words are tried from a token's start.
            if (splitter.wordStart(word, 0) == 0 && followedByMark(word, splitter.wordEnd(word, 0))) {
                starts.add(word.substring(0, splitter.wordEnd(word, 0)).toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(starts);
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
