package dev.wordvec.query;

import java.util.Arrays;

/**
 * A second, independent solver for the tests: successive shortest paths with potentials (dense
 * Dijkstra), the method the service used before the transportation simplex. Slow (n² per
 * augmentation) but simple, so the two can check each other on problems too large to enumerate.
 */
final class ShortestPathsTransport {

    private ShortestPathsTransport() {
    }

    /** The least cost of moving {@code counts1}'s mass onto {@code counts2}'s (each normalised to 1). */
    static double distance(int[] counts1, int[] counts2, double[][] cost) {
        int n1 = counts1.length;
        int n2 = counts2.length;
        long total1 = Arrays.stream(counts1).asLongStream().sum();
        long total2 = Arrays.stream(counts2).asLongStream().sum();
        long[] supply = new long[n1];
        long[] demand = new long[n2];
        for (int i = 0; i < n1; i++) {
            supply[i] = counts1[i] * total2;
        }
        for (int j = 0; j < n2; j++) {
            demand[j] = counts2[j] * total1;
        }
        long[][] flow = new long[n1][n2];
        // Nodes 0..n1-1 are the first histogram's bins, n1..n1+n2-1 the second's.
        int nodes = n1 + n2;
        double[] potential = new double[nodes];
        double[] dist = new double[nodes];
        int[] previous = new int[nodes];
        boolean[] settled = new boolean[nodes];
        long left = total1 * total2;
        while (left > 0) {
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            Arrays.fill(previous, -1);
            Arrays.fill(settled, false);
            for (int i = 0; i < n1; i++) {
                if (supply[i] > 0) {
                    dist[i] = 0;
                }
            }
            int target = -1;
            while (target < 0) {
                int u = -1;
                for (int v = 0; v < nodes; v++) {
                    if (!settled[v] && dist[v] < Double.POSITIVE_INFINITY && (u < 0 || dist[v] < dist[u])) {
                        u = v;
                    }
                }
                if (u < 0) {
                    throw new IllegalStateException("no bin with room left is reachable: the masses differ");
                }
                settled[u] = true;
                if (u >= n1) {
                    if (demand[u - n1] > 0) {
                        target = u;
                    } else {
                        relaxBack(u, n1, flow, cost, potential, dist, previous, settled);
                    }
                } else {
                    relaxForward(u, n1, n2, cost, potential, dist, previous, settled);
                }
            }
            double reached = dist[target];
            for (int v = 0; v < nodes; v++) {
                // Capped at the target's distance, so that reduced costs stay non-negative for nodes
                // this search did not settle.
                potential[v] += Math.min(dist[v], reached);
            }
            left -= augment(target, n1, supply, demand, flow, previous);
        }
        double distance = 0;
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                distance += flow[i][j] * cost[i][j];
            }
        }
        return distance / ((double) total1 * total2);
    }

    /** From a first-histogram bin to every second-histogram bin (unbounded arcs). */
    private static void relaxForward(int u, int n1, int n2, double[][] cost, double[] potential, double[] dist,
            int[] previous, boolean[] settled) {
        for (int j = 0; j < n2; j++) {
            int v = n1 + j;
            if (!settled[v]) {
                double reduced = Math.max(0, cost[u][j] + potential[u] - potential[v]);
                if (dist[u] + reduced < dist[v]) {
                    dist[v] = dist[u] + reduced;
                    previous[v] = u;
                }
            }
        }
    }

    /** From a second-histogram bin back along the flows that reach it (undoing some of them). */
    private static void relaxBack(int u, int n1, long[][] flow, double[][] cost, double[] potential, double[] dist,
            int[] previous, boolean[] settled) {
        int j = u - n1;
        for (int i = 0; i < flow.length; i++) {
            if (flow[i][j] > 0 && !settled[i]) {
                double reduced = Math.max(0, -cost[i][j] + potential[u] - potential[i]);
                if (dist[u] + reduced < dist[i]) {
                    dist[i] = dist[u] + reduced;
                    previous[i] = u;
                }
            }
        }
    }

    /** Moves as much as the path to {@code target} allows; returns the mass moved. */
    private static long augment(int target, int n1, long[] supply, long[] demand, long[][] flow, int[] previous) {
        long amount = demand[target - n1];
        int v = target;
        while (previous[v] >= 0) {
            int u = previous[v];
            if (u >= n1) {
                amount = Math.min(amount, flow[v][u - n1]);
            }
            v = u;
        }
        amount = Math.min(amount, supply[v]);
        supply[v] -= amount;
        demand[target - n1] -= amount;
        v = target;
        while (previous[v] >= 0) {
            int u = previous[v];
            if (u < n1) {
                flow[u][v - n1] += amount;
            } else {
                flow[v][u - n1] -= amount;
            }
            v = u;
        }
        return amount;
    }
}
