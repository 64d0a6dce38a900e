package dev.wordvec.formats;

import dev.wordvec.cli.CommandOptions;
import dev.wordvec.vectors.RowBlocks;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code java -jar wordvec.jar convert IN OUT [--format F] [--limit N]}: reads a model file and
 * writes it in the form OUT's name asks for: {@code .wvc}, the converted form, which a model path
 * can then name directly and which loads by memory-mapping; {@code .bin}, word2vec's binary
 * format; anything else, word2vec's text format (gensim's {@code glove2word2vec}, among others).
 * Runs without the web service and without the engine.
 */
public final class ConvertCommand {

    public static final String USAGE = "usage: java -jar wordvec.jar convert IN OUT [--format auto|glove|word2vec-text|"
            + "fasttext-vec|word2vec-binary|fasttext-bin|gensim] [--limit N] [--unicode-errors strict|replace|ignore|"
            + "backslashreplace]\n  --format: IN's format; OUT's follows its name: .wvc (the converted form, mapped "
            + "on load), .bin (word2vec binary), else word2vec text; a name ending .gz, .bz2 or .xz is compressed so; "
            + "IN - is standard input, OUT - standard output (word2vec text)";

    private ConvertCommand() {
    }

    /** Runs the command; returns the process exit code (0 done, 1 the model failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ModelFormat format;
        int limit;
        UnicodeErrors unicodeErrors;
        CommandOptions options;
        try {
            options = CommandOptions.parse(args, 1, Set.of("--format", "--limit", "--unicode-errors"), Set.of());
            if (options.plain().size() != 2) {
                throw new CommandOptions.UsageException("name a model file and an output file");
            }
            // A converted file is what convert writes, not a format it reads.
            format = options.choice("--format", id -> ModelFormat.byId(id) == ModelFormat.CONVERTED ? null
                    : ModelFormat.byId(id), ModelFormat.FILE_CHOICES, ModelFormat.AUTO);
            limit = options.whole("--limit", 0, 0);
            unicodeErrors = options.choice("--unicode-errors", UnicodeErrors::byId, UnicodeErrors.CHOICES,
                    UnicodeErrors.STRICT);
        } catch (CommandOptions.UsageException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        String model = options.input(0);
        Path in = Path.of(model);
        Path target = options.output(1);
        String refusal = PartialFile.refusal(target, model, "the model");
        if (refusal != null) {
            err.println(refusal);
            return 2;
        }
        VectorsWriter.Format written = VectorsWriter.Format.forFile(target);
        String unwritable = VectorsWriter.refusal(written, target);
        if (unwritable != null) {
            err.println(unwritable);
            return 2;
        }
        long started = System.nanoTime();
        try {
            ModelSource source = ModelSource.of(model);
            // A converted file is mapped, not parsed (the cache's load does that; with no directory
            // it makes no copy of its own).
            boolean converted = Files.isRegularFile(in) && ConvertedModel.isConverted(in);
            Consumer<LoadProgress> progress = p -> err.println(progress(p));
            ParsedVectors parsed;
            if (written == VectorsWriter.Format.WVC && !converted) {
                // A model's rows go straight into the output as they are read (but fastText's n-grams).
                try (StreamedCopy copy = StreamedCopy.create(target)) {
                    parsed = ModelReader.read(source, format, progress, RowBlocks.DEFAULT_BLOCK_BYTES, limit,
                            unicodeErrors, copy);
                    if (copy.used()) {
                        copy.finish(parsed.vocabulary(), stamp(in, parsed));
                    } else {
                        ConvertedModel.write(parsed, stamp(in, parsed), target);
                    }
                }
                parsed.notes().forEach(note -> err.println("note: " + note));
            } else {
                parsed = converted
                        ? new ModelCache(null, RowBlocks.DEFAULT_BLOCK_BYTES).load(source, format, limit, unicodeErrors,
                                progress)
                        : ModelReader.read(source, format, progress, RowBlocks.DEFAULT_BLOCK_BYTES, limit, unicodeErrors);
                parsed.notes().forEach(note -> err.println("note: " + note));
                if (written == VectorsWriter.Format.WVC) {
                    ConvertedModel.write(parsed, stamp(in, parsed), target);
                } else {
                    if (parsed.subwords() != null) {
                        err.println("note: " + written.id() + " holds no character n-grams, so " + target + " cannot "
                                + "answer unknown words as " + model + " does; a .wvc output keeps them");
                    }
                    VectorsWriter.write(parsed.vocabulary(), parsed.matrix(), written, target)
                            .ifPresent(note -> err.println("note: " + note));
                }
            }
            // Written to standard output, the vectors are all it holds.
            (PartialFile.isStream(target) ? err : out).printf(Locale.ROOT, "Converted %s (%s, %d words x %d) to %s "
                    + "(%s) in %.1f s%n", model, parsed.format().id(), parsed.vocabulary().size(), parsed.dimension(),
                    target, VectorsWriter.described(written, target), (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (ModelFileException e) {
            err.println(e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println(PartialFile.writeFailure(target, e));
            return 1;
        } catch (StreamedCopy.WriteFailed e) {
            err.println(PartialFile.writeFailure(target, e.getCause()));
            return 1;
        }
    }

    /** What a converted output records of its source: the file's size and time when it is a file. */
    private static ConvertedModel.Stamp stamp(Path in, ParsedVectors parsed) throws java.io.IOException {
        return Files.isRegularFile(in) ? ConvertedModel.Stamp.of(in, parsed.format())
                : new ConvertedModel.Stamp(parsed.format().id(), -1, -1);
    }

    private static String progress(LoadProgress p) {
        return p.totalBytes() > 0
                ? String.format(Locale.ROOT, "%d rows, %.1f%% of %.1f MB, %.1f MB/s", p.rows(), p.percent(),
                        p.totalBytes() / 1e6, p.megabytesPerSecond())
                : String.format(Locale.ROOT, "%d rows, %.1f MB read", p.rows(), p.bytesRead() / 1e6);
    }
}
