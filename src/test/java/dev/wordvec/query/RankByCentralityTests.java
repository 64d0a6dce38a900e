package dev.wordvec.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.TestModels;
import dev.wordvec.vectors.Neighbor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gensim's order among equally central words ({@code doesnt_match}'s pick): it sorts (cosine,
 * word) pairs, comparing words by code point. Here two words share one vector, so their cosines
 * are equal to the bit, and one starts with U+E000, the other with U+1F600, which UTF-16 order
 * would put first. Expected values from gensim 4.2 on the same file:
 * {@code rank_by_centrality(['\ue000a', '\U0001f600a'])} gives
 * {@code [(0.99999994, '\U0001f600a'), (0.99999994, '\ue000a')]}, and {@code doesnt_match} the last.
 */
class RankByCentralityTests {

    private static final String PRIVATE_USE = "\uE000a";
    private static final String EMOJI = "\uD83D\uDE00a";

    @Test
    void equallyCentralWordsComeInGensimsOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tie.txt");
        Files.writeString(file, "3 3\n" + PRIVATE_USE + " 0.3 0.5 0.1\n" + EMOJI + " 0.3 0.5 0.1\nb 0.9 -0.2 0.4\n",
                StandardCharsets.UTF_8);
        try (WordModel model = TestModels.wordModel("tie", file.toString())) {
            for (List<String> group : List.of(List.of(PRIVATE_USE, EMOJI), List.of(EMOJI, PRIVATE_USE))) {
                List<Neighbor> ranking = model.rankByCentrality(model.resolve(group, OovPolicy.ERROR));
                assertThat(ranking).extracting(Neighbor::word).as("%s", group).containsExactly(EMOJI, PRIVATE_USE);
                assertThat(ranking.get(0).similarity()).isEqualTo(ranking.get(1).similarity())
                        .isCloseTo(0.99999994f, within(1e-6f));
            }
            List<Neighbor> three = model.rankByCentrality(model.resolve(List.of(PRIVATE_USE, "b", EMOJI),
                    OovPolicy.ERROR));
            assertThat(three).extracting(Neighbor::word).containsExactly(EMOJI, PRIVATE_USE, "b");
            float[] cosines = {three.get(0).similarity(), three.get(1).similarity(), three.get(2).similarity()};
            assertThat(cosines).containsExactly(new float[] {0.9292555f, 0.9292555f, 0.67384213f}, within(1e-5f));
        }
    }
}
