package dev.wordvec.training;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live line of {@code train}: epoch, progress, words per second, learning rate, loss and time
 * left. On a terminal it rewrites itself in place every half second; into a file or a pipe it
 * writes a line every ten seconds, so logs stay readable.
 */
final class TrainingProgress {

    /**
     * Seconds of training before its speed and time left are shown: the first batch's report (its
     * loss is the baseline) comes after the engine's warm-up, and a speed measured over it put
     * "3,210 words/s, ETA 88m33s" on a run that took 31 s.
     */
    private static final double MEASURED_AFTER_SECONDS = 2;

    private final PrintStream err;
    private final boolean terminal;
    private Word2Vec.Progress last;

    TrainingProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    long interval() {
        return terminal ? 500_000_000L : 10_000_000_000L;
    }

    void show(Word2Vec.Progress p) {
        last = p;
        if (p.fraction() >= 1) {
            return; // the end: done() sums it up
        }
        boolean measured = p.seconds() >= MEASURED_AFTER_SECONDS;
        String line = String.format(Locale.ROOT, "  epoch %d/%d  %5.1f%%  %s words/s  alpha %.5f  loss %s  ETA %s",
                p.epoch(), p.epochs(), 100 * p.fraction(),
                measured ? String.format(Locale.ROOT, "%,.0f", p.wordsPerSecond()) : "-", p.alpha(), loss(p.loss()),
                measured ? duration(p.etaSeconds()) : "-");
        if (terminal) {
            err.print("\r" + line + "   ");
        } else {
            err.println(line);
        }
    }

    /** Ends the live line with a summary of the whole run. */
    void done() {
        if (terminal && last != null) {
            err.println();
        }
        if (last != null) {
            err.printf(Locale.ROOT, "  trained %d epoch%s in %s: %,.0f words/s, last loss %s%n", last.epochs(),
                    last.epochs() == 1 ? "" : "s", duration(last.seconds()), last.wordsPerSecond(), loss(last.loss()));
        }
    }

    /** "-" until a batch has measured it (a corpus whose words subsampling dropped trains none). */
    static String loss(double loss) {
        return Double.isNaN(loss) ? "-" : String.format(Locale.ROOT, "%.4f", loss);
    }

    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }
}
