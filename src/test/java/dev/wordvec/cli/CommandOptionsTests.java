package dev.wordvec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandOptionsTests {

    private static final Set<String> VALUED = Set.of("--dim", "--seed", "--pairs", "--delimiter", "--alpha", "--format");
    private static final Set<String> FLAGS = Set.of("--json");

    private static CommandOptions parse(String... args) {
        return CommandOptions.parse(args, 1, VALUED, FLAGS);
    }

    @Test
    void optionsGoAnywhereWithTheirValueNextOrAfterAnEqualsSign() {
        CommandOptions options = parse("train", "--dim", "50", "corpus.txt", "--seed=-7", "out.vec", "--json");
        assertThat(options.plain()).containsExactly("corpus.txt", "out.vec");
        assertThat(options.whole("--dim", 1, 100)).isEqualTo(50);
        assertThat(options.anyWhole("--seed", 1)).isEqualTo(-7);
        assertThat(options.flag("--json")).isTrue();
        assertThat(options.givenOptions()).containsExactly("--dim", "--seed");
    }

    /** "-" is standard input where a file is read and standard output where one is written, as for gzip. */
    @Test
    void aDashIsTheStandardStreams() {
        CommandOptions options = parse("train", "-", "-", "--dim", "5");
        assertThat(options.input(0)).isEqualTo("/dev/stdin");
        assertThat(options.output(1)).isEqualTo(java.nio.file.Path.of("/dev/stdout"));
        CommandOptions files = parse("train", "corpus.txt", "out.vec");
        assertThat(files.input(0)).isEqualTo("corpus.txt");
        assertThat(files.output(1)).isEqualTo(java.nio.file.Path.of("out.vec"));
        // A file named "-" is named ./-, as for any tool that reads "-" so.
        assertThat(parse("convert", "m.vec", "./-").output(1)).isEqualTo(java.nio.file.Path.of("./-"));
    }

    @Test
    void anOptionNotGivenHasItsDefault() {
        CommandOptions options = parse("train", "a", "b");
        assertThat(options.whole("--dim", 1, 100)).isEqualTo(100);
        assertThat(options.anyWhole("--seed", 1)).isEqualTo(1);
        assertThat(options.number("--alpha", v -> v > 0, "above 0", 0.025)).isEqualTo(0.025);
        assertThat(options.value("--format", null)).isNull();
        assertThat(options.flag("--json")).isFalse();
        assertThat(options.values("--pairs")).isEmpty();
    }

    /** A value is the next argument, whatever it looks like: a negative number, or a dash. */
    @Test
    void aValueMayLookLikeAnOption() {
        CommandOptions options = parse("evaluate", "m.vec", "--delimiter", "--", "--seed", "-1");
        assertThat(options.value("--delimiter", null)).isEqualTo("--");
        assertThat(options.anyWhole("--seed", 1)).isEqualTo(-1);
        assertThat(options.plain()).containsExactly("m.vec");
    }

    @Test
    void aRepeatedOptionKeepsEveryValueAndItsLastIsTheValue() {
        CommandOptions options = parse("evaluate", "m.vec", "--pairs", "a.tsv", "--pairs", "b.tsv", "--dim", "1",
                "--dim", "2");
        assertThat(options.values("--pairs")).isEqualTo(List.of("a.tsv", "b.tsv"));
        assertThat(options.whole("--dim", 1, 100)).isEqualTo(2);
    }

    /** As getopt: {@code --} ends the options, so a file whose name starts with {@code --} can be named. */
    @Test
    void aDoubleDashEndsTheOptions() {
        CommandOptions options = parse("convert", "--dim", "3", "--", "--odd-name.txt", "--json");
        assertThat(options.plain()).containsExactly("--odd-name.txt", "--json");
        assertThat(options.flag("--json")).isFalse();
    }

    @Test
    void badUsageSaysWhatIsWrong() {
        assertThatThrownBy(() -> parse("train", "--dims", "5")).isInstanceOf(CommandOptions.UsageException.class)
                .hasMessage("unknown option '--dims'; did you mean --dim?");
        assertThatThrownBy(() -> parse("train", "--bogus", "5")).hasMessage("unknown option '--bogus'");
        assertThatThrownBy(() -> parse("train", "a", "--dim")).hasMessage("--dim needs a value");
        assertThatThrownBy(() -> parse("train", "--json=yes")).hasMessage("--json takes no value, not 'yes'");
        assertThatThrownBy(() -> parse("train", "--dim", "0").whole("--dim", 1, 100))
                .hasMessage("--dim takes a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> parse("train", "--dim", "1e2").whole("--dim", 1, 100))
                .hasMessage("--dim takes a whole number of at least 1, not '1e2'");
        assertThatThrownBy(() -> parse("train", "--seed", "abc").anyWhole("--seed", 1))
                .hasMessage("--seed takes a whole number, not 'abc'");
        assertThatThrownBy(() -> parse("train", "--alpha", "NaN").number("--alpha", v -> v > 0, "above 0", 0.025))
                .hasMessage("--alpha takes a number above 0, not 'NaN'");
        assertThatThrownBy(() -> parse("train", "--format", "npy").choice("--format",
                f -> f.equals("wvc") ? f : null, "wvc", "wvc")).hasMessage("--format is wvc, not 'npy'");
    }
}
