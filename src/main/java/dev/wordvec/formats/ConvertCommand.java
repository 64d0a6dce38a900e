package dev.wordvec.formats;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code java -jar wordvec.jar convert IN OUT [--format F] [--limit N]}: reads a model file and
 * writes it in the form OUT's name asks for: {@code .wvc}, the converted form, which a model path
 * can then name directly and which loads by memory-mapping; {@code .bin}, word2vec's binary
 * format; anything else, word2vec's text format (gensim's {@code glove2word2vec}, among others).
 * Runs without the web service and without the engine.
 */
public final class ConvertCommand {

    static final String USAGE = "usage: java -jar wordvec.jar convert IN OUT [--format auto|glove|word2vec-text|"
            + "fasttext-vec|word2vec-binary|fasttext-bin|gensim] [--limit N] [--unicode-errors strict|replace|ignore|"
            + "backslashreplace]\n  --format: IN's format; OUT's follows its name: .wvc (the converted form, mapped "
            + "on load), .bin (word2vec binary), else word2vec text";

    private ConvertCommand() {
    }

    /** Runs the command; returns the process exit code (0 done, 1 the model failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 3) {
            err.println(USAGE);
            return 2;
        }
        ModelFormat format = ModelFormat.AUTO;
        int limit = 0;
        UnicodeErrors unicodeErrors = UnicodeErrors.STRICT;
        for (int i = 3; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                err.println("'" + option + "' needs a value\n" + USAGE);
                return 2;
            }
            String value = args[++i];
            switch (option) {
                case "--format" -> {
                    format = ModelFormat.byId(value);
                    if (format == null || format == ModelFormat.CONVERTED) {
                        err.println("--format is " + ModelFormat.FILE_CHOICES + ", not '" + value + "'\n" + USAGE);
                        return 2;
                    }
                }
                case "--limit" -> {
                    try {
                        limit = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        limit = -1;
                    }
                    if (limit < 0) {
                        err.println("--limit takes a word count, not '" + value + "'\n" + USAGE);
                        return 2;
                    }
                }
                case "--unicode-errors" -> {
                    unicodeErrors = UnicodeErrors.byId(value);
                    if (unicodeErrors == null) {
                        err.println("--unicode-errors is " + UnicodeErrors.CHOICES + ", not '" + value + "'\n" + USAGE);
                        return 2;
                    }
                }
                default -> {
                    err.println("unknown option '" + option + "'\n" + USAGE);
                    return 2;
                }
            }
        }
        Path in = Path.of(args[1]);
        Path target = Path.of(args[2]);
        String refusal = PartialFile.refusal(target, args[1], "the model");
        if (refusal != null) {
            err.println(refusal);
            return 2;
        }
        long started = System.nanoTime();
        try {
            ModelSource source = ModelSource.of(args[1]);
            ParsedVectors parsed = ModelReader.read(source, format, p -> err.println(progress(p)),
                    dev.wordvec.vectors.RowBlocks.DEFAULT_BLOCK_BYTES, limit, unicodeErrors);
            parsed.duplicatesNote().ifPresent(note -> err.println("note: " + note));
            VectorsWriter.Format written = VectorsWriter.Format.forFile(target);
            if (written == VectorsWriter.Format.WVC) {
                ConvertedModel.Stamp stamp = Files.isRegularFile(in) ? ConvertedModel.Stamp.of(in, parsed.format())
                        : new ConvertedModel.Stamp(parsed.format().id(), -1, -1);
                ConvertedModel.write(parsed, stamp, target);
            } else {
                if (parsed.subwords() != null) {
                    err.println("note: " + written.id() + " holds no character n-grams, so " + target + " cannot "
                            + "answer unknown words as " + args[1] + " does; a .wvc output keeps them");
                }
                VectorsWriter.write(parsed.vocabulary(), parsed.matrix(), written, target);
            }
            out.printf(Locale.ROOT, "Converted %s (%s, %d words x %d) to %s (%s, %.1f MB) in %.1f s%n", args[1],
                    parsed.format().id(), parsed.vocabulary().size(), parsed.dimension(), target, written.id(),
                    Files.size(target) / 1e6, (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (ModelFileException e) {
            err.println(e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("Cannot write " + target + ": " + e);
            return 1;
        }
    }

    private static String progress(LoadProgress p) {
        return p.totalBytes() > 0
                ? String.format(Locale.ROOT, "%d rows, %.1f%% of %.1f MB, %.1f MB/s", p.rows(), p.percent(),
                        p.totalBytes() / 1e6, p.megabytesPerSecond())
                : String.format(Locale.ROOT, "%d rows, %.1f MB read", p.rows(), p.bytesRead() / 1e6);
    }
}
