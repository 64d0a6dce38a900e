package dev.wordvec.reduction;

import dev.wordvec.cli.CommandOptions;
import dev.wordvec.formats.LoadProgress;
import dev.wordvec.formats.ModelCache;
import dev.wordvec.formats.ModelFileException;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.formats.PartialFile;
import dev.wordvec.formats.UnicodeErrors;
import dev.wordvec.formats.VectorsWriter;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Subwords;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * {@code java -jar wordvec.jar reduce MODEL OUT --dim D [--remove-top K] [--format F]}: smaller
 * vectors that keep most of a model's quality. PCA on the engine: the output holds each word's
 * centred vector in the coordinates of principal components {@code K+1 .. K+D} (with
 * {@code --remove-top K}, the top K, which mostly carry word frequency, are dropped first, as in
 * "all-but-the-top"). With {@code --dim} equal to the model's dimension and K above 0, the output
 * stays in the original space with the top K components removed. The vocabulary and its order
 * are kept, and a fastText model's character n-grams too when the output is a {@code .wvc} file.
 */
public final class ReduceCommand {

    public static final String USAGE = """
            usage: java -jar wordvec.jar reduce MODEL OUT --dim D [--method pca] [--remove-top K]
                   [--format word2vec|word2vec-binary|wvc] [--input-format F] [--unicode-errors E]
              --dim D          dimensions of the output (at most the model's)
              --remove-top K   drop the top K principal components first (default 0)
              --format F       the output's format (default: wvc for .wvc, word2vec-binary for .bin,
                               else word2vec text); OUT ending .gz, .bz2 or .xz is compressed so;
                               MODEL - is standard input, OUT - standard output
              --unicode-errors E  the model's words that are not UTF-8: strict (default: refuse the
                               file), replace, ignore or backslashreplace, as gensim's unicode_errors""";

    private ReduceCommand() {
    }

    /** Runs the command; returns the exit code (0 done, 1 the model could not be read or written, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int dim;
        int top;
        VectorsWriter.Format format;
        ModelFormat inputFormat;
        UnicodeErrors unicodeErrors;
        CommandOptions options;
        try {
            options = CommandOptions.parse(args, 1, Set.of("--dim", "--remove-top", "--method", "--format",
                    "--input-format", "--unicode-errors"), Set.of());
            if (options.plain().size() != 2) {
                throw new CommandOptions.UsageException("name a model file and an output file");
            }
            if (!options.given("--dim")) {
                throw new CommandOptions.UsageException("--dim is required");
            }
            dim = options.whole("--dim", 1, 0);
            top = options.whole("--remove-top", 0, 0);
            options.choice("--method", m -> m.equals("pca") ? m : null, "pca", "pca");
            format = options.choice("--format", VectorsWriter.Format::of, VectorsWriter.Format.CHOICES, null);
            inputFormat = options.choice("--input-format", ModelFormat::byId, ModelFormat.FILE_CHOICES, ModelFormat.AUTO);
            unicodeErrors = options.choice("--unicode-errors", UnicodeErrors::byId, UnicodeErrors.CHOICES,
                    UnicodeErrors.STRICT);
        } catch (CommandOptions.UsageException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        String modelName = options.input(0);
        Path target = options.output(1);
        String refusal = PartialFile.refusal(target, modelName, "the model");
        if (refusal != null) {
            err.println(refusal);
            return 2;
        }
        if (format == null) {
            format = VectorsWriter.Format.forFile(target);
        }
        String unwritable = VectorsWriter.refusal(format, target);
        if (unwritable != null) {
            err.println(unwritable);
            return 2;
        }
        try {
            PyTorchEngine.configureOffline();
            PyTorchEngine.start(Runtime.getRuntime().availableProcessors());
            long started = System.nanoTime();
            ParsedVectors model = ModelCache.shared()
                    .load(ModelSource.of(modelName), inputFormat, 0, unicodeErrors, p -> err.println(loading(p)));
            model.notes().forEach(note -> err.println("note: " + note));
            int dimension = model.dimension();
            if (dim > dimension || (dim < dimension && top + dim > dimension)) {
                err.printf(Locale.ROOT, "the model has %d dimensions: --dim %d with --remove-top %d asks for more%n",
                        dimension, dim, top);
                return 2;
            }
            if (top >= dimension) {
                err.printf(Locale.ROOT, "--remove-top %d removes every component of the model's %d dimensions: every "
                        + "vector would be zero%n", top, dimension);
                return 2;
            }
            long rows = model.matrix().rows();
            if (dim < dimension && top + dim > rows) {
                // As scikit-learn's PCA refuses more components than samples: past the rows, the
                // components are directions no word varies along, and the output would be zeros there.
                err.printf(Locale.ROOT, "the model has %d words: --dim %d%s asks for more components than it has words%n",
                        rows, dim, top > 0 ? " after --remove-top " + top : "");
                return 2;
            }
            Pca pca = Pca.fit(model.matrix(), progress(err, "fitting (the mean, then the covariance)", 2 * rows));
            int outputDim = dim;
            int removed = top;
            Reduction reduction = (matrix, what) -> outputDim == dimension && removed > 0
                    ? pca.removeTop(matrix, removed, progress(err, "removing the top components" + what, matrix.rows()))
                    : pca.project(matrix, removed, outputDim, progress(err, "projecting" + what, matrix.rows()));
            RowBlocks reduced = reduction.apply(model.matrix(), "");
            Subwords ngrams = model.subwords() == null || !model.subwords().hasNgrams() ? null : model.subwords();
            String ngramNote = "";
            if (ngrams != null && format == VectorsWriter.Format.WVC) {
                // The map is affine, so it commutes with the mean that makes an unknown word's vector
                // from its n-grams: mapping each n-gram row gives the reduced model the reduced vector
                // of every unknown word.
                ngrams = ngrams.withRows(reduction.apply(ngrams.rows(), " the character n-grams"));
                ngramNote = String.format(Locale.ROOT, ", with its %d character n-gram rows", ngrams.rowCount());
            } else if (ngrams != null) {
                err.println("note: " + format.id() + " files hold no character n-grams, so the output answers no "
                        + "unknown words; write a .wvc file (or --format wvc) to keep them");
                ngrams = null;
            }
            VectorsWriter.write(model.vocabulary(), reduced, ngrams, format, target)
                    .ifPresent(note -> err.println("note: " + note));
            // With --dim equal to the model's, the output keeps every component after the top ones.
            double kept = pca.explained(top, Math.min(dimension, top + dim));
            // The top components of word vectors can hold most of the variance (a direction all words
            // share), so the share of what removing them left says more than the share of the whole.
            double left = pca.explained(top, dimension);
            String afterTop = top == 0 || left == 0 ? ""
                    : String.format(Locale.ROOT, " (%s of what the top %d left)", percent(kept / left), top);
            // Written to standard output, the vectors are all it holds.
            (PartialFile.isStream(target) ? err : out).printf(Locale.ROOT, "Reduced %s (%d words x %d) to %s: %d "
                    + "dimensions%s, %s of the variance kept%s, %s%s, in %.1f s%n", modelName, rows, dimension, target,
                    dim, top > 0 ? " after removing the top " + top : "", percent(kept), afterTop,
                    VectorsWriter.described(format, target), ngramNote, (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (ModelFileException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(PartialFile.writeFailure(target, e));
            return 1;
        }
    }

    /** The one map a run applies: to the words' rows, and to a fastText model's n-gram rows. */
    private interface Reduction {
        RowBlocks apply(RowBlocks matrix, String what);
    }

    /**
     * A share as a percentage to one decimal, or to two or three where one would round a share
     * short of the whole up to "100.0%" (a model whose first components hold 99.97% of its
     * variance). Closer than that reads as the whole, which is also what rounding error leaves of it.
     */
    static String percent(double share) {
        for (int decimals = 1; decimals <= 3; decimals++) {
            String shown = String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * share);
            if (!shown.startsWith("100.")) {
                return shown;
            }
        }
        return "100.0%";
    }

    /** A progress line about once a second. */
    private static LongConsumer progress(PrintStream err, String what, long total) {
        long[] last = {System.nanoTime()};
        return done -> {
            long now = System.nanoTime();
            if (now - last[0] >= 1_000_000_000L || done == total) {
                last[0] = now;
                err.printf(Locale.ROOT, "  %s: %d of %d rows (%.0f%%)%n", what, done, total, 100.0 * done / total);
            }
        };
    }

    private static String loading(LoadProgress p) {
        return String.format(Locale.ROOT, "Loading: %d rows, %.1f MB read", p.rows(), p.bytesRead() / 1e6);
    }
}
