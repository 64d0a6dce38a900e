package dev.wordvec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.formats.ConvertCommand;
import dev.wordvec.reduction.ReduceCommand;
import dev.wordvec.training.TrainCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the jar does with its arguments: a mistyped command must not start the service. */
class CommandLineTests {

    @Test
    void noArgumentsOrOnlySettingsRunTheService() {
        assertThat(WordvecApplication.mode(new String[0])).isEqualTo("serve");
        assertThat(WordvecApplication.mode(new String[] {"--server.port=8081", "--wordvec.models.m.path=x"}))
                .isEqualTo("serve");
    }

    /** What Spring Boot would pass over without a word is refused, saying what to write. */
    @Test
    void argumentsThatAreNoSettingsAreRefusedBeforeTheServiceStarts() {
        assertThat(WordvecApplication.misreadSetting(new String[] {"--server.port=8081", "--debug"})).isNull();
        assertThat(WordvecApplication.misreadSetting(new String[] {"--port", "8081"}))
                .isEqualTo("the port is set with --server.port=PORT, not --port");
        assertThat(WordvecApplication.misreadSetting(new String[] {"--port=8081"}))
                .isEqualTo("the port is set with --server.port=PORT, not --port=8081");
        assertThat(WordvecApplication.misreadSetting(new String[] {"--server.port=8081", "-Dwordvec.cache=false"}))
                .isEqualTo("'-Dwordvec.cache=false' comes after -jar, so Java hands it to wordvec, not to itself: write "
                        + "--wordvec.cache=false, or put -Dwordvec.cache=false before -jar");
        assertThat(WordvecApplication.misreadSetting(new String[] {"--server.port", "8081"}))
                .startsWith("'8081' is not a setting: settings are given as --name=value");
    }

    @Test
    void commandsAreRecognised() {
        for (String command : new String[] {"train", "evaluate", "reduce", "convert", "download", "probe", "engine"}) {
            assertThat(WordvecApplication.mode(new String[] {command, "x"})).isEqualTo(command);
            assertThat(WordvecApplication.USAGE).contains("  " + command + " ");
        }
    }

    /** {@code train --help} (or {@code help train}) prints the command's usage and exits 0, as tools do. */
    @Test
    void aCommandsHelpIsItsUsage() {
        assertThat(WordvecApplication.askedUsage("train", new String[] {"train", "--help"})).isEqualTo(TrainCommand.USAGE);
        assertThat(WordvecApplication.askedUsage("convert", new String[] {"convert", "in.txt", "-h"}))
                .isEqualTo(ConvertCommand.USAGE);
        assertThat(WordvecApplication.askedUsage("help", new String[] {"help", "reduce"})).isEqualTo(ReduceCommand.USAGE);
        assertThat(WordvecApplication.askedUsage("engine", new String[] {"engine", "--help"}))
                .isEqualTo("usage: java -jar wordvec.jar engine");
        // After --, a file may be called --help; without a command, help is the general usage.
        assertThat(WordvecApplication.askedUsage("train", new String[] {"train", "--", "--help", "out.vec"})).isNull();
        assertThat(WordvecApplication.askedUsage("train", new String[] {"train", "corpus.txt", "out.vec"})).isNull();
        assertThat(WordvecApplication.askedUsage("help", new String[] {"--help"})).isNull();
        assertThat(WordvecApplication.askedUsage("help", new String[] {"help", "trian"})).isNull();
    }

    @Test
    void helpAndMistypedCommandsDoNotStartTheService() {
        for (String help : new String[] {"help", "--help", "-h"}) {
            assertThat(WordvecApplication.mode(new String[] {help})).isEqualTo("help");
        }
        for (String version : new String[] {"version", "--version", "-version"}) {
            assertThat(WordvecApplication.mode(new String[] {version})).isEqualTo("version");
        }
        assertThat(WordvecApplication.version()).matches("wordvec \\d+\\.\\d+\\.\\d+\\S*, built \\S+Z; Java \\d+\\S*");
        assertThat(WordvecApplication.mode(new String[] {"trian", "corpus.txt", "out.txt"})).isEqualTo("unknown");
        assertThat(WordvecApplication.notACommand("trian"))
                .isEqualTo("'trian' is not a command (the service's settings are given as --name=value); did you mean "
                        + "train?");
        assertThat(WordvecApplication.notACommand("Evalute")).endsWith("; did you mean evaluate?");
        assertThat(WordvecApplication.notACommand("serve"))
                .isEqualTo("'serve' is not a command (the service's settings are given as --name=value)");
        // A model file given as the only argument: how to serve it.
        assertThat(WordvecApplication.notACommand("src/test/resources/fixtures/test_glove.txt")).isEqualTo(
                "'src/test/resources/fixtures/test_glove.txt' is not a command (the service's settings are given as "
                + "--name=value); to serve the model in that file: java -jar wordvec.jar "
                + "--wordvec.models.test.path=src/test/resources/fixtures/test_glove.txt");
        assertThat(WordvecApplication.mode(new String[] {"Train"})).isEqualTo("unknown");
    }

    /**
     * convert, reduce and train write OUT only when it is not a file they read: {@code convert m.txt
     * m.txt} replaced the user's model with its converted copy. However the path is written. An OUT
     * that cannot be a file is refused at once: {@code train corpus.txt /tmp} failed after training.
     */
    @Test
    void noCommandWritesOverAFileItReads(@TempDir Path tmp) throws Exception {
        Path model = Files.copy(Path.of("src/test/resources/fixtures/test_glove.txt"), tmp.resolve("model.txt"));
        Path corpus = Files.writeString(tmp.resolve("corpus.txt"), "the cat sat on the mat\n".repeat(50));
        Path link = Files.createSymbolicLink(tmp.resolve("link.txt"), model);
        byte[] modelBytes = Files.readAllBytes(model);
        byte[] corpusBytes = Files.readAllBytes(corpus);
        String sameModel = tmp.resolve("sub/../model.txt").toString();
        Files.createDirectories(tmp.resolve("sub"));
        for (String out : new String[] {model.toString(), sameModel, link.toString()}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(ConvertCommand.run(new String[] {"convert", model.toString(), out}, quiet(), stream(err)))
                    .as(out).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(out + " is the model being read (" + model
                    + "): writing it would replace it; name another output file");
            assertThat(ReduceCommand.run(new String[] {"reduce", model.toString(), out, "--dim", "10"}, quiet(), quiet()))
                    .as(out).isEqualTo(2);
            assertThat(TrainCommand.run(new String[] {"train", corpus.toString(), out, "--dim", "50", "--min-count", "1",
                "--init", model.toString()}, quiet(), quiet())).as(out).isEqualTo(2);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(TrainCommand.run(new String[] {"train", corpus.toString(), corpus.toString(), "--min-count", "1"},
                quiet(), stream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(" is the corpus being read (");
        assertThat(Files.readAllBytes(model)).isEqualTo(modelBytes);
        assertThat(Files.readAllBytes(corpus)).isEqualTo(corpusBytes);
        // Nor into a directory, or under a file, found out before the work: nothing is read or trained.
        for (String out : new String[] {tmp.toString(), corpus.resolve("out.vec").toString()}) {
            String why = out.equals(tmp.toString()) ? out + " is a directory: name the file to write, such as "
                    + tmp.resolve("vectors.vec") : out + " cannot be written: " + corpus + " is a file, not a directory";
            err.reset();
            assertThat(ConvertCommand.run(new String[] {"convert", model.toString(), out}, quiet(), stream(err)))
                    .as(out).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(why + "\n");
            err.reset();
            assertThat(ReduceCommand.run(new String[] {"reduce", model.toString(), out, "--dim", "10"}, quiet(), stream(err)))
                    .as(out).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(why + "\n");
            err.reset();
            assertThat(TrainCommand.run(new String[] {"train", corpus.toString(), out, "--min-count", "1"}, quiet(),
                    stream(err))).as(out).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(why + "\n");
        }
        // Another file is written as ever.
        assertThat(ConvertCommand.run(new String[] {"convert", model.toString(), tmp.resolve("model.wvc").toString()},
                quiet(), quiet())).isEqualTo(0);
    }

    private static PrintStream quiet() {
        return stream(new ByteArrayOutputStream());
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
