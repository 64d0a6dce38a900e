package dev.wordvec.training;

import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.TextLines;
import dev.wordvec.vectors.CodePointOrder;
import dev.wordvec.vectors.WordSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A training corpus in memory: one sentence per line (gensim's {@code LineSentence}: at most
 * {@link #MAX_SENTENCE_WORDS} words each), plain or compressed, split into words ({@link Split}), each
 * word kept as its row in the vocabulary. The vocabulary holds the words seen at least
 * {@code minCount} times, most frequent first, tied words in the order gensim gives them (numpy's
 * argsort, {@link NumpyArgsort}); rarer words are dropped from the sentences.
 * {@code maxVocab} caps it as gensim's
 * {@code max_final_vocab} does: at most that many words, by raising the minimum count above the
 * count of the first word past the cap, so that words tied at the cut are all dropped rather than
 * some of them by their order.
 *
 * @param words the vocabulary, most frequent first
 * @param counts each word's count in the corpus
 * @param tokens the kept words' rows, sentence after sentence
 * @param sentenceEnds where each sentence ends in {@code tokens} (exclusive)
 * @param rawTokens words in the corpus before rare ones were dropped
 */
public record Corpus(List<String> words, long[] counts, int[] tokens, int[] sentenceEnds, long rawTokens) {

    /** How a line is split into words. */
    public enum Split {
        /** On whitespace and punctuation, as the service splits texts: the trained words are what it looks up. */
        SERVICE,
        /**
         * On whitespace alone, as gensim's {@code LineSentence} splits (Python's {@code str.split()}):
         * punctuation stays part of the words, for gensim's vocabulary exactly.
         */
        WHITESPACE;

        WordSplitter splitter() {
            return this == SERVICE ? WordSplitter.SERVICE : WordSplitter.WHITESPACE;
        }

        /** The setting named {@code id} on the command line ({@code service}, {@code whitespace}), or null. */
        public static Split of(String id) {
            for (Split split : values()) {
                if (split.name().toLowerCase(Locale.ROOT).equals(id)) {
                    return split;
                }
            }
            return null;
        }
    }

    /**
     * A line longer than this many words is cut into sentences of this many, as gensim's
     * {@code LineSentence} cuts it ({@code max_sentence_length}); a corpus such as text8 is a
     * single line of 17 million words. A line with no words is no sentence.
     */
    static final int MAX_SENTENCE_WORDS = 10_000;

    /**
     * For the command to print: words of the vocabulary that begin with a byte-order mark (U+FEFF),
     * which a file saved "UTF-8 with BOM" starts with. They are kept so, as gensim's
     * {@code LineSentence} keeps them, and are then words apart from the same words without it.
     */
    public Optional<String> byteOrderMarkNote() {
        List<String> marked = words.stream().filter(word -> word.startsWith("\uFEFF")).toList();
        if (marked.isEmpty()) {
            return Optional.empty();
        }
        String plain = marked.get(0).substring(1);
        return Optional.of(marked.size() + (marked.size() == 1 ? " word of the vocabulary begins"
                : " words of the vocabulary begin") + " with a byte-order mark (U+FEFF), as a file saved \"UTF-8 with "
                + "BOM\" does, and is kept so, as gensim's LineSentence keeps it: '\\uFEFF" + plain
                + "' is a word apart from '" + plain + "'; save the corpus without the mark to count them as one");
    }

    /**
     * Progress of reading: lines and bytes so far of the {@code step}: {@code counting} (a file's
     * first reading), {@code keeping} (its second), or {@code reading} (a pipe's only one).
     */
    public record Progress(String step, long lines, long bytes, long totalBytes) {
    }

    public static Corpus read(Path file, int minCount, int maxVocab, Consumer<Progress> progress) throws IOException {
        return read(file, Split.SERVICE, minCount, maxVocab, progress);
    }

    /**
     * Reads {@code corpus}: a file, or a directory whose files are read one after another in name
     * order, as gensim's {@code PathLineSentences} reads one. Lines end at a line feed alone, as
     * gensim reads them (a carriage return is whitespace inside a line), so both ways give gensim's
     * sentences.
     *
     * <p>Files are read twice, as gensim reads its corpus once to build the vocabulary before it
     * trains: first to count the words, then to keep the rows of those frequent enough. A corpus
     * that can be read only once (a pipe) has its words held as read until the vocabulary is
     * known, and then copied, which at that moment costs twice their memory (for 40 million words,
     * 160 MB beside the 160 MB kept) and so about twice the heap.
     */
    public static Corpus read(Path corpus, Split split, int minCount, int maxVocab, Consumer<Progress> progress)
            throws IOException {
        List<ModelSource> files = files(corpus);
        boolean twice = files.stream().allMatch(f -> f.path() != null && Files.isRegularFile(f.path()));
        Counting counted = new Counting(split.splitter(), !twice);
        readLines(files, counted, twice ? "counting" : "reading", progress);
        // The cap as gensim's max_final_vocab: above the count of the first word past the cap.
        int[] countOf = counted.counts();
        int leastCount = maxVocab > 0 && maxVocab < countOf.length
                ? Math.max(minCount, countPastTheCap(countOf, maxVocab) + 1) : minCount;
        // The kept words in order of first appearance, then most frequent first as gensim sorts
        // them: numpy's argsort of their counts, reversed (ties in its order).
        int[] keptWords = IntStream.range(0, countOf.length).filter(i -> countOf[i] >= leastCount).toArray();
        int[] ascending = NumpyArgsort.argsort(Arrays.stream(keptWords).mapToLong(i -> countOf[i]).toArray());
        int[] row = new int[counted.order.size()];
        Arrays.fill(row, -1);
        List<String> words = new ArrayList<>(ascending.length);
        long[] counts = new long[ascending.length];
        long kept = 0;
        for (int r = 0; r < ascending.length; r++) {
            int first = keptWords[ascending[ascending.length - 1 - r]];
            row[first] = r;
            words.add(counted.order.get(first));
            counts[r] = countOf[first];
            kept += countOf[first];
        }
        counted.order = null; // the dropped words' strings go before the kept words are kept
        if (kept > Integer.MAX_VALUE - 8) {
            throw new IOException(corpus + ": " + kept + " words kept, more than the 2,147,483,639 one run can hold: "
                    + "raise --min-count, or train on part of the corpus");
        }
        int[] tokens = new int[(int) kept];
        int[] ends = new int[counted.sentences];
        if (twice && kept > 0) { // with no word kept, a second reading would find nothing to keep
            Keeping keeping = new Keeping(split.splitter(), words, tokens, ends);
            readLines(files, keeping, "keeping", progress);
            if (keeping.raw != counted.raw || keeping.at != kept || keeping.sentences != counted.sentences) {
                throw new IOException(corpus + ": changed while it was read: " + counted.raw + " words and "
                        + counted.sentences + " sentences at first, " + keeping.raw + " and " + keeping.sentences
                        + " the second time");
            }
        } else if (!twice) {
            counted.copyKept(row, tokens, ends);
        }
        return new Corpus(List.copyOf(words), counts, tokens, ends, counted.raw);
    }

    /** Reads {@code files} line by line into {@code sentences}, reporting progress once a second and at the end. */
    private static void readLines(List<ModelSource> files, Sentences sentences, String step,
            Consumer<Progress> progress) throws IOException {
        long total = files.size() == 1 ? -1 : files.stream().mapToLong(ModelSource::size).sum();
        long before = 0; // bytes of the files already read
        long lines = 0;
        long lastReport = System.nanoTime();
        for (ModelSource file : files) {
            try (TextLines reader = TextLines.open(file, TextLines.Ends.LINE_FEED)) {
                for (String line; (line = reader.next()) != null; ) {
                    sentences.add(line);
                    lines++;
                    if (progress != null && System.nanoTime() - lastReport > 1_000_000_000L) {
                        lastReport = System.nanoTime();
                        progress.accept(new Progress(step, lines, before + reader.bytesRead(),
                                files.size() == 1 ? reader.totalBytes() : total));
                    }
                }
                before += reader.bytesRead();
            }
        }
        if (progress != null) {
            progress.accept(new Progress(step, lines, before, before));
        }
    }

    /**
     * Lines split into sentences as gensim's {@code LineSentence} splits them: a line's words, cut
     * after every {@link #MAX_SENTENCE_WORDS}; a line with no words is no sentence.
     */
    private abstract static class Sentences {
        private final WordSplitter splitter;
        long raw; // words so far
        int sentences; // sentences so far

        Sentences(WordSplitter splitter) {
            this.splitter = splitter;
        }

        void add(String line) {
            int sinceCut = 0;
            int end = 0;
            for (int start; (start = splitter.wordStart(line, end)) >= 0; ) {
                end = splitter.wordEnd(line, start);
                word(line, start, end);
                raw++;
                if (++sinceCut == MAX_SENTENCE_WORDS) {
                    endSentence();
                    sentences++;
                    sinceCut = 0;
                }
            }
            if (sinceCut > 0) {
                endSentence();
                sentences++;
            }
        }

        /** The word at {@link #raw}: {@code line} from {@code start} to {@code end}. */
        abstract void word(String line, int start, int end);

        /** The end of sentence {@link #sentences}, after the word at {@link #raw} - 1. */
        abstract void endSentence();
    }

    /**
     * The first reading: each word's count, by its number in order of first appearance. Where the
     * corpus cannot be read again, the words as read too (as those numbers), one sentence after
     * another in blocks of a fixed size (an array per sentence would cost the corpus a fifth more
     * heap in array headers, and a growing array a copy of itself at its peak), and where each
     * sentence ends.
     */
    private static final class Counting extends Sentences {
        // 256 KB blocks: G1 puts an object of half a region or more (a region is 1 MB in a small
        // heap) in regions of its own, and a heap of such blocks runs out of room while half empty.
        private static final int BLOCK_BITS = 16;
        private static final int BLOCK = 1 << BLOCK_BITS;
        private static final int END_BITS = 15;
        private static final int END_BLOCK = 1 << END_BITS;

        private final boolean holdWords;
        private WordTable numbers = new WordTable(1 << 16); // word -> its number
        private int[] counts = new int[1 << 16]; // by number
        List<String> order = new ArrayList<>();
        private final List<int[]> blocks = new ArrayList<>();
        private final List<long[]> endBlocks = new ArrayList<>();
        private int[] block; // the last of blocks

        Counting(WordSplitter splitter, boolean holdWords) {
            super(splitter);
            this.holdWords = holdWords;
        }

        @Override
        void word(String line, int start, int end) {
            int number = numbers.get(line, start, end);
            if (number < 0) {
                number = order.size();
                String word = line.substring(start, end);
                numbers.put(word, number);
                order.add(word);
                if (number == counts.length) {
                    counts = Arrays.copyOf(counts, counts.length * 2);
                }
            }
            counts[number]++;
            if (holdWords) {
                if ((raw & (BLOCK - 1)) == 0) {
                    block = new int[BLOCK];
                    blocks.add(block);
                }
                block[(int) (raw & (BLOCK - 1))] = number;
            }
        }

        @Override
        void endSentence() {
            if (holdWords) {
                if ((sentences & (END_BLOCK - 1)) == 0) {
                    endBlocks.add(new long[END_BLOCK]);
                }
                endBlocks.get(endBlocks.size() - 1)[sentences & (END_BLOCK - 1)] = raw;
            }
        }

        /**
         * Each word's count, by its number, once reading is done: the map from words to numbers is
         * then dropped (a million words can hold more heap than the kept words' copy needs).
         */
        int[] counts() {
            numbers = null;
            return Arrays.copyOf(counts, order.size());
        }

        /** The words held, as {@code row} maps their numbers (-1: dropped), into {@code tokens} and {@code ends}. */
        void copyKept(int[] row, int[] tokens, int[] ends) {
            int at = 0;
            long i = 0;
            for (int s = 0; s < sentences; s++) {
                for (long end = endBlocks.get(s >>> END_BITS)[s & (END_BLOCK - 1)]; i < end; i++) {
                    int r = row[blocks.get((int) (i >>> BLOCK_BITS))[(int) (i & (BLOCK - 1))]];
                    if (r >= 0) {
                        tokens[at++] = r;
                    }
                }
                ends[s] = at;
            }
        }
    }

    /** The second reading: the rows of the kept words, and where each sentence ends among them. */
    private static final class Keeping extends Sentences {
        private final WordTable rows;
        private final int[] tokens;
        private final int[] ends;
        int at; // kept words so far; past the arrays' ends (not written) if the file grew

        Keeping(WordSplitter splitter, List<String> words, int[] tokens, int[] ends) {
            super(splitter);
            rows = new WordTable(2 * words.size());
            for (int r = 0; r < words.size(); r++) {
                rows.put(words.get(r), r);
            }
            this.tokens = tokens;
            this.ends = ends;
        }

        @Override
        void word(String line, int start, int end) {
            int row = rows.get(line, start, end);
            if (row >= 0) {
                if (at < tokens.length) {
                    tokens[at] = row;
                }
                at++;
            }
        }

        @Override
        void endSentence() {
            if (sentences < ends.length) {
                ends[sentences] = at;
            }
        }
    }

    /**
     * Words, each with a number, looked up by the part of a line a word is without copying it out
     * as a string of its own, as a {@code HashMap} look-up would: those copies were half the
     * cost of reading a corpus. Open addressing, at most half full.
     */
    private static final class WordTable {
        private String[] words;
        private int[] values;
        private int size;
        private int shift;

        WordTable(int capacity) {
            int bits = Math.max(4, 32 - Integer.numberOfLeadingZeros(Math.max(1, capacity) - 1));
            words = new String[1 << bits];
            values = new int[1 << bits];
            shift = 32 - bits;
        }

        /** The number of {@code line} from {@code start} to {@code end}, or -1 when it has none. */
        int get(String line, int start, int end) {
            int hash = 0; // String.hashCode's, over the part
            for (int i = start; i < end; i++) {
                hash = 31 * hash + line.charAt(i);
            }
            int length = end - start;
            for (int slot = slot(hash); words[slot] != null; slot = (slot + 1) & (words.length - 1)) {
                String word = words[slot];
                if (word.length() == length && line.regionMatches(start, word, 0, length)) {
                    return values[slot];
                }
            }
            return -1;
        }

        /** Gives {@code word}, which has none yet, the number {@code value}. */
        void put(String word, int value) {
            if (++size > words.length / 2) {
                String[] oldWords = words;
                int[] oldValues = values;
                words = new String[oldWords.length * 2];
                values = new int[oldWords.length * 2];
                shift--;
                for (int i = 0; i < oldWords.length; i++) {
                    if (oldWords[i] != null) {
                        place(oldWords[i], oldValues[i]);
                    }
                }
            }
            place(word, value);
        }

        private void place(String word, int value) {
            int slot = slot(word.hashCode());
            while (words[slot] != null) {
                slot = (slot + 1) & (words.length - 1);
            }
            words[slot] = word;
            values[slot] = value;
        }

        private int slot(int hash) {
            return (hash * 0x9E3779B9) >>> shift;
        }
    }

    /**
     * The files {@code corpus} names: itself (or a zip's member, {@code FILE.zip!MEMBER}), or a
     * directory's files in name order, as gensim's {@code PathLineSentences} lists them. A directory
     * in it fails, as it fails there: nothing in a corpus directory is skipped unsaid.
     */
    static List<ModelSource> files(Path corpus) throws IOException {
        if (!Files.isDirectory(corpus)) {
            return List.of(ModelSource.of(corpus.toString()));
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(corpus)) {
            // Python sorts names by code point, as gensim's PathLineSentences lists them.
            files = listed.sorted(Comparator.comparing(p -> p.getFileName().toString(), CodePointOrder.COMPARATOR))
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException(corpus + ": the corpus directory holds no file");
        }
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                throw new IOException(file + ": is a directory; a corpus directory holds files only, read one after "
                        + "another in name order");
            }
        }
        return files.stream().map(file -> new ModelSource(file.toString(), file, null)).toList();
    }

    /** The count of the word just past the {@code cap} most frequent ones. */
    private static int countPastTheCap(int[] countOf, int cap) {
        int[] ascending = countOf.clone();
        Arrays.sort(ascending);
        return ascending[ascending.length - 1 - cap];
    }
}
