package dev.wordvec.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The earth mover's distance between two histograms of counts, solved exactly: the cheapest way to
 * move the first histogram's mass (each count over its total) onto the second's, where moving one
 * unit from bin i to bin j costs {@code cost[i][j]}.
 *
 * <p>A transportation problem, solved by the transportation simplex method (the network simplex
 * on a complete bipartite graph, as POT and LEMON solve it): a spanning tree of m + n - 1 cells
 * carries the flow, each step brings in a cell whose reduced cost is negative (the most negative
 * of a block of cells) and drops the cell that empties first on the cycle it closes. Successive
 * shortest paths cost n² per augmentation and took 15 s on 1,000 x 1,000 bins; this takes
 * milliseconds to a second.
 *
 * <p>The masses are whole numbers (count1 x total2 against count2 x total1, equal sums), scaled by
 * m + 1 and perturbed by one unit per row (Orden's perturbation), so that no two partial sums of
 * supply and demand are equal: every tree has m + n - 1 non-empty cells, every step strictly
 * lowers the cost, and the method cannot cycle. The final tree is optimal for the unperturbed
 * problem too, whose flows are then worked out on it exactly.
 */
final class EarthMovers {

    /** Mass moved from bin {@code from} of the first histogram to bin {@code to} of the second (a fraction of 1). */
    record Flow(int from, int to, double mass) {
    }

    /** The distance (the total cost of the cheapest plan) and the plan's non-zero flows. */
    record Plan(double distance, List<Flow> flows) {
    }

    private final int rows;
    private final int columns;
    private final double[][] cost;
    /** The tree's cells: row, column and flow of each; m + n - 1 of them. */
    private final int[] cellRow;
    private final int[] cellColumn;
    private final long[] cellFlow;
    /** Each node's cells (nodes 0..m-1 are rows, m..m+n-1 columns), and how many. */
    private final int[][] incident;
    private final int[] degree;
    /** Duals: cost[i][j] = u[i] + v[j] on every tree cell. */
    private final double[] potential;
    /** The tree hung from row 0: each node's cell to its parent, and its depth. */
    private final int[] parentCell;
    private final int[] depth;
    /** Scratch space for the cycle and the tree walks. */
    private final int[] path;
    private final int[] downPath;
    private final int[] stack;

    private EarthMovers(double[][] cost, int rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        this.cost = cost;
        int cells = rows + columns - 1;
        cellRow = new int[cells];
        cellColumn = new int[cells];
        cellFlow = new long[cells];
        incident = new int[rows + columns][];
        for (int v = 0; v < incident.length; v++) {
            incident[v] = new int[4];
        }
        degree = new int[rows + columns];
        potential = new double[rows + columns];
        parentCell = new int[rows + columns];
        depth = new int[rows + columns];
        path = new int[rows + columns];
        downPath = new int[rows + columns];
        stack = new int[rows + columns];
    }

    /**
     * @param counts1 the first histogram's counts, each at least 1
     * @param counts2 the second's
     * @param cost {@code counts1.length} x {@code counts2.length} costs, finite and non-negative
     */
    static Plan solve(int[] counts1, int[] counts2, double[][] cost) {
        int m = counts1.length;
        int n = counts2.length;
        long total1 = Arrays.stream(counts1).asLongStream().sum();
        long total2 = Arrays.stream(counts2).asLongStream().sum();
        // Whole-number masses with equal sums; then each scaled by m + 1, every row given one unit
        // more and the last column m more: the perturbed problem the simplex walks.
        long[] supply = Arrays.stream(counts1).mapToLong(c -> c * total2).toArray();
        long[] demand = Arrays.stream(counts2).mapToLong(c -> c * total1).toArray();
        long[] perturbedSupply = Arrays.stream(supply).map(s -> s * (m + 1) + 1).toArray();
        long[] perturbedDemand = Arrays.stream(demand).map(d -> d * (m + 1)).toArray();
        perturbedDemand[n - 1] += m;
        EarthMovers problem = new EarthMovers(cost, m, n);
        problem.start(perturbedSupply, perturbedDemand);
        problem.optimize();
        problem.flowsFor(supply, demand);
        double distance = 0;
        double scale = (double) total1 * total2;
        List<Flow> flows = new ArrayList<>();
        for (int c = 0; c < problem.cellFlow.length; c++) {
            long flow = problem.cellFlow[c];
            if (flow > 0) {
                distance += flow * cost[problem.cellRow[c]][problem.cellColumn[c]];
                flows.add(new Flow(problem.cellRow[c], problem.cellColumn[c], flow / scale));
            }
        }
        return new Plan(distance / scale, flows);
    }

    /**
     * A first tree: each row in turn sends its supply to its cheapest columns that still need
     * some. With the perturbed masses each allocation empties exactly one row or column, so the
     * m + n - 1 allocations form a spanning tree.
     */
    private void start(long[] supply, long[] demand) {
        long[] need = demand.clone();
        long[] order = new long[columns];
        int cell = 0;
        for (int i = 0; i < rows; i++) {
            // Columns by cost as float bits (ordered as the floats, costs being non-negative) and index.
            for (int j = 0; j < columns; j++) {
                order[j] = (long) Float.floatToIntBits((float) cost[i][j]) << 32 | j;
            }
            Arrays.sort(order);
            long left = supply[i];
            for (int k = 0; k < columns && left > 0; k++) {
                int j = (int) order[k];
                if (need[j] == 0) {
                    continue;
                }
                long amount = Math.min(left, need[j]);
                left -= amount;
                need[j] -= amount;
                cellRow[cell] = i;
                cellColumn[cell] = j;
                cellFlow[cell] = amount;
                link(cell++);
            }
        }
        if (cell != cellRow.length) {
            throw new IllegalStateException("the first plan has " + cell + " cells, not " + cellRow.length);
        }
    }

    /** Steps until no cell has a negative reduced cost. */
    private void optimize() {
        double largest = 0;
        for (double[] row : cost) {
            for (double c : row) {
                largest = Math.max(largest, c);
            }
        }
        // Reduced costs this close to zero are rounding in the duals, not a cheaper plan.
        double tolerance = 1e-11 * Math.max(1, largest);
        long cells = (long) rows * columns;
        int block = (int) Math.max(Math.min(cells, 16), Math.sqrt(cells));
        long next = 0;
        hang(0, -1);
        while (true) {
            long entering = -1;
            double best = -tolerance;
            long scanned = 0;
            // Block search: the most negative reduced cost of the next block of cells, going on
            // to further blocks only while none is negative.
            while (scanned < cells) {
                long end = Math.min(scanned + block, cells);
                for (; scanned < end; scanned++) {
                    int i = (int) (next / columns);
                    int j = (int) (next % columns);
                    double reduced = cost[i][j] - potential[i] - potential[rows + j];
                    if (reduced < best) {
                        best = reduced;
                        entering = next;
                    }
                    next = next + 1 == cells ? 0 : next + 1;
                }
                if (entering >= 0) {
                    break;
                }
            }
            if (entering < 0) {
                return;
            }
            pivot((int) (entering / columns), (int) (entering % columns));
        }
    }

    /**
     * Brings cell (i, j) into the tree: around the cycle it closes, flows alternately grow and
     * shrink by the least flow on a shrinking cell, which leaves. The part of the tree that the
     * leaving cell held is hung again from the entering cell, with its duals.
     */
    private void pivot(int i, int j) {
        // The tree path from column j up to the common ancestor, then down to row i; signs
        // alternate along it, starting with a shrink at column j.
        int a = rows + j;
        int b = i;
        int up = 0;
        int down = 0;
        while (a != b) {
            if (depth[a] >= depth[b]) {
                path[up++] = parentCell[a];
                a = other(parentCell[a], a);
            } else {
                downPath[down++] = parentCell[b];
                b = other(parentCell[b], b);
            }
        }
        for (int k = down - 1; k >= 0; k--) {
            path[up + (down - 1 - k)] = downPath[k];
        }
        int length = up + down;
        int leaving = -1;
        int leavingAt = -1;
        long theta = Long.MAX_VALUE;
        for (int k = 0; k < length; k += 2) {
            if (cellFlow[path[k]] < theta) {
                theta = cellFlow[path[k]];
                leaving = path[k];
                leavingAt = k;
            }
        }
        for (int k = 0; k < length; k++) {
            cellFlow[path[k]] += k % 2 == 0 ? -theta : theta;
        }
        unlink(leaving);
        cellRow[leaving] = i;
        cellColumn[leaving] = j;
        cellFlow[leaving] = theta;
        link(leaving);
        // A leaving cell on column j's way up cut column j's side off; else row i's.
        if (leavingAt < up) {
            hang(rows + j, leaving);
        } else {
            hang(i, leaving);
        }
    }

    /**
     * Hangs {@code node} and what lies below it from {@code cell} (null for the root, row 0):
     * parents, depths and duals, u + v = cost on every cell, u of row 0 being 0.
     */
    private void hang(int node, int cell) {
        int top = 0;
        stack[top++] = node;
        parentCell[node] = cell;
        if (cell < 0) {
            depth[node] = 0;
            potential[node] = 0;
        } else {
            int parent = other(cell, node);
            depth[node] = depth[parent] + 1;
            potential[node] = cost[cellRow[cell]][cellColumn[cell]] - potential[parent];
        }
        while (top > 0) {
            int at = stack[--top];
            for (int k = 0; k < degree[at]; k++) {
                int edge = incident[at][k];
                if (edge == parentCell[at]) {
                    continue;
                }
                int child = other(edge, at);
                parentCell[child] = edge;
                depth[child] = depth[at] + 1;
                potential[child] = cost[cellRow[edge]][cellColumn[edge]] - potential[at];
                stack[top++] = child;
            }
        }
    }

    /** The tree's flows for other masses, from its leaves in: each leaf's one cell carries what the leaf has. */
    private void flowsFor(long[] supply, long[] demand) {
        long[] left = new long[rows + columns];
        System.arraycopy(supply, 0, left, 0, rows);
        System.arraycopy(demand, 0, left, rows, columns);
        int[] remaining = degree.clone();
        boolean[] done = new boolean[cellRow.length];
        int[] leaves = new int[rows + columns];
        int count = 0;
        for (int v = 0; v < remaining.length; v++) {
            if (remaining[v] == 1) {
                leaves[count++] = v;
            }
        }
        int head = 0;
        while (head < count) {
            int leaf = leaves[head++];
            if (remaining[leaf] != 1) {
                continue;
            }
            int cell = -1;
            for (int k = 0; k < degree[leaf]; k++) {
                if (!done[incident[leaf][k]]) {
                    cell = incident[leaf][k];
                }
            }
            done[cell] = true;
            long flow = left[leaf];
            if (flow < 0) {
                throw new IllegalStateException("the optimal tree gives a negative flow");
            }
            cellFlow[cell] = flow;
            int other = other(cell, leaf);
            left[other] -= flow;
            left[leaf] = 0;
            remaining[leaf] = 0;
            if (--remaining[other] == 1) {
                leaves[count++] = other;
            }
        }
    }

    /** The cell's other end: its column node from a row, its row from a column node. */
    private int other(int cell, int node) {
        return node < rows ? rows + cellColumn[cell] : cellRow[cell];
    }

    private void link(int cell) {
        add(cellRow[cell], cell);
        add(rows + cellColumn[cell], cell);
    }

    private void add(int node, int cell) {
        if (degree[node] == incident[node].length) {
            incident[node] = Arrays.copyOf(incident[node], degree[node] * 2);
        }
        incident[node][degree[node]++] = cell;
    }

    private void unlink(int cell) {
        remove(cellRow[cell], cell);
        remove(rows + cellColumn[cell], cell);
    }

    private void remove(int node, int cell) {
        int[] cells = incident[node];
        for (int k = 0; k < degree[node]; k++) {
            if (cells[k] == cell) {
                cells[k] = cells[--degree[node]];
                return;
            }
        }
        throw new IllegalStateException("cell " + cell + " is not at node " + node);
    }
}
