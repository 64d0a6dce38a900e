package dev.wordvec.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a seeded synthetic model of GloVe size (400,000 x 300 by default) as GloVe text (six
 * decimals, as Stanford's files) and word2vec binary, holding the same float32 values, so that
 * anyone can rerun the benchmarks without downloading a model. Row {@code i} is the word
 * {@code w<i>}, except a few real words at fixed rows, built so that king - man + woman is
 * nearest to queen.
 *
 * <pre>java -cp target/test-classes dev.wordvec.bench.SyntheticModel DIR [WORDS] [DIMENSION] [SEED]</pre>
 */
public final class SyntheticModel {

    private static final String[] REAL_WORDS = {"the", "of", "and", "to", "in", "man", "woman", "king", "queen",
        "paris", "france", "london", "england", "water", "computer", "good", "january", "cat", "dog"};

    private SyntheticModel() {
    }

    /** The GloVe and binary files for this size and seed, written unless they already exist. */
    public record Files2(Path glove, Path binary) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench-data");
        int words = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
        int dimension = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        Files2 files = write(dir, words, dimension, seed);
        System.out.println("wrote " + files.glove() + " and " + files.binary());
    }

    public static Files2 write(Path dir, int words, int dimension, long seed) throws IOException {
        Files.createDirectories(dir);
        String base = "synthetic-" + words + "x" + dimension + "-seed" + seed;
        Path glove = dir.resolve(base + ".txt");
        Path binary = dir.resolve(base + ".bin");
        if (Files.exists(glove) && Files.exists(binary)) {
            return new Files2(glove, binary);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] king = null;
        float[] man = null;
        float[] woman = null;
        try (OutputStream text = new BufferedOutputStream(Files.newOutputStream(glove), 1 << 20);
                OutputStream bin = new BufferedOutputStream(Files.newOutputStream(binary), 1 << 20)) {
            bin.write((words + " " + dimension + "\n").getBytes(StandardCharsets.US_ASCII));
            ByteBuffer row = ByteBuffer.allocate(dimension * 4).order(ByteOrder.LITTLE_ENDIAN);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < words; i++) {
                String word = i < REAL_WORDS.length * 50 && i % 50 == 0 ? REAL_WORDS[i / 50] : "w" + i;
                // Values in millionths: six decimals in the text, the same float32 in the binary.
                long[] millionths = new long[dimension];
                float[] vector = new float[dimension];
                for (int d = 0; d < dimension; d++) {
                    millionths[d] = Math.round(gaussian(random) * 0.4 * 1e6);
                    vector[d] = (float) (millionths[d] / 1e6);
                }
                switch (word) {
                    case "king" -> king = vector;
                    case "man" -> man = vector;
                    case "woman" -> woman = vector;
                    case "queen" -> {
                        for (int d = 0; d < dimension; d++) {
                            millionths[d] = Math.round(((double) king[d] - man[d] + woman[d] + vector[d] * 0.1) * 1e6);
                            vector[d] = (float) (millionths[d] / 1e6);
                        }
                    }
                    default -> { }
                }
                line.setLength(0);
                line.append(word);
                row.clear();
                for (int d = 0; d < dimension; d++) {
                    appendSixDecimals(line.append(' '), millionths[d]);
                    row.putFloat(vector[d]);
                }
                text.write(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                bin.write((word + " ").getBytes(StandardCharsets.UTF_8));
                bin.write(row.array());
                bin.write('\n');
            }
        }
        return new Files2(glove, binary);
    }

    /** {@code millionths / 1e6} with exactly six decimals, as {@code %.6f} would print it, but fast. */
    private static void appendSixDecimals(StringBuilder out, long millionths) {
        if (millionths < 0) {
            out.append('-');
            millionths = -millionths;
        }
        out.append(millionths / 1_000_000).append('.');
        String fraction = Long.toString(millionths % 1_000_000);
        out.append("000000", 0, 6 - fraction.length()).append(fraction);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
