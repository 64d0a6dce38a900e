package dev.wordvec.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Which of some names a mistyped one probably meant, for the "did you mean" of usage and start-up reports. */
public final class Spelling {

    private Spelling() {
    }

    /**
     * The candidate nearest to {@code typed}, when near enough to be a typo of it: one edit for a
     * word of under 5 letters, two for a longer one (so that "dim" does not suggest "dtype"). Both
     * are compared in {@code form} (lower case, say, or without punctuation); ties go to the
     * candidate first in alphabetical order, so the answer does not depend on a set's order.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates, UnaryOperator<String> form) {
        String written = form.apply(typed);
        int most = written.length() < 5 ? 1 : 2;
        record Near(String candidate, int distance) {
        }
        return candidates.stream().map(c -> new Near(c, distance(form.apply(c), written)))
                .filter(near -> near.distance() <= most)
                .min(Comparator.comparingInt(Near::distance).thenComparing(Near::candidate))
                .map(Near::candidate);
    }

    /** Edit distance counting a swap of neighbours as one edit ("dtpye" is one from "dtype"). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
