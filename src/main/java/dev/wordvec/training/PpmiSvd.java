package dev.wordvec.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.RowBlocks;
import java.util.Comparator;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Count-based word vectors (Levy, Goldberg and Dagan 2015): windowed co-occurrence counts,
 * shifted positive PMI with context-distribution smoothing, then a truncated SVD, the left
 * singular vectors weighted by the singular values to the power {@code eig}. The SVD is
 * randomised (Halko, Martinsson and Tropp 2011) and runs on the engine: the sparse PPMI matrix
 * is a COO tensor, every product with it a sparse-dense product; only the small (rank x rank)
 * Gram matrices are decomposed in Java (commons-math3), since DJL's PyTorch engine has no QR,
 * eigen or SVD operator.
 *
 * @param dim dimensions of the vectors
 * @param window how far apart two words may be to co-occur
 * @param cds context-distribution smoothing: contexts' counts raised to this power (0.75; 1 for none)
 * @param shift the PMI shift k: PMI - log k (1: no shift)
 * @param eig the singular values' power in the vectors (0.5; 0 for the plain singular vectors, 1 for U·Σ)
 * @param seed the random projection's seed
 */
public record PpmiSvd(int dim, int window, double cds, double shift, double eig, long seed) {

    /** Extra columns of the random projection, and passes of power iteration: Halko et al.'s defaults. */
    private static final int OVERSAMPLE = 10;
    private static final int POWER_ITERATIONS = 2;

    /** The shifted positive PMI matrix, sparse: only its positive entries. */
    public record Sparse(int size, int[] rows, int[] columns, float[] values) {

        public float get(int row, int column) {
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == row && columns[i] == column) {
                    return values[i];
                }
            }
            return 0;
        }
    }

    /** Trains on {@code corpus}: counts, PPMI, SVD. */
    public RowBlocks train(Corpus corpus, Consumer<String> progress) {
        int size = corpus.words().size();
        if (dim > size) {
            throw new IllegalArgumentException("--dim " + dim + " is more than the " + size + " words kept");
        }
        progress.accept("counting co-occurrences within " + window + " words");
        Sparse ppmi = ppmi(Cooccurrences.count(corpus, window), size, progress);
        // The counts' table (the largest thing on the heap) is garbage from here on.
        progress.accept(ppmi.values().length + " positive PPMI entries; randomised SVD to " + dim + " dimensions");
        return svd(ppmi, progress);
    }

    /** {@link #ppmi(Cooccurrences, int)}, saying first how many pairs were counted. */
    private Sparse ppmi(Cooccurrences counts, int size, Consumer<String> progress) {
        progress.accept(counts.size() + " distinct pairs; shifted PPMI");
        return ppmi(counts, size);
    }

    /** SPPMI(w, c) = max(log(#(w,c) / (#w · P_cds(c))) - log k, 0). */
    Sparse ppmi(Cooccurrences counts, int size) {
        double[] wordTotals = new double[size];
        double[] contextTotals = new double[size];
        counts.forEach((w, c, n) -> {
            wordTotals[w] += n;
            contextTotals[c] += n;
        });
        double smoothedTotal = 0;
        for (double n : contextTotals) {
            smoothedTotal += Math.pow(n, cds);
        }
        double normaliser = smoothedTotal;
        double logShift = Math.log(shift);
        // The positive entries' keys (word << 32 | context), sorted: a fixed order, so training is
        // deterministic whatever the hash table's layout. Counted first, so that the array is made
        // once at its size (growing it held two copies beside the counts, the heap's peak).
        int[] positive = {0};
        counts.forEach((w, c, n) -> {
            if (pmi(n, wordTotals[w], contextTotals[c], normaliser, logShift) > 0) {
                positive[0]++;
            }
        });
        long[] sorted = new long[positive[0]];
        int[] kept = {0};
        counts.forEach((w, c, n) -> {
            if (pmi(n, wordTotals[w], contextTotals[c], normaliser, logShift) > 0) {
                sorted[kept[0]++] = (long) w << 32 | c;
            }
        });
        java.util.Arrays.sort(sorted);
        int[] rows = new int[sorted.length];
        int[] columns = new int[sorted.length];
        float[] v = new float[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            rows[i] = (int) (sorted[i] >>> 32);
            columns[i] = (int) sorted[i];
            v[i] = (float) pmi(counts.get(rows[i], columns[i]), wordTotals[rows[i]], contextTotals[columns[i]], normaliser,
                    logShift);
        }
        return new Sparse(size, rows, columns, v);
    }

    private double pmi(double count, double wordTotal, double contextTotal, double normaliser, double logShift) {
        return Math.log(count / (wordTotal * (Math.pow(contextTotal, cds) / normaliser))) - logShift;
    }

    /** The randomised truncated SVD of {@code m}: {@code U_dim · Σ_dim^eig}, one row per word. */
    RowBlocks svd(Sparse m, Consumer<String> progress) {
        int n = m.size();
        int rank = Math.min(n, dim + OVERSAMPLE);
        try (NDManager manager = PyTorchEngine.get().newBaseManager()) {
            NDArray matrix = coo(manager, m.rows(), m.columns(), m.values(), n);
            NDArray transposed = coo(manager, m.columns(), m.rows(), m.values(), n);
            Random random = new Random(seed);
            float[] gaussian = new float[n * rank];
            for (int i = 0; i < gaussian.length; i++) {
                gaussian[i] = (float) random.nextGaussian();
            }
            NDArray y = matrix.matMul(manager.create(gaussian, new Shape(n, rank)));
            for (int q = 0; q < POWER_ITERATIONS; q++) {
                progress.accept("power iteration " + (q + 1) + " of " + POWER_ITERATIONS);
                y = matrix.matMul(orthonormal(transposed.matMul(orthonormal(y))));
            }
            NDArray basis = orthonormal(y);
            // B = Qᵀ M, as Bᵀ = Mᵀ Q; then the small B Bᵀ = U_b Σ² U_bᵀ.
            NDArray projectedT = transposed.matMul(basis);
            double[][] gram = square(projectedT.transpose().matMul(projectedT).toFloatArray(), rank);
            EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
            Integer[] order = descending(eigen.getRealEigenvalues());
            float[] weighted = new float[rank * dim];
            for (int k = 0; k < dim; k++) {
                double sigma = Math.sqrt(Math.max(0, eigen.getRealEigenvalues()[order[k]]));
                double weight = Math.pow(sigma, eig);
                double[] vector = eigen.getEigenvector(order[k]).toArray();
                for (int i = 0; i < rank; i++) {
                    weighted[i * dim + k] = (float) (vector[i] * weight);
                }
            }
            float[] vectors = basis.matMul(manager.create(weighted, new Shape(rank, dim))).toFloatArray();
            fixSigns(vectors, n);
            return RowBlocks.of(vectors, n, dim);
        }
    }

    /** An orthonormal basis of {@code y}'s columns, by Cholesky-QR done twice (its Gram matrix decomposed in Java). */
    private static NDArray orthonormal(NDArray y) {
        NDArray q = y;
        for (int pass = 0; pass < 2; pass++) {
            int columns = (int) q.getShape().get(1);
            double[][] gram = square(q.transpose().matMul(q).toFloatArray(), columns);
            EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
            double[] values = eigen.getRealEigenvalues();
            double largest = java.util.Arrays.stream(values).max().orElse(0);
            float[] whitening = new float[columns * columns];
            for (int k = 0; k < columns; k++) {
                // Directions the columns do not span (rank below the column count) are dropped to zero.
                double scale = values[k] > largest * 1e-10 ? 1 / Math.sqrt(values[k]) : 0;
                double[] vector = eigen.getEigenvector(k).toArray();
                for (int i = 0; i < columns; i++) {
                    whitening[i * columns + k] = (float) (vector[i] * scale);
                }
            }
            q = q.matMul(q.getManager().create(whitening, new Shape(columns, columns)));
        }
        return q;
    }

    /**
     * The sparse {@code size x size} matrix with {@code values} at ({@code rows}, {@code columns}),
     * owned by {@code manager}. libtorch's sparse tensor shares the memory of its index and value
     * arrays, which DJL makes over Java buffers. DJL's own {@code createCoo} closes those arrays
     * at once, so their buffers could be collected while the sparse tensor was still in use, and the
     * products read freed memory. Here the arrays belong to {@code manager}, which keeps their
     * buffers until it closes them with the sparse tensor.
     */
    private static NDArray coo(NDManager manager, int[] rows, int[] columns, float[] values, int size) {
        long[][] indices = new long[2][rows.length];
        for (int i = 0; i < rows.length; i++) {
            indices[0][i] = rows[i];
            indices[1][i] = columns[i];
        }
        PtNDArray indexArray = (PtNDArray) manager.create(indices);
        PtNDArray valueArray = (PtNDArray) manager.create(values);
        return JniUtils.createSparseCoo(indexArray, valueArray, new Shape(size, size));
    }

    private static double[][] square(float[] values, int size) {
        double[][] out = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                out[i][j] = (values[i * size + j] + values[j * size + i]) / 2.0; // symmetric by construction
            }
        }
        return out;
    }

    private static Integer[] descending(double[] values) {
        return IntStream.range(0, values.length).boxed().sorted(Comparator.comparingDouble(i -> -values[i]))
                .toArray(Integer[]::new);
    }

    /** Each dimension's sign fixed (its largest entry positive), so a seed always gives the same output. */
    private void fixSigns(float[] vectors, int rows) {
        for (int k = 0; k < dim; k++) {
            int largest = 0;
            for (int r = 1; r < rows; r++) {
                if (Math.abs(vectors[r * dim + k]) > Math.abs(vectors[largest * dim + k])) {
                    largest = r;
                }
            }
            if (vectors[largest * dim + k] < 0) {
                for (int r = 0; r < rows; r++) {
                    vectors[r * dim + k] = -vectors[r * dim + k];
                }
            }
        }
    }
}
