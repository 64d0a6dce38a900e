package dev.wordvec.index;

/** How far a graph build has come: nodes inserted of the total, and the time spent. */
public record IndexProgress(int nodes, int total, long elapsedNanos) {

    public double percent() {
        return total == 0 ? 100 : 100.0 * nodes / total;
    }

    public double nodesPerSecond() {
        return elapsedNanos <= 0 ? 0 : nodes * 1e9 / elapsedNanos;
    }

    /** Seconds left at the rate so far; -1 before there is a rate. */
    public long secondsLeft() {
        double rate = nodesPerSecond();
        return rate <= 0 ? -1 : Math.round((total - nodes) / rate);
    }
}
