package dev.wordvec.training;

import dev.wordvec.cli.CommandOptions;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.PartialFile;
import dev.wordvec.formats.UnicodeErrors;
import dev.wordvec.formats.VectorsWriter;
import dev.wordvec.memory.HeapCompaction;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code java -jar wordvec.jar train CORPUS OUT [--method cbow|skipgram|ppmi-svd] [options]}: word vectors from
 * your own text. CORPUS holds one sentence per line (gensim's {@code LineSentence}), plain or
 * compressed, or is a directory of such files read in name order (gensim's {@code PathLineSentences});
 * words are split as the service splits texts, or ({@code --split whitespace}) as gensim splits them.
 * The output is written through a temporary file, renamed when complete, and loads in the service as
 * any model.
 */
public final class TrainCommand {

    public static final String USAGE = """
            usage: java -jar wordvec.jar train CORPUS OUT [--method cbow|skipgram|ppmi-svd] [options]
              CORPUS: plain text (or gzip, bzip2, xz, zip), one sentence per line, or a directory of such files
              (read in name order, as gensim's PathLineSentences); OUT: .txt/.vec (word2vec text),
              .bin (word2vec binary) or .wvc (wordvec's cache), or say --format word2vec|word2vec-binary|wvc;
              OUT ending .gz, .bz2 or .xz is compressed so (vectors.bin.gz: word2vec binary, gzip);
              CORPUS - is standard input, OUT - standard output (word2vec text, or binary with --format)
              --method: cbow by default, as gensim's Word2Vec (sg=0)
              all methods:  --dim 100 --window 5 --min-count 5 --max-vocab 0 (no limit) --seed 1
                            --split service (on whitespace and punctuation, as the service splits texts)
                                    | whitespace (on whitespace alone, as gensim's LineSentence)
              skipgram, cbow (word2vec with negative sampling, on the engine; gensim's defaults):
                            --negative 5 --sample 1e-3 --alpha 0.025 --min-alpha 0.0001 --epochs 5
                            --threads (cores) --batch 256 (per engine step: skip-gram pairs, CBOW words)
                            --init MODEL  start from a model's vectors (same --dim); words it lacks start random
                            --unicode-errors E  --init's words that are not UTF-8: strict (default),
                                                replace, ignore or backslashreplace, as gensim's
              ppmi-svd (count-based: windowed co-occurrences, shifted positive PMI, truncated SVD):
                            --cds 0.75 (context-distribution smoothing) --shift 1 --eig 0.5""";

    private static final Set<String> ALL_METHODS = Set.of("--method", "--format", "--split", "--dim", "--window",
            "--min-count", "--max-vocab", "--seed");
    private static final Set<String> PPMI_ONLY = Set.of("--cds", "--shift", "--eig");
    private static final Set<String> WORD2VEC_ONLY = Set.of("--negative", "--sample", "--alpha", "--min-alpha", "--epochs",
            "--threads", "--batch", "--init", "--unicode-errors");
    private static final Set<String> OPTIONS = union(ALL_METHODS, PPMI_ONLY, WORD2VEC_ONLY);

    private TrainCommand() {
    }

    /** Runs the command; returns the exit code (0 done, 1 the corpus could not be read or the output written, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandOptions options;
        String method;
        VectorsWriter.Format format;
        Corpus.Split split;
        Trainer trainer;
        int minCount;
        int maxVocab;
        int dim;
        try {
            options = CommandOptions.parse(args, 1, OPTIONS, Set.of());
            if (options.plain().size() != 2) {
                throw new CommandOptions.UsageException("name a corpus file and an output file");
            }
            // gensim's Word2Vec trains CBOW unless asked for skip-gram (sg=0)
            method = options.choice("--method", m -> Set.of("cbow", "skipgram", "ppmi-svd").contains(m) ? m : null,
                    "cbow, skipgram or ppmi-svd", "cbow");
            boolean ppmi = method.equals("ppmi-svd");
            for (String option : options.givenOptions()) {
                if ((ppmi ? WORD2VEC_ONLY : PPMI_ONLY).contains(option)) {
                    throw new CommandOptions.UsageException(option + " is not an option of --method " + method);
                }
            }
            split = options.choice("--split", Corpus.Split::of, "service or whitespace", Corpus.Split.SERVICE);
            format = options.choice("--format", VectorsWriter.Format::of, VectorsWriter.Format.CHOICES, null);
            minCount = options.whole("--min-count", 1, 5);
            maxVocab = options.whole("--max-vocab", 0, 0);
            dim = options.whole("--dim", 1, 100);
            trainer = ppmi ? ppmiSvd(options, dim) : word2vec(method, options, dim);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        String corpusName = options.input(0);
        Path corpusFile = Path.of(corpusName);
        Path target = options.output(1);
        String init = options.value("--init", "");
        for (String[] input : new String[][] {{corpusName, "the corpus"}, {init, "the --init model"}}) {
            String refusal = input[0].isEmpty() ? null : PartialFile.refusal(target, input[0], input[1]);
            if (refusal != null) {
                err.println(refusal);
                return 2;
            }
        }
        if (Files.isDirectory(corpusFile) && target.toAbsolutePath().normalize()
                .startsWith(corpusFile.toAbsolutePath().normalize())) {
            err.println(target + " is inside the corpus directory " + corpusFile + ", every file of which is read as "
                    + "corpus: the vectors would be read as text by the next run; write them elsewhere");
            return 2;
        }
        // Found out before the corpus is read, which can take minutes.
        Path initFile = init.isEmpty() ? null : ModelSource.of(init).path();
        String initProblem = initFile == null ? null : ModelSource.notReadable(initFile);
        if (initProblem != null) {
            err.println("--init " + init + ": " + initProblem);
            return 1;
        }
        if (format == null) {
            format = VectorsWriter.Format.forFile(target);
        }
        String unwritable = VectorsWriter.refusal(format, target);
        if (unwritable != null) {
            err.println(unwritable);
            return 2;
        }
        long started = System.nanoTime();
        Corpus corpus;
        try {
            Path file = ModelSource.of(corpusName).path(); // FILE.zip!MEMBER names a member of a zip
            String notReadable = file == null ? "no such file"
                    : Files.isDirectory(file) ? null : ModelSource.notReadable(file);
            if (notReadable != null) {
                err.println(corpusFile + ": " + notReadable);
                return 1;
            }
            corpus = Corpus.read(corpusFile, split, minCount, maxVocab, p -> showReading(err, p));
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        }
        err.printf(Locale.ROOT, "Corpus %s: %d sentences, %d words, %d kept in a vocabulary of %d (min count %d)%n",
                corpusFile, corpus.sentenceEnds().length, corpus.rawTokens(), corpus.tokens().length,
                corpus.words().size(), minCount);
        corpus.byteOrderMarkNote().ifPresent(note -> err.println("note: " + note));
        try {
            String noRoom = VectorsWriter.noRoom(corpus.words(), dim, format, target);
            if (noRoom != null) {
                err.println(noRoom);
                return 1;
            }
        } catch (IOException e) {
            // The free space cannot be read here: the write will say if it does not fit.
        }
        // Reading grew the heap; training should not run in a young generation sized for that.
        HeapCompaction.compact();
        PyTorchEngine.configureOffline();
        // word2vec trains on several threads of its own, each with one engine thread.
        PyTorchEngine.start(method.equals("ppmi-svd") ? Runtime.getRuntime().availableProcessors() : 1);
        RowBlocks vectors;
        try {
            vectors = trainer.train(corpus, init, err, started);
        } catch (IOException | IllegalArgumentException | Word2Vec.DivergedException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            VectorsWriter.write(new Vocabulary(corpus.words()), vectors, format, target)
                    .ifPresent(note -> err.println("note: " + note));
            // Written to standard output, the vectors are all it holds.
            (PartialFile.isStream(target) ? err : out).printf(Locale.ROOT, "Trained %s (%s, %d words x %d) in %.1f s: "
                    + "%s%n", target, method, corpus.words().size(), vectors.dimension(),
                    (System.nanoTime() - started) / 1e9, VectorsWriter.described(format, target));
        } catch (IOException e) {
            err.println(PartialFile.writeFailure(target, e));
            return 1;
        }
        return 0;
    }

    /**
     * A line of the corpus read's progress: a percentage of the file, or megabytes when its size is
     * unknown. A file is read twice: {@code counting} its words, then {@code keeping} those frequent enough.
     */
    private static void showReading(PrintStream err, Corpus.Progress p) {
        String step = p.step().equals("reading") ? "reading" : p.step() + " words";
        if (p.totalBytes() > 0) {
            err.printf(Locale.ROOT, "  %s: %d lines, %.1f%% of %.1f MB%n", step, p.lines(),
                    100.0 * p.bytes() / p.totalBytes(), p.totalBytes() / 1e6);
        } else {
            err.printf(Locale.ROOT, "  %s: %d lines, %.1f MB%n", step, p.lines(), p.bytes() / 1e6);
        }
    }

    /** A method with its settings, ready to train on a corpus. */
    private interface Trainer {
        RowBlocks train(Corpus corpus, String init, PrintStream err, long started) throws IOException;
    }

    private static Trainer ppmiSvd(CommandOptions options, int dim) {
        PpmiSvd svd = new PpmiSvd(dim, options.whole("--window", 1, 5),
                options.number("--cds", v -> v > 0 && v <= 1, "above 0 and at most 1", 0.75),
                options.number("--shift", v -> v >= 1, "of at least 1", 1), options.number("--eig", v -> true, "", 0.5),
                options.anyWhole("--seed", 1));
        return (corpus, init, err, started) -> {
            if (corpus.words().size() < svd.dim()) {
                throw new IllegalArgumentException("the vocabulary has " + corpus.words().size() + " words, fewer than --dim "
                        + svd.dim() + ": lower --dim or --min-count, or use a larger corpus");
            }
            return svd.train(corpus, step -> err.printf(Locale.ROOT, "  %.1f s: %s%n",
                    (System.nanoTime() - started) / 1e9, step));
        };
    }

    private static Trainer word2vec(String method, CommandOptions options, int dim) {
        double alpha = options.number("--alpha", v -> v > 0, "above 0", 0.025);
        double minAlpha = options.number("--min-alpha", v -> v >= 0, "of at least 0", 0.0001);
        if (minAlpha > alpha) {
            throw new IllegalArgumentException("--min-alpha " + minAlpha + " is above --alpha " + alpha
                    + ": the learning rate falls from --alpha to --min-alpha");
        }
        Word2Vec settings = new Word2Vec(method.equals("cbow") ? Word2Vec.Method.CBOW : Word2Vec.Method.SKIPGRAM,
                dim, options.whole("--window", 1, 5), options.whole("--negative", 1, 5),
                options.number("--sample", v -> v >= 0, "of at least 0", 1e-3), alpha, minAlpha,
                options.whole("--epochs", 1, 5), options.anyWhole("--seed", 1), options.whole("--batch", 1, Word2Vec.DEFAULT_BATCH));
        int threads = options.whole("--threads", 1, Runtime.getRuntime().availableProcessors());
        UnicodeErrors unicodeErrors = options.choice("--unicode-errors", UnicodeErrors::byId, UnicodeErrors.CHOICES,
                UnicodeErrors.STRICT);
        return (corpus, init, err, started) -> {
            float[][] initial = init.isEmpty() ? null
                    : InitialVectors.read(init, unicodeErrors, corpus, settings.dim(), err);
            TrainingProgress line = new TrainingProgress(err, System.console() != null);
            RowBlocks vectors = settings.train(corpus, initial, threads, line.interval(), line::show);
            line.done();
            return vectors;
        };
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
