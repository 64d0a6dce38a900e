package dev.wordvec.training;

import dev.wordvec.formats.VectorsWriter;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Vocabulary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar wordvec.jar train CORPUS OUT --method ppmi-svd [options]}: word vectors from
 * your own text. CORPUS holds one sentence per line (gensim's {@code LineSentence}), plain or
 * gzip; words are split as the service splits texts. The output is written through a temporary
 * file, renamed when complete, and loads in the service as any model.
 */
public final class TrainCommand {

    static final String USAGE = """
            usage: java -jar wordvec.jar train CORPUS OUT --method ppmi-svd [--dim 100] [--window 5]
                   [--min-count 5] [--max-vocab N] [--cds 0.75] [--shift 1] [--eig 0.5] [--seed 1]
                   [--format word2vec|word2vec-binary|wvc]
              --method ppmi-svd  count-based: windowed co-occurrences, shifted positive PMI with
                                 context-distribution smoothing (--cds), truncated SVD on the engine,
                                 singular values to the power --eig. (skipgram and cbow: not in this
                                 version.)""";

    private static final Map<String, String> DEFAULTS = Map.of("--dim", "100", "--window", "5", "--min-count", "5",
            "--max-vocab", "0", "--cds", "0.75", "--shift", "1", "--eig", "0.5", "--seed", "1");

    private TrainCommand() {
    }

    /** Runs the command; returns the exit code (0 done, 1 the corpus could not be read or the output written, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 3 || args[1].startsWith("--") || args[2].startsWith("--")) {
            err.println("name a corpus file and an output file\n" + USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>(DEFAULTS);
        String method = null;
        VectorsWriter.Format format = null;
        for (int i = 3; i < args.length; i += 2) {
            String option = args[i];
            if (i + 1 >= args.length) {
                err.println("'" + option + "' needs a value\n" + USAGE);
                return 2;
            }
            String value = args[i + 1];
            if (option.equals("--method")) {
                method = value;
            } else if (option.equals("--format")) {
                format = VectorsWriter.Format.of(value);
                if (format == null) {
                    err.println("--format is word2vec, word2vec-binary or wvc, not '" + value + "'\n" + USAGE);
                    return 2;
                }
            } else if (DEFAULTS.containsKey(option)) {
                options.put(option, value);
            } else {
                err.println("unknown option '" + option + "'\n" + USAGE);
                return 2;
            }
        }
        if (!"ppmi-svd".equals(method)) {
            err.println((method == null ? "--method is required" : "--method '" + method + "' is not available")
                    + ": this version trains with ppmi-svd only\n" + USAGE);
            return 2;
        }
        PpmiSvd trainer;
        int minCount;
        int maxVocab;
        try {
            trainer = new PpmiSvd(whole(options, "--dim", 1), whole(options, "--window", 1), number(options, "--cds"),
                    number(options, "--shift"), number(options, "--eig"), Long.parseLong(options.get("--seed")));
            minCount = whole(options, "--min-count", 1);
            maxVocab = whole(options, "--max-vocab", 0);
            if (trainer.cds() <= 0 || trainer.cds() > 1 || trainer.shift() < 1) {
                throw new IllegalArgumentException("--cds is in (0, 1] and --shift at least 1");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        Path corpusFile = Path.of(args[1]);
        Path target = Path.of(args[2]);
        if (format == null) {
            String name = target.getFileName().toString();
            format = name.endsWith(".wvc") ? VectorsWriter.Format.WVC : name.endsWith(".bin")
                    ? VectorsWriter.Format.WORD2VEC_BINARY : VectorsWriter.Format.WORD2VEC;
        }
        long started = System.nanoTime();
        Corpus corpus;
        try {
            if (!Files.isRegularFile(corpusFile)) {
                err.println(corpusFile + ": no such file");
                return 1;
            }
            corpus = Corpus.read(corpusFile, minCount, maxVocab, p -> err.printf(Locale.ROOT,
                    "  reading: %d lines, %.1f%% of %.1f MB%n", p.lines(), 100.0 * p.bytes() / Math.max(1, p.totalBytes()),
                    p.totalBytes() / 1e6));
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        }
        err.printf(Locale.ROOT, "Corpus %s: %d sentences, %d words, %d kept in a vocabulary of %d (min count %d)%n",
                corpusFile, corpus.sentenceEnds().length, corpus.rawTokens(), corpus.tokens().length,
                corpus.words().size(), minCount);
        if (corpus.words().size() < trainer.dim()) {
            err.println("the vocabulary has " + corpus.words().size() + " words, fewer than --dim " + trainer.dim()
                    + ": lower --dim or --min-count, or use a larger corpus");
            return 1;
        }
        PyTorchEngine.configureOffline();
        PyTorchEngine.start(Runtime.getRuntime().availableProcessors());
        RowBlocks vectors = trainer.train(corpus, step -> err.printf(Locale.ROOT, "  %.1f s: %s%n",
                (System.nanoTime() - started) / 1e9, step));
        try {
            VectorsWriter.write(new Vocabulary(corpus.words()), vectors, format, target);
        } catch (IOException e) {
            err.println("Cannot write " + target + ": " + e);
            return 1;
        }
        out.printf(Locale.ROOT, "Trained %s (ppmi-svd, %d words x %d) in %.1f s: %s%n", target, corpus.words().size(),
                trainer.dim(), (System.nanoTime() - started) / 1e9, format.id());
        return 0;
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

    private static double number(Map<String, String> options, String option) {
        try {
            double value = Double.parseDouble(options.get(option));
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException(option + " takes a number, not '" + options.get(option) + "'");
    }
}
