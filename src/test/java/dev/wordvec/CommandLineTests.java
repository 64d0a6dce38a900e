package dev.wordvec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the jar does with its arguments: a mistyped command must not start the service. */
class CommandLineTests {

    @Test
    void noArgumentsOrOnlySettingsRunTheService() {
        assertThat(WordvecApplication.mode(new String[0])).isEqualTo("serve");
        assertThat(WordvecApplication.mode(new String[] {"--server.port=8081", "--wordvec.models.m.path=x"}))
                .isEqualTo("serve");
    }

    @Test
    void commandsAreRecognised() {
        for (String command : new String[] {"train", "evaluate", "reduce", "convert", "download", "probe", "engine"}) {
            assertThat(WordvecApplication.mode(new String[] {command, "x"})).isEqualTo(command);
            assertThat(WordvecApplication.USAGE).contains("  " + command + " ");
        }
    }

    @Test
    void helpAndMistypedCommandsDoNotStartTheService() {
        for (String help : new String[] {"help", "--help", "-h"}) {
            assertThat(WordvecApplication.mode(new String[] {help})).isEqualTo("help");
        }
        assertThat(WordvecApplication.mode(new String[] {"trian", "corpus.txt", "out.txt"})).isEqualTo("unknown");
        assertThat(WordvecApplication.mode(new String[] {"Train"})).isEqualTo("unknown");
    }
}
