package dev.wordvec.training;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * {@code java -jar wordvec.jar train CORPUS OUT [--method cbow|skipgram|ppmi-svd] [options]}: word vectors from
 * your own text. CORPUS holds one sentence per line (gensim's {@code LineSentence}), plain or
 * compressed; words are split as the service splits texts, or ({@code --split whitespace}) as gensim
 * splits them. The output is written through a temporary file, renamed when complete, and loads
 * in the service as any model.
 */
public final class TrainCommand {

    static final String USAGE = """
            usage: java -jar wordvec.jar train CORPUS OUT [--method cbow|skipgram|ppmi-svd] [options]
              CORPUS: plain text (or gzip, bzip2, xz, zip), one sentence per line; OUT: .txt/.vec (word2vec text),
              .bin (word2vec binary) or .wvc (wordvec's cache), or say --format word2vec|word2vec-binary|wvc
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

    private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("--dim", "100"),
            Map.entry("--window", "5"), Map.entry("--min-count", "5"), Map.entry("--max-vocab", "0"),
            Map.entry("--seed", "1"), Map.entry("--cds", "0.75"), Map.entry("--shift", "1"), Map.entry("--eig", "0.5"),
            Map.entry("--negative", "5"), Map.entry("--sample", "1e-3"), Map.entry("--alpha", "0.025"),
            Map.entry("--min-alpha", "0.0001"), Map.entry("--epochs", "5"),
            Map.entry("--threads", Integer.toString(Runtime.getRuntime().availableProcessors())),
            Map.entry("--batch", Integer.toString(Word2Vec.DEFAULT_BATCH)), Map.entry("--init", ""),
            Map.entry("--unicode-errors", UnicodeErrors.STRICT.id()));

    private TrainCommand() {
    }

    private static final Set<String> PPMI_ONLY = Set.of("--cds", "--shift", "--eig");
    private static final Set<String> WORD2VEC_ONLY = Set.of("--negative", "--sample", "--alpha", "--min-alpha", "--epochs",
            "--threads", "--batch", "--init", "--unicode-errors");

    /** Runs the command; returns the exit code (0 done, 1 the corpus could not be read or the output written, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 3 || args[1].startsWith("--") || args[2].startsWith("--")) {
            err.println("name a corpus file and an output file\n" + USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>(DEFAULTS);
        Set<String> given = new HashSet<>();
        String method = "cbow"; // gensim's Word2Vec trains CBOW unless asked for skip-gram (sg=0)
        VectorsWriter.Format format = null;
        Corpus.Split split = Corpus.Split.SERVICE;
        for (int i = 3; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                err.println("'" + option + "' needs a value\n" + USAGE);
                return 2;
            }
            String value = args[i + 1];
            if (option.equals("--method")) {
                method = value;
            } else if (option.equals("--split")) {
                split = Corpus.Split.of(value);
                if (split == null) {
                    err.println("--split is service or whitespace, not '" + value + "'\n" + USAGE);
                    return 2;
                }
            } else if (option.equals("--format")) {
                format = VectorsWriter.Format.of(value);
                if (format == null) {
                    err.println("--format is " + VectorsWriter.Format.CHOICES + ", not '" + value + "'\n" + USAGE);
                    return 2;
                }
            } else if (DEFAULTS.containsKey(option)) {
                options.put(option, value);
                given.add(option);
            } else {
                err.println("unknown option '" + option + "'\n" + USAGE);
                return 2;
            }
        }
        if (!Set.of("ppmi-svd", "skipgram", "cbow").contains(method)) {
            err.println("--method is cbow, skipgram or ppmi-svd, not '" + method + "'\n" + USAGE);
            return 2;
        }
        boolean ppmi = method.equals("ppmi-svd");
        for (String option : given) {
            if ((ppmi ? WORD2VEC_ONLY : PPMI_ONLY).contains(option)) {
                err.println(option + " is not an option of --method " + method + "\n" + USAGE);
                return 2;
            }
        }
        Trainer trainer;
        int minCount;
        int maxVocab;
        try {
            minCount = whole(options, "--min-count", 1);
            maxVocab = whole(options, "--max-vocab", 0);
            trainer = ppmi ? ppmiSvd(options) : word2vec(method, options);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        Path corpusFile = Path.of(args[1]);
        Path target = Path.of(args[2]);
        for (String[] input : new String[][] {{args[1], "the corpus"}, {options.get("--init"), "the --init model"}}) {
            String refusal = input[0].isEmpty() ? null : PartialFile.refusal(target, input[0], input[1]);
            if (refusal != null) {
                err.println(refusal);
                return 2;
            }
        }
        if (format == null) {
            format = VectorsWriter.Format.forFile(target);
        }
        long started = System.nanoTime();
        Corpus corpus;
        try {
            Path file = ModelSource.of(args[1]).path(); // FILE.zip!MEMBER names a member of a zip
            String notReadable = file == null ? "no such file" : ModelSource.notReadable(file);
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
        // Reading grew the heap; training should not run in a young generation sized for that.
        HeapCompaction.compact();
        PyTorchEngine.configureOffline();
        // word2vec trains on several threads of its own, each with one engine thread.
        PyTorchEngine.start(ppmi ? Runtime.getRuntime().availableProcessors() : 1);
        RowBlocks vectors;
        try {
            vectors = trainer.train(corpus, options.get("--init"), err, started);
        } catch (IOException | IllegalArgumentException | Word2Vec.DivergedException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            VectorsWriter.write(new Vocabulary(corpus.words()), vectors, format, target);
        } catch (IOException e) {
            err.println("Cannot write " + target + ": " + e);
            return 1;
        }
        out.printf(Locale.ROOT, "Trained %s (%s, %d words x %d) in %.1f s: %s%n", target, method, corpus.words().size(),
                vectors.dimension(), (System.nanoTime() - started) / 1e9, format.id());
        return 0;
    }

    /** A line of the corpus read's progress: a percentage of the file, or megabytes when its size is unknown. */
    private static void showReading(PrintStream err, Corpus.Progress p) {
        if (p.totalBytes() > 0) {
            err.printf(Locale.ROOT, "  reading: %d lines, %.1f%% of %.1f MB%n", p.lines(), 100.0 * p.bytes() / p.totalBytes(),
                    p.totalBytes() / 1e6);
        } else {
            err.printf(Locale.ROOT, "  reading: %d lines, %.1f MB%n", p.lines(), p.bytes() / 1e6);
        }
    }

    /** A method with its settings, ready to train on a corpus. */
    private interface Trainer {
        RowBlocks train(Corpus corpus, String init, PrintStream err, long started) throws IOException;
    }

    private static Trainer ppmiSvd(Map<String, String> options) {
        PpmiSvd svd = new PpmiSvd(whole(options, "--dim", 1), whole(options, "--window", 1),
                number(options, "--cds", v -> v > 0 && v <= 1, "above 0 and at most 1"),
                number(options, "--shift", v -> v >= 1, "of at least 1"), number(options, "--eig", v -> true, ""),
                Long.parseLong(options.get("--seed")));
        return (corpus, init, err, started) -> {
            if (corpus.words().size() < svd.dim()) {
                throw new IllegalArgumentException("the vocabulary has " + corpus.words().size() + " words, fewer than --dim "
                        + svd.dim() + ": lower --dim or --min-count, or use a larger corpus");
            }
            return svd.train(corpus, step -> err.printf(Locale.ROOT, "  %.1f s: %s%n",
                    (System.nanoTime() - started) / 1e9, step));
        };
    }

    private static Trainer word2vec(String method, Map<String, String> options) {
        double alpha = number(options, "--alpha", v -> v > 0, "above 0");
        double minAlpha = number(options, "--min-alpha", v -> v >= 0, "of at least 0");
        if (minAlpha > alpha) {
            throw new IllegalArgumentException("--min-alpha " + options.get("--min-alpha") + " is above --alpha "
                    + options.get("--alpha") + ": the learning rate falls from --alpha to --min-alpha");
        }
        Word2Vec settings = new Word2Vec(method.equals("cbow") ? Word2Vec.Method.CBOW : Word2Vec.Method.SKIPGRAM,
                whole(options, "--dim", 1), whole(options, "--window", 1), whole(options, "--negative", 1),
                number(options, "--sample", v -> v >= 0, "of at least 0"), alpha, minAlpha,
                whole(options, "--epochs", 1), Long.parseLong(options.get("--seed")), whole(options, "--batch", 1));
        int threads = whole(options, "--threads", 1);
        UnicodeErrors unicodeErrors = UnicodeErrors.of(options.get("--unicode-errors"));
        return (corpus, init, err, started) -> {
            float[][] initial = init.isEmpty() ? null
                    : InitialVectors.read(init, unicodeErrors, corpus, settings.dim(), err);
            TrainingProgress line = new TrainingProgress(err, System.console() != null);
            RowBlocks vectors = settings.train(corpus, initial, threads, line.interval(), line::show);
            line.done();
            return vectors;
        };
    }

    private static int whole(Map<String, String> options, String option, int least) {
        try {
            int n = Integer.parseInt(options.get(option));
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException(option + " takes a whole number of at least " + least + ", not '"
                + options.get(option) + "'");
    }

    /** The option's value, a finite number for which {@code allowed} holds ({@code range} says which, for the error). */
    private static double number(Map<String, String> options, String option, DoublePredicate allowed, String range) {
        try {
            double value = Double.parseDouble(options.get(option));
            if (Double.isFinite(value) && allowed.test(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException(option + " takes a number" + (range.isEmpty() ? "" : " " + range) + ", not '"
                + options.get(option) + "'");
    }
}
