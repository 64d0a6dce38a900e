package dev.wordvec.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wordvec.cli.CommandOptions;
import dev.wordvec.formats.LoadProgress;
import dev.wordvec.formats.ModelCache;
import dev.wordvec.formats.ModelFileException;
import dev.wordvec.formats.ModelFormat;
import dev.wordvec.formats.ModelSource;
import dev.wordvec.formats.ParsedVectors;
import dev.wordvec.formats.TextLines;
import dev.wordvec.formats.UnicodeErrors;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.WordVectors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar wordvec.jar evaluate MODEL [--analogies SET] [--pairs SET]... [options]}:
 * scores a model file on analogies and word-pair similarity, as gensim's
 * {@code evaluate_word_analogies} and {@code evaluate_word_pairs} do. A SET is a built-in name
 * ({@code questions-words}, {@code wordsim353}, {@code simlex999}) or a file; with no set named,
 * all three built-in sets are used. Progress goes to stderr; the scores to stdout, as text or JSON.
 */
public final class EvaluateCommand {

    public static final String USAGE = """
            usage: java -jar wordvec.jar evaluate MODEL [--analogies SET] [--pairs SET]... [--restrict-vocab N]
                   [--case-sensitive] [--method add|mul] [--dummy4unknown] [--delimiter D] [--format F]
                   [--unicode-errors E] [--json]
              SET: questions-words, wordsim353, simlex999 (built in) or a file in the same layout;
                   with no set named, all three built-in sets; MODEL - is standard input
              --restrict-vocab N  only the first N words are asked and answered (default 300000, as gensim)
              --case-sensitive    match words as written (default: case-insensitive, as gensim)
              --method add|mul    analogies by 3CosAdd (default, gensim's most_similar) or 3CosMul
              --dummy4unknown     a question or pair with an unknown word counts (wrong answer, similarity 0)
                                  instead of being skipped, as gensim's dummy4unknown
              --delimiter D       what separates a pair file's fields (default: a tab; ' ' for MEN's layout,
                                  '\\t' for a tab); the built-in sets keep their tabs
              --format F          the model file's format (default auto)
              --unicode-errors E  words that are not UTF-8: strict (default: refuse the file), replace,
                                  ignore or backslashreplace, as gensim's unicode_errors
              --json              {"analogies": {...}, "pairs": {"<set>": {...}}} on stdout""";

    /** What {@code --json} prints. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(AnalogyScore analogies, Map<String, PairScore> pairs) {
    }

    private record Options(String model, String analogies, List<String> pairs, int restrictVocab, boolean caseInsensitive,
            Evaluator.Method method, boolean dummy4unknown, String delimiter, ModelFormat format, UnicodeErrors unicodeErrors,
            boolean json) {
    }

    private EvaluateCommand() {
    }

    /** Runs the command; returns the exit code (0 done, 1 the model or a set failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        try {
            AnalogySet analogies = options.analogies() == null ? null : analogySet(options.analogies());
            List<WordPairSet> pairSets = new ArrayList<>();
            for (String set : options.pairs()) {
                pairSets.add(pairSet(set, options.delimiter()));
            }
            pairSets.forEach(set -> set.byteOrderMarkNote().ifPresent(note -> err.println("note: " + note)));
            PyTorchEngine.configureOffline();
            // All the cores: the batched products are the work, and nothing else runs beside a command.
            PyTorchEngine.start(Runtime.getRuntime().availableProcessors());
            ParsedVectors parsed = ModelCache.shared()
                    .load(ModelSource.of(options.model()), options.format(), 0, options.unicodeErrors(),
                            p -> err.println(progress(p)));
            parsed.notes().forEach(note -> err.println("note: " + note));
            try (WordVectors vectors = new WordVectors(parsed.vocabulary(), parsed.matrix(), dev.wordvec.vectors.Dtype.FLOAT32)) {
                err.printf(Locale.ROOT, "Evaluating %s: %d words x %d dimensions%n", options.model(),
                        vectors.vocabulary().size(), vectors.dimension());
                Evaluator evaluator = new Evaluator(vectors);
                AnalogyScore analogyScore = analogies == null ? null : evaluator.analogies(analogies,
                        options.restrictVocab(), options.caseInsensitive(), options.method(), options.dummy4unknown(),
                        p -> err.printf(Locale.ROOT, "  analogies: %d questions, %d of %d rows scored, %.1f s%n", p.questions(),
                                p.done(), p.total(), p.elapsedNanos() / 1e9));
                Map<String, PairScore> pairScores = new LinkedHashMap<>();
                for (WordPairSet set : pairSets) {
                    pairScores.put(set.name(), evaluator.pairs(set, options.restrictVocab(), options.caseInsensitive(),
                            options.dummy4unknown()));
                }
                if (options.json()) {
                    // JSON is UTF-8 (RFC 8259), whatever the console's encoding (ASCII under LANG=C,
                    // where a section named in another alphabet would come out as '?').
                    out.write((JsonMapper.builder().build().writeValueAsString(new Report(analogyScore,
                            pairScores.isEmpty() ? null : pairScores)) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    printText(out, analogyScore, pairScores);
                }
            }
            return 0;
        } catch (ModelFileException | EvaluationSetException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("Cannot read: " + e.getMessage());
            return 1;
        }
    }

    private static Options parse(String[] args) {
        CommandOptions options = CommandOptions.parse(args, 1, Set.of("--analogies", "--pairs", "--restrict-vocab",
                "--method", "--format", "--unicode-errors", "--delimiter"), Set.of("--case-sensitive", "--json",
                "--dummy4unknown"));
        if (options.plain().size() != 1) {
            throw new CommandOptions.UsageException(options.plain().isEmpty() ? "name a model file"
                    : "one model at a time, not " + options.plain());
        }
        if (options.values("--analogies").size() > 1) {
            throw new CommandOptions.UsageException("one --analogies set at a time");
        }
        String analogies = options.value("--analogies", null);
        List<String> pairs = new ArrayList<>(options.values("--pairs"));
        if (analogies == null && pairs.isEmpty()) {
            analogies = BuiltInSets.QUESTIONS_WORDS;
            pairs.addAll(BuiltInSets.PAIR_SETS);
        }
        String delimiter = options.value("--delimiter", "\t").replace("\\t", "\t");
        if (delimiter.isEmpty()) {
            throw new CommandOptions.UsageException("--delimiter needs at least one character");
        }
        return new Options(options.input(0), analogies, pairs, options.whole("--restrict-vocab", 1, 300_000),
                !options.flag("--case-sensitive"), options.choice("--method", m -> switch (m) {
                    case "add" -> Evaluator.Method.ADD;
                    case "mul" -> Evaluator.Method.MUL;
                    default -> null;
                }, "add or mul", Evaluator.Method.ADD), options.flag("--dummy4unknown"), delimiter,
                options.choice("--format", ModelFormat::byId, ModelFormat.FILE_CHOICES, ModelFormat.AUTO),
                options.choice("--unicode-errors", UnicodeErrors::byId, UnicodeErrors.CHOICES, UnicodeErrors.STRICT),
                options.flag("--json"));
    }

    private static AnalogySet analogySet(String set) throws IOException {
        if (BuiltInSets.isAnalogySet(set)) {
            return BuiltInSets.analogies(set);
        }
        try (TextLines lines = open(set)) {
            return AnalogySet.parse(set, lines);
        }
    }

    private static WordPairSet pairSet(String set, String delimiter) throws IOException {
        if (BuiltInSets.isPairSet(set)) {
            return BuiltInSets.pairs(set);
        }
        try (TextLines lines = open(set)) {
            return WordPairSet.parse(set, lines, delimiter);
        }
    }

    /**
     * A set's file as strict UTF-8 (a set in another encoding fails naming the line, rather than
     * matching nothing), through gzip, bzip2 or xz as gensim's smart_open reads a .gz or .bz2.
     */
    private static TextLines open(String set) throws IOException {
        Path file = Path.of(set);
        String notReadable = ModelSource.notReadable(file);
        if (notReadable != null) {
            throw new EvaluationSetException(set, 0, Files.exists(file) ? notReadable : "not a built-in set name and not a file");
        }
        return TextLines.open(new ModelSource(set, file, null), TextLines.Ends.UNIVERSAL);
    }

    /**
     * A section's accuracy, or a dash where it asked nothing (every question had an unknown word):
     * gensim scores such a section 0.0, as the JSON does, but "0.0%" would read as all wrong.
     */
    private static String percent(int correct, int incorrect) {
        int asked = correct + incorrect;
        return asked == 0 ? "      -" : String.format(Locale.ROOT, "%6.1f%%", 100.0 * correct / asked);
    }

    private static void printText(PrintStream out, AnalogyScore analogies, Map<String, PairScore> pairs) {
        if (analogies != null) {
            out.printf(Locale.ROOT, "Analogies (%s, 3Cos%s, first %d words, %s%s):%n", analogies.set(),
                    analogies.method().equals("mul") ? "Mul" : "Add", analogies.restrictVocab(),
                    analogies.caseInsensitive() ? "case-insensitive" : "case-sensitive",
                    analogies.dummy4unknown() ? ", unknown words counted wrong" : "");
            for (AnalogyScore.Section s : analogies.sections()) {
                out.printf(Locale.ROOT, "  %-30s %6d / %-6d %s%n", s.section(), s.correct(),
                        s.correct() + s.incorrect(), percent(s.correct(), s.incorrect()));
            }
            out.printf(Locale.ROOT, "  %-30s %6d / %-6d %s   (%d of %d questions %s: %.1f%% OOV)%n", "total",
                    analogies.correct(), analogies.correct() + analogies.incorrect(),
                    percent(analogies.correct(), analogies.incorrect()), analogies.oov(), analogies.questions(),
                    analogies.dummy4unknown() ? "counted wrong" : "skipped", analogies.oovRatio());
            if (analogies.invalidLines() > 0) {
                out.printf(Locale.ROOT, "  (%s of %s skipped: not four words)%n", lines(analogies.invalidLines()),
                        analogies.set());
            }
        }
        for (PairScore p : pairs.values()) {
            out.printf(Locale.ROOT, "Word pairs %s: Pearson %.4f (p %.2e), Spearman %.4f (p %.2e), %d pairs, %.1f%% OOV%s%n",
                    p.set(), p.pearson(), p.pearsonPValue(), p.spearman(), p.spearmanPValue(), p.pairs(), p.oovRatio(),
                    p.dummy4unknown() ? " (scored 0)" : "");
            if (p.invalidLines() > 0) {
                out.printf(Locale.ROOT, "  (%s of %s skipped: not three fields, word1, word2 and a score)%n",
                        lines(p.invalidLines()), p.set());
            }
        }
    }

    private static String lines(int count) {
        return count + (count == 1 ? " line" : " lines");
    }

    private static String progress(LoadProgress p) {
        return p.totalBytes() > 0
                ? String.format(Locale.ROOT, "Loading: %d rows, %.1f%% of %.1f MB", p.rows(), p.percent(),
                        p.totalBytes() / 1e6)
                : String.format(Locale.ROOT, "Loading: %d rows, %.1f MB read", p.rows(), p.bytesRead() / 1e6);
    }
}
