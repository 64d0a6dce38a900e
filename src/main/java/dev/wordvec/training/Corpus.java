package dev.wordvec.training;

import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.TextLines;
import dev.wordvec.vectors.WordSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** Progress of reading: lines and bytes so far. */
    public record Progress(long lines, long bytes, long totalBytes) {
    }

    public static Corpus read(Path file, int minCount, int maxVocab, Consumer<Progress> progress) throws IOException {
        return read(file, Split.SERVICE, minCount, maxVocab, progress);
    }

    /**
     * Reads {@code corpus}: a file, or a directory whose files are read one after another in name
     * order, as gensim's {@code PathLineSentences} reads one. Lines end at a line feed alone, as
     * gensim reads them (a carriage return is whitespace inside a line), so both ways give gensim's
     * sentences.
     */
    public static Corpus read(Path corpus, Split split, int minCount, int maxVocab, Consumer<Progress> progress)
            throws IOException {
        Sentences read = new Sentences(split.splitter());
        List<ModelSource> files = files(corpus);
        long total = files.size() == 1 ? -1 : files.stream().mapToLong(ModelSource::size).sum();
        long before = 0; // bytes of the files already read
        long lines = 0;
        long lastReport = System.nanoTime();
        for (ModelSource file : files) {
            try (TextLines reader = TextLines.open(file, TextLines.Ends.LINE_FEED)) {
                for (String line; (line = reader.next()) != null; ) {
                    read.add(line);
                    lines++;
                    if (progress != null && System.nanoTime() - lastReport > 1_000_000_000L) {
                        lastReport = System.nanoTime();
                        progress.accept(new Progress(lines, before + reader.bytesRead(),
                                files.size() == 1 ? reader.totalBytes() : total));
                    }
                }
                before += reader.bytesRead();
            }
        }
        // The cap as gensim's max_final_vocab: above the count of the first word past the cap.
        int[] countOf = read.counts();
        int leastCount = maxVocab > 0 && maxVocab < countOf.length
                ? Math.max(minCount, countPastTheCap(countOf, maxVocab) + 1) : minCount;
        // The kept words in order of first appearance, then most frequent first as gensim sorts
        // them: numpy's argsort of their counts, reversed (ties in its order).
        int[] keptWords = IntStream.range(0, countOf.length).filter(i -> countOf[i] >= leastCount).toArray();
        int[] ascending = NumpyArgsort.argsort(Arrays.stream(keptWords).mapToLong(i -> countOf[i]).toArray());
        int[] row = new int[read.order.size()];
        Arrays.fill(row, -1);
        List<String> words = new ArrayList<>(ascending.length);
        long[] counts = new long[ascending.length];
        for (int r = 0; r < ascending.length; r++) {
            int first = keptWords[ascending[ascending.length - 1 - r]];
            row[first] = r;
            words.add(read.order.get(first));
            counts[r] = countOf[first];
        }
        read.order = null; // the dropped words' strings go before the kept words are copied out
        long kept = 0;
        for (long i = 0; i < read.raw; i++) {
            kept += row[read.word(i)] >= 0 ? 1 : 0;
        }
        if (kept > Integer.MAX_VALUE - 8) {
            throw new IOException(corpus + ": " + kept + " words kept, more than the 2,147,483,639 one run can hold: "
                    + "raise --min-count, or train on part of the corpus");
        }
        int[] tokens = new int[(int) kept];
        int[] ends = new int[read.sentences];
        int at = 0;
        long i = 0;
        for (int s = 0; s < read.sentences; s++) {
            for (long end = read.end(s); i < end; i++) {
                int r = row[read.word(i)];
                if (r >= 0) {
                    tokens[at++] = r;
                }
            }
            ends[s] = at;
        }
        return new Corpus(List.copyOf(words), counts, tokens, ends, read.raw);
    }

    /**
     * The sentences read so far: each word as its number in order of first appearance, one
     * sentence after another in blocks of a fixed size (an array per sentence would cost the corpus
     * a fifth more heap in array headers, and a growing array a copy of itself at its peak), where
     * each sentence ends, and each word's count.
     */
    private static final class Sentences {
        // 256 KB blocks: G1 puts an object of half a region or more (a region is 1 MB in a small
        // heap) in regions of its own, and a heap of such blocks runs out of room while half empty.
        private static final int BLOCK_BITS = 16;
        private static final int BLOCK = 1 << BLOCK_BITS;
        private static final int END_BITS = 15;
        private static final int END_BLOCK = 1 << END_BITS;

        private Map<String, int[]> seen = new HashMap<>(); // word -> {number, count}
        List<String> order = new ArrayList<>();
        final List<int[]> blocks = new ArrayList<>();
        final List<long[]> endBlocks = new ArrayList<>();
        final WordSplitter splitter;
        private int[] block; // the last of blocks
        long raw;
        int sentences;

        Sentences(WordSplitter splitter) {
            this.splitter = splitter;
        }

        /** A line's words: one sentence, or several of at most {@link #MAX_SENTENCE_WORDS}; none when it has none. */
        void add(String line) {
            int sinceCut = 0;
            int end = 0;
            for (int start; (start = splitter.wordStart(line, end)) >= 0; ) {
                end = splitter.wordEnd(line, start);
                String token = line.substring(start, end);
                int[] entry = seen.get(token);
                if (entry == null) {
                    entry = new int[] {order.size(), 0};
                    seen.put(token, entry);
                    order.add(token);
                }
                entry[1]++;
                if ((raw & (BLOCK - 1)) == 0) {
                    block = new int[BLOCK];
                    blocks.add(block);
                }
                block[(int) (raw & (BLOCK - 1))] = entry[0];
                raw++;
                if (++sinceCut == MAX_SENTENCE_WORDS) {
                    endSentence();
                    sinceCut = 0;
                }
            }
            if (sinceCut > 0) {
                endSentence();
            }
        }

        private void endSentence() {
            if ((sentences & (END_BLOCK - 1)) == 0) {
                endBlocks.add(new long[END_BLOCK]);
            }
            endBlocks.get(endBlocks.size() - 1)[sentences & (END_BLOCK - 1)] = raw;
            sentences++;
        }

        /**
         * Each word's count, by its number, once reading is done: the map from words to numbers is
         * then dropped (a million words can hold more heap than the kept words' copy needs).
         */
        int[] counts() {
            int[] counts = new int[order.size()];
            seen.values().forEach(e -> counts[e[0]] = e[1]);
            seen = null;
            return counts;
        }

        /** The number of the word at {@code i}, counting every word read. */
        int word(long i) {
            return blocks.get((int) (i >>> BLOCK_BITS))[(int) (i & (BLOCK - 1))];
        }

        /** Where sentence {@code s} ends, counting every word read (exclusive). */
        long end(int s) {
            return endBlocks.get(s >>> END_BITS)[s & (END_BLOCK - 1)];
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
            // Python sorts names by code point; Java's compareTo would put U+10000 and above before U+E000.
            files = listed.sorted(Comparator.comparing(p -> p.getFileName().toString(),
                    Comparator.comparing(name -> name.codePoints().toArray(), Arrays::compare))).toList();
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
