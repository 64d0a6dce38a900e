package dev.wordvec.vectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A text's words matched in the built-in model's vocabulary ({@link WordLookup#findText}): a
 * 19-word sentence, and two texts of 100,000 characters (the longest a request may send), one of
 * words followed by marks ({@code the king. }) and one made only of punctuated tokens
 * ({@code a.b.}), which a naive search for words written with punctuation would try as many
 * candidates each. Run with {@code src/test/bench/jmh.sh TextMatching}; figures in docs/benchmarks.md.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class TextMatchingBenchmarks {

    @Param({"sentence", "marks", "punctuated"})
    String text;

    private WordLookup lookup;
    private String input;

    @Setup
    public void setUp() throws IOException {
        List<String> words = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                TextMatchingBenchmarks.class.getResourceAsStream("/models/demo-57k-100d.vec.gz")), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                words.add(line.substring(0, line.indexOf(' ')));
            }
        }
        lookup = new WordLookup(new Vocabulary(words), List.of(CaseForm.LOWER, CaseForm.CAPITALIZED), true);
        input = switch (text) {
            case "sentence" -> "The quick brown fox jumps over the lazy dog, and the king of France said hello to the queen.";
            case "marks" -> "the king. ".repeat(10_000);
            default -> "a.b.".repeat(25_000);
        };
    }

    @Benchmark
    public List<WordMatch> findText() {
        return lookup.findText(input);
    }
}
