package dev.wordvec.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a corpus as gensim's {@code LineSentence} reads it. */
class CorpusTests {

    /**
     * A line of 25,000 words (text8 is one line of 17 million) is three sentences of at most
     * 10,000 words, so no window reaches across a cut, as in gensim; an empty line is none.
     */
    @Test
    void aLongLineIsCutIntoSentencesOfTenThousandWords(@TempDir Path tmp) throws Exception {
        String longLine = IntStream.range(0, 25_000).mapToObj(i -> "w" + (i % 7)).collect(Collectors.joining(" "));
        Path file = Files.writeString(tmp.resolve("c.txt"), "a b, c\n\n" + longLine + "\nb c\n");
        Corpus corpus = Corpus.read(file, 1, 0, p -> { });
        assertThat(corpus.rawTokens()).isEqualTo(3 + 25_000 + 2);
        assertThat(corpus.sentenceEnds()).containsExactly(3, 10_003, 20_003, 25_003, 25_005);
        // gensim 4.2's index_to_key for these sentences (ties in numpy's argsort order).
        assertThat(corpus.words()).containsExactly("w2", "w1", "w0", "w6", "w5", "w4", "w3", "c", "b", "a");
        assertThat(corpus.counts()[corpus.words().indexOf("w0")]).isEqualTo(3572);
    }

    /**
     * A minimum count no word reaches leaves an empty vocabulary, and the sentences empty, read
     * once or twice, for training to refuse saying so; it failed inside the reading
     * (ArrayIndexOutOfBoundsException).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMinimumCountNoWordReachesLeavesNoWord(boolean pipe, @TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("c.txt"), "a b c\nb c\n\nc\n");
        List<String> steps = new ArrayList<>();
        Corpus corpus = pipe ? throughPipe(file, 4, tmp, steps) : Corpus.read(file, 4, 0, p -> steps.add(p.step()));
        assertThat(corpus.words()).isEmpty();
        assertThat(corpus.tokens()).isEmpty();
        assertThat(corpus.sentenceEnds()).containsExactly(0, 0, 0);
        assertThat(corpus.rawTokens()).isEqualTo(6);
        assertThat(steps).doesNotContain("keeping"); // nothing to keep: the file is not read again
        assertThatThrownBy(() -> new Word2Vec(Word2Vec.Method.CBOW, 10, 5, 5, 1e-3, 0.025, 0.0001, 1, 1, 64)
                .train(corpus, null, 1, 0, p -> { }))
                .hasMessage("the vocabulary has 0 word(s): training needs at least 2");
    }

    /**
     * A file is read twice (counting its words, then keeping them); a pipe, which can be read only
     * once, has its words held as read in blocks (65,536 words, 32,768 ends) until the vocabulary is
     * known: none is lost at their edges, and both give the same corpus.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCorpusLongerThanABlockKeepsEveryWordAndSentence(boolean pipe, @TempDir Path tmp) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 70_000; i++) {
            text.append(i % 3 == 0 ? "a b c\n" : "b c\n");
        }
        Path file = Files.writeString(tmp.resolve("c.txt"), text);
        List<String> steps = new ArrayList<>();
        Corpus corpus = pipe ? throughPipe(file, 1, tmp, steps) : Corpus.read(file, 1, 0, p -> steps.add(p.step()));
        assertThat(steps).containsSubsequence(pipe ? List.of("reading") : List.of("counting", "keeping"))
                .allMatch(pipe ? "reading"::equals : step -> step.equals("counting") || step.equals("keeping"));
        long as = 23_334;
        assertThat(corpus.rawTokens()).isEqualTo(70_000 * 2 + as);
        assertThat(corpus.sentenceEnds()).hasSize(70_000);
        assertThat(corpus.sentenceEnds()[69_999]).isEqualTo(corpus.tokens().length).isEqualTo(70_000 * 2 + as);
        assertThat(corpus.words()).containsExactly("c", "b", "a");
        for (int s = 0, start = 0; s < 70_000; start = corpus.sentenceEnds()[s++]) {
            int[] sentence = Arrays.copyOfRange(corpus.tokens(), start, corpus.sentenceEnds()[s]);
            assertThat(sentence).as("sentence %d", s)
                    .containsExactly(s % 3 == 0 ? new int[] {2, 1, 0} : new int[] {1, 0});
        }
    }

    /**
     * Words are counted and kept by the part of the line they are: tens of thousands of distinct
     * words (the table grows many times), in scripts beyond Latin-1 and beyond the 16-bit plane,
     * each counted and kept as written, whether read twice (a file) or once (a pipe).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyWordIsCountedAndKeptAsWritten(boolean pipe, @TempDir Path tmp) throws Exception {
        java.util.Random random = new java.util.Random(62);
        String[] forms = {"w%d", "é%d", "слово%d", "字%d", "\uD83D\uDE00%d"};
        List<List<String>> lines = new ArrayList<>();
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            List<String> line = new ArrayList<>();
            for (int w = random.nextInt(12); w >= 0; w--) {
                String word = String.format(forms[random.nextInt(forms.length)], random.nextInt(30_000));
                line.add(word);
                counts.merge(word, 1, Integer::sum);
            }
            lines.add(line);
        }
        Path file = Files.writeString(tmp.resolve("c.txt"),
                lines.stream().map(l -> String.join(" ", l)).collect(Collectors.joining("\n")));
        Corpus corpus = pipe ? throughPipe(file, 2, tmp, new ArrayList<>()) : Corpus.read(file, 2, 0, p -> { });
        Set<String> kept = counts.entrySet().stream().filter(e -> e.getValue() >= 2).map(java.util.Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(kept).hasSizeGreaterThan(10_000);
        assertThat(new HashSet<>(corpus.words())).isEqualTo(kept);
        for (int r = 0; r < corpus.words().size(); r++) {
            assertThat(corpus.counts()[r]).isEqualTo(counts.get(corpus.words().get(r)).longValue());
        }
        assertThat(sentences(corpus)).isEqualTo(lines.stream().map(l -> l.stream().filter(kept::contains).toList())
                .toList());
    }

    /**
     * A directory is read file after file in name order (by code point: "B" before "a", "a10"
     * before "a2"), each file unpacked on its own, as gensim's {@code PathLineSentences} reads it.
     * gensim 4.2 on this directory: {@code list(PathLineSentences(dir))} is
     * {@code [['e'], ['c', 'd'], ['a', 'b', 'c'], ['d', 'd'], ['e'], ['é', 'f']]} and
     * {@code Word2Vec(that, min_count=1).wv.index_to_key} {@code ['d', 'c', 'e', 'f', 'é', 'b', 'a']}.
     */
    @Test
    void aDirectoryIsReadFileByFileInNameOrderAsGensimsPathLineSentences(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("corpus"));
        Files.writeString(dir.resolve("a10.txt"), "c d\n");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("a2.txt.gz")))) {
            out.write("a b c\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("B.txt"), "e\n");
        try (var out = new BZip2CompressorOutputStream(Files.newOutputStream(dir.resolve("b.txt.bz2")))) {
            out.write("d d\ne".getBytes(StandardCharsets.UTF_8));
        }
        // "é.txt" in UTF-8, written by the shell: this JVM may run without a locale (LANG=C), where
        // Java can name no such file, though it lists and reads one.
        Process shell = new ProcessBuilder("sh", "-c", "printf '\\303\\251 f\\n' > \"$(printf '\\303\\251').txt\"")
                .directory(dir.toFile()).inheritIO().start();
        assertThat(shell.waitFor()).isZero();
        Corpus corpus = Corpus.read(dir, Corpus.Split.WHITESPACE, 1, 0, p -> { });
        assertThat(sentences(corpus)).containsExactly(List.of("e"), List.of("c", "d"), List.of("a", "b", "c"),
                List.of("d", "d"), List.of("e"), List.of("\u00e9", "f"));
        assertThat(corpus.words()).containsExactly("d", "c", "e", "f", "\u00e9", "b", "a");
        assertThat(corpus.counts()).containsExactly(3, 2, 2, 1, 1, 1, 1);
        Files.createDirectory(dir.resolve("more"));
        assertThatThrownBy(() -> Corpus.read(dir, 1, 0, p -> { })).hasMessage(dir.resolve("more")
                + ": is a directory; a corpus directory holds files only, read one after another in name order");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThatThrownBy(() -> Corpus.read(empty, 1, 0, p -> { }))
                .hasMessage(empty + ": the corpus directory holds no file");
    }

    /**
     * {@code maxVocab} is gensim's {@code max_final_vocab}: the minimum count rises above the count
     * of the first word past the cap, so words tied at the cut all go. gensim 4.2 on this corpus,
     * {@code Word2Vec(sentences, min_count=m, max_final_vocab=n).wv.index_to_key}, keeps the same
     * words in the same order (tied words as numpy's argsort leaves them: "d" before "c" here).
     */
    @Test
    void maxVocabDropsEveryWordTiedAtTheCutAsGensimDoes(@TempDir Path tmp) throws Exception {
        // a 5, b 4, c 2, d 2, e 1, f 1
        Path file = Files.writeString(tmp.resolve("c.txt"), "a a a a b b b c c d d e\nf a b\n");
        assertThat(Corpus.read(file, 1, 3, p -> { }).words()).as("c and d tie at the cut").containsExactly("a", "b");
        assertThat(Corpus.read(file, 1, 2, p -> { }).words()).containsExactly("a", "b");
        assertThat(Corpus.read(file, 1, 1, p -> { }).words()).containsExactly("a");
        assertThat(Corpus.read(file, 1, 4, p -> { }).words()).containsExactly("a", "b", "d", "c");
        assertThat(Corpus.read(file, 1, 5, p -> { }).words()).containsExactly("a", "b", "d", "c");
        assertThat(Corpus.read(file, 1, 6, p -> { }).words()).containsExactly("a", "b", "d", "c", "f", "e");
        assertThat(Corpus.read(file, 3, 5, p -> { }).words()).containsExactly("a", "b");
    }

    /**
     * {@code whitespace} splits as gensim's {@code LineSentence}: on Python's whitespace only, lines
     * ending at a line feed alone. gensim 4.2, {@code list(LineSentence(path))} of this file:
     * {@code [['a.b', 'c,d', 'e', 'f', 'g', 'h', 'I\u200bj'], ["don't", 'stop']]} (U+200B is no
     * whitespace to Python). {@code service} also splits at punctuation.
     */
    @Test
    void splitsLinesAsGensimsLineSentenceOrAsTheService(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("c.txt"), "a.b c,d\u00a0e\u3000f\u001cg\u0085h\rI\u200bj\n\n don't stop\n");
        Corpus gensim = Corpus.read(file, Corpus.Split.WHITESPACE, 1, 0, p -> { });
        assertThat(sentences(gensim)).containsExactly(List.of("a.b", "c,d", "e", "f", "g", "h", "I\u200bj"),
                List.of("don't", "stop"));
        Corpus service = Corpus.read(file, Corpus.Split.SERVICE, 1, 0, p -> { });
        assertThat(sentences(service)).containsExactly(List.of("a", "b", "c", "d", "e", "f", "g", "h", "I\u200bj"),
                List.of("don", "t", "stop"));
        assertThat(Corpus.Split.of("whitespace")).isEqualTo(Corpus.Split.WHITESPACE);
        assertThat(Corpus.Split.of("gensim")).isNull();
    }

    /**
     * A corpus saved "UTF-8 with BOM": gensim's {@code LineSentence} keeps the mark in the first
     * word ({@code ['\ufeffalpha', 'beta']}), and so does either split; the command is told.
     */
    @Test
    void aByteOrderMarkStaysInTheFirstWordAndIsNoted(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("bom.txt"), "\uFEFFalpha beta\nalpha beta\n");
        for (Corpus.Split split : Corpus.Split.values()) {
            Corpus corpus = Corpus.read(file, split, 1, 0, p -> { });
            assertThat(sentences(corpus)).containsExactly(List.of("\uFEFFalpha", "beta"), List.of("alpha", "beta"));
            assertThat(corpus.byteOrderMarkNote()).contains("1 word of the vocabulary begins with a byte-order mark "
                    + "(U+FEFF), as a file saved \"UTF-8 with BOM\" does, and is kept so, as gensim's LineSentence "
                    + "keeps it: '\\uFEFFalpha' is a word apart from 'alpha'; save the corpus without the mark to "
                    + "count them as one");
            assertThat(Corpus.read(file, split, 2, 0, p -> { }).byteOrderMarkNote()).as("below the minimum count")
                    .isEmpty();
        }
    }

    /**
     * Every code point splits a word under {@code whitespace} exactly when Python's
     * {@code str.isspace()} holds for it (Python 3.11: {@code [c for c in range(0x110000) if
     * chr(c).isspace()]}), and under {@code service} at least then.
     */
    @Test
    void whitespaceIsPythonsWhitespace(@TempDir Path tmp) throws Exception {
        Set<Integer> python = Set.of(0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
                0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
                0x205f, 0x3000);
        StringBuilder text = new StringBuilder();
        List<Integer> tried = new ArrayList<>();
        for (int c = 0; c < 0x110000; c++) {
            if (c != '\n' && Character.isDefined(c) && Character.getType(c) != Character.SURROGATE && c != 'x' && c != 'y') {
                text.append('x').appendCodePoint(c).append("y ");
                tried.add(c);
            }
        }
        Path file = Files.writeString(tmp.resolve("c.txt"), text);
        Set<String> whitespace = new HashSet<>(Corpus.read(file, Corpus.Split.WHITESPACE, 1, 0, p -> { }).words());
        Set<String> service = new HashSet<>(Corpus.read(file, Corpus.Split.SERVICE, 1, 0, p -> { }).words());
        Set<Integer> splitByWhitespace = new HashSet<>();
        Set<Integer> unsplitByService = new HashSet<>();
        for (int c : tried) {
            String joined = new StringBuilder("x").appendCodePoint(c).append('y').toString();
            if (!whitespace.contains(joined)) {
                splitByWhitespace.add(c);
            }
            if (service.contains(joined)) {
                unsplitByService.add(c);
            }
        }
        assertThat(splitByWhitespace).containsExactlyInAnyOrderElementsOf(python.stream().filter(c -> c != '\n').toList());
        assertThat(unsplitByService).doesNotContainAnyElementsOf(python);
    }

    /** A corpus is opened as a model file is: gzip, bzip2, xz or a zip's text file, by their bytes. */
    @Test
    void readsCompressedCorpora(@TempDir Path tmp) throws Exception {
        String text = "the cat sat\nthe dog ran\n";
        Path bzip2 = tmp.resolve("corpus.bz2");
        try (var out = new BZip2CompressorOutputStream(
                Files.newOutputStream(bzip2))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path zip = tmp.resolve("text8.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("README"));
            out.write("not the corpus".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("text8"));
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        for (Path file : List.of(bzip2, zip)) {
            Corpus corpus = Corpus.read(file, Corpus.Split.WHITESPACE, 1, 0, p -> { });
            assertThat(sentences(corpus)).as(file.toString())
                    .containsExactly(List.of("the", "cat", "sat"), List.of("the", "dog", "ran"));
        }
        Path broken = Files.write(tmp.resolve("broken.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
        assertThatThrownBy(() -> Corpus.read(broken, 1, 0, p -> { }))
                .hasMessageStartingWith(broken + ": the gzip data is truncated or corrupt");
        // Cut part-way: the error names the file and the line it reached, not only zlib's complaint.
        byte[] packed;
        try (var bytes = new java.io.ByteArrayOutputStream()) {
            try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
                out.write(text.repeat(5000).getBytes(StandardCharsets.UTF_8));
            }
            packed = bytes.toByteArray();
        }
        Path cut = Files.write(tmp.resolve("cut.gz"), Arrays.copyOf(packed, packed.length - 20));
        assertThatThrownBy(() -> Corpus.read(cut, 1, 0, p -> { }))
                .hasMessageMatching(java.util.regex.Pattern.quote(cut.toString())
                        + ", line \\d+: the gzip data is truncated or corrupt \\(java.io.EOFException.*");
    }

    /** Text that is not UTF-8 fails naming the line it is on, however far into the corpus. */
    @Test
    void badTextNamesItsLine(@TempDir Path tmp) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        bytes.write("the cat sat on the mat\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {'t', 'h', 'e', ' ', 'd', 'o', 'g', ' ', (byte) 0xff, '\n'});
        Path file = Files.write(tmp.resolve("corpus.txt"), bytes.toByteArray());
        assertThatThrownBy(() -> Corpus.read(file, 1, 0, p -> { }))
                .hasMessage(file + ", line 10001: not valid UTF-8 text: byte 9 of the line, 0xff");
    }

    /** {@code file} read from a named pipe, written by another thread as the corpus is read. */
    private static Corpus throughPipe(Path file, int minCount, Path tmp, List<String> steps) throws Exception {
        Path fifo = tmp.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                Files.copy(file, out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        try {
            return Corpus.read(fifo, minCount, 0, p -> steps.add(p.step()));
        } finally {
            writer.join();
        }
    }

    private static List<List<String>> sentences(Corpus corpus) {
        List<List<String>> sentences = new ArrayList<>();
        int start = 0;
        for (int end : corpus.sentenceEnds()) {
            sentences.add(Arrays.stream(corpus.tokens(), start, end).mapToObj(corpus.words()::get).toList());
            start = end;
        }
        return sentences;
    }
}
