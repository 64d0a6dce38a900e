package dev.wordvec.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The transport solver against hand-computable plans and against trying every plan of small problems. */
class EarthMoversTests {

    @Test
    void movesEachUnitOfMassTheShortestWayWhenThatIsFeasible() {
        // Two bins of 1/2 each; each first-histogram bin has a cheap partner in the second.
        double[][] cost = {{0.1, 5}, {7, 0.3}};
        EarthMovers.Plan plan = EarthMovers.solve(new int[] {1, 1}, new int[] {1, 1}, cost);
        assertThat(plan.distance()).isCloseTo(0.5 * 0.1 + 0.5 * 0.3, within(1e-15));
        assertThat(plan.flows()).containsExactlyInAnyOrder(new EarthMovers.Flow(0, 0, 0.5),
                new EarthMovers.Flow(1, 1, 0.5));
    }

    @Test
    void splitsABinWhenItsPartnerIsFull() {
        // 3/4 of the mass sits in bin 0, and the second histogram is spread evenly.
        double[][] cost = {{1, 2}, {4, 8}};
        EarthMovers.Plan plan = EarthMovers.solve(new int[] {3, 1}, new int[] {1, 1}, cost);
        // Bin 1 (1/4) goes where it costs least relative to bin 0: 0.25*8 + 0.5*1 + 0.25*2 = 3.0,
        // against 0.25*4 + 0.25*1 + 0.5*2 = 2.25, the optimum.
        assertThat(plan.distance()).isCloseTo(2.25, within(1e-12));
        double moved = plan.flows().stream().mapToDouble(EarthMovers.Flow::mass).sum();
        assertThat(moved).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theSameHistogramOverAZeroDiagonalCostsNothing() {
        double[][] cost = {{0, 1, 2}, {1, 0, 1}, {2, 1, 0}};
        assertThat(EarthMovers.solve(new int[] {2, 1, 5}, new int[] {2, 1, 5}, cost).distance()).isZero();
    }

    /**
     * Seeded random problems (up to 3 x 3 bins, counts up to 3, costs with no structure at all, so
     * that plans must undo earlier moves) against the cheapest of every whole-unit plan: the scaled
     * problem is a transportation problem with whole-number margins, which has a whole-number optimum.
     */
    @Test
    void equalsTheCheapestOfEveryPlanOnSmallProblems() {
        Random random = new Random(Long.getLong("wordvec.fuzz.seed", 20261202L));
        for (int round = 0; round < 150; round++) {
            int[] counts1 = random.ints(1 + random.nextInt(3), 1, 4).toArray();
            int[] counts2 = random.ints(1 + random.nextInt(3), 1, 4).toArray();
            double[][] cost = new double[counts1.length][counts2.length];
            for (double[] row : cost) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = random.nextInt(4) == 0 ? 0 : random.nextDouble() * 10;
                }
            }
            EarthMovers.Plan plan = EarthMovers.solve(counts1, counts2, cost);
            assertThat(plan.distance()).as("round %d: %s %s %s", round, Arrays.toString(counts1),
                    Arrays.toString(counts2), Arrays.deepToString(cost))
                    .isCloseTo(cheapest(counts1, counts2, cost), within(1e-9));
            double[] out = new double[counts1.length];
            double[] in = new double[counts2.length];
            double total = 0;
            for (EarthMovers.Flow flow : plan.flows()) {
                out[flow.from()] += flow.mass();
                in[flow.to()] += flow.mass();
                total += flow.mass() * cost[flow.from()][flow.to()];
            }
            int sum1 = Arrays.stream(counts1).sum();
            int sum2 = Arrays.stream(counts2).sum();
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).isCloseTo((double) counts1[i] / sum1, within(1e-12));
            }
            for (int j = 0; j < in.length; j++) {
                assertThat(in[j]).isCloseTo((double) counts2[j] / sum2, within(1e-12));
            }
            assertThat(total).isCloseTo(plan.distance(), within(1e-12));
        }
    }

    /**
     * Larger seeded problems (up to 60 x 60 bins, counts up to 5, Euclidean costs between random
     * points and costs with no structure) against successive shortest paths, a different method.
     */
    @Test
    void equalsSuccessiveShortestPathsOnLargerProblems() {
        Random random = new Random(Long.getLong("wordvec.fuzz.seed", 20261202L) + 1);
        for (int round = 0; round < 60; round++) {
            int m = 1 + random.nextInt(60);
            int n = 1 + random.nextInt(60);
            int[] counts1 = random.ints(m, 1, 6).toArray();
            int[] counts2 = random.ints(n, 1, 6).toArray();
            double[][] cost = new double[m][n];
            boolean euclidean = round % 2 == 0;
            double[][] points1 = points(random, m);
            double[][] points2 = points(random, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    cost[i][j] = euclidean ? Math.hypot(points1[i][0] - points2[j][0], points1[i][1] - points2[j][1])
                            : random.nextInt(5) * 0.25;
                }
            }
            assertThat(EarthMovers.solve(counts1, counts2, cost).distance()).as("round %d, %d x %d", round, m, n)
                    .isCloseTo(ShortestPathsTransport.distance(counts1, counts2, cost), within(1e-9));
        }
    }

    private static double[][] points(Random random, int count) {
        double[][] points = new double[count][2];
        for (double[] point : points) {
            point[0] = random.nextDouble();
            point[1] = random.nextDouble();
        }
        return points;
    }

    /** The least cost over every whole-unit plan of the scaled problem, by trying them all. */
    private static double cheapest(int[] counts1, int[] counts2, double[][] cost) {
        long total1 = Arrays.stream(counts1).sum();
        long total2 = Arrays.stream(counts2).sum();
        long[] supply = Arrays.stream(counts1).mapToLong(c -> c * total2).toArray();
        long[] demand = Arrays.stream(counts2).mapToLong(c -> c * total1).toArray();
        return search(0, 0, supply, demand, cost, 0) / (double) (total1 * total2);
    }

    private static double search(int i, int j, long[] supply, long[] demand, double[][] cost, double sofar) {
        if (i == supply.length) {
            return sofar;
        }
        if (j == demand.length - 1) {
            // The row's remainder must go to the last column.
            long rest = supply[i];
            if (rest > demand[j]) {
                return Double.POSITIVE_INFINITY;
            }
            demand[j] -= rest;
            supply[i] = 0;
            double best = search(i + 1, 0, supply, demand, cost, sofar + rest * cost[i][j]);
            supply[i] = rest;
            demand[j] += rest;
            return best;
        }
        double best = Double.POSITIVE_INFINITY;
        for (long amount = 0; amount <= Math.min(supply[i], demand[j]); amount++) {
            supply[i] -= amount;
            demand[j] -= amount;
            best = Math.min(best, search(i, j + 1, supply, demand, cost, sofar + amount * cost[i][j]));
            supply[i] += amount;
            demand[j] += amount;
        }
        return best;
    }
}
