package dev.wordvec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "did you mean" of usage and start-up reports. */
class SpellingTests {

    @Test
    void swapsOfNeighboursCountOnce() {
        assertThat(Spelling.distance("dtpye", "dtype")).isEqualTo(1);
        assertThat(Spelling.distance("path", "pth")).isEqualTo(1);
        assertThat(Spelling.distance("kind", "index")).isGreaterThan(2);
    }

    @Test
    void theNearestNameIsMeantWhenNearEnoughForATypo() {
        Set<String> commands = Set.of("convert", "download", "evaluate", "reduce", "train", "probe", "engine");
        assertThat(Spelling.closest("trian", commands, w -> w)).contains("train");
        assertThat(Spelling.closest("Evalute", commands, w -> w.toLowerCase(Locale.ROOT))).contains("evaluate");
        assertThat(Spelling.closest("serve", commands, w -> w)).isEmpty();
        // Short words allow one edit: "dim" is not "dtype", nor "pth" two edits from anything else.
        assertThat(Spelling.closest("dim", List.of("dtype", "path"), w -> w)).isEmpty();
        assertThat(Spelling.closest("pth", List.of("dtype", "path"), w -> w)).contains("path");
        // A tie goes to the first alphabetically, whatever the collection's order.
        assertThat(Spelling.closest("cat", List.of("hat", "bat"), w -> w)).contains("bat");
    }
}
