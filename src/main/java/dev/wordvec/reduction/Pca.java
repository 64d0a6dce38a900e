package dev.wordvec.reduction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.wordvec.vectors.PyTorchEngine;
import dev.wordvec.vectors.RowBlocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Principal components of a model's vectors. The work that grows with the vocabulary runs on
 * the engine: the mean, then the covariance {@code Σ (x - μ)ᵀ(x - μ) / n} in float64, a slice of
 * rows at a time, and later the projection of every row. Only the D x D covariance (300 x 300
 * for most models) is decomposed in Java, by commons-math3's symmetric eigendecomposition,
 * since DJL's PyTorch engine has no eigen or SVD operator.
 *
 * @param mean the mean vector
 * @param variances the variance along each component, largest first
 * @param components unit components, one per row, in the order of {@code variances}
 */
public record Pca(float[] mean, double[] variances, float[][] components) {

    /** Rows per engine call: 16,384 rows of 300 float64 values are 39 MB. */
    private static final int SLICE = 16_384;

    /** Fits the components of {@code matrix}'s rows; {@code progress} hears rows done (twice over the matrix). */
    public static Pca fit(RowBlocks matrix, LongConsumer progress) {
        int dimension = matrix.dimension();
        long rows = matrix.rows();
        double[] sum = new double[dimension];
        double[][] covariance = new double[dimension][dimension];
        try (NDManager manager = PyTorchEngine.get().newBaseManager()) {
            long done = 0;
            for (ByteBuffer slice : slices(matrix)) {
                try (NDManager scope = manager.newSubManager()) {
                    double[] part = rowsOf(scope, slice, dimension).toType(DataType.FLOAT64, false)
                            .sum(new int[] {0}).toDoubleArray();
                    for (int d = 0; d < dimension; d++) {
                        sum[d] += part[d];
                    }
                }
                progress.accept(done += slice.capacity() / ((long) dimension * Float.BYTES));
            }
            double[] mean = Arrays.stream(sum).map(s -> s / rows).toArray();
            for (ByteBuffer slice : slices(matrix)) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray centred = rowsOf(scope, slice, dimension).toType(DataType.FLOAT64, false)
                            .sub(scope.create(mean));
                    double[] part = centred.transpose().matMul(centred).toDoubleArray();
                    for (int i = 0; i < dimension; i++) {
                        for (int j = 0; j < dimension; j++) {
                            covariance[i][j] += part[i * dimension + j];
                        }
                    }
                }
                progress.accept(done += slice.capacity() / ((long) dimension * Float.BYTES));
            }
            for (double[] row : covariance) {
                for (int j = 0; j < dimension; j++) {
                    row[j] /= rows;
                }
            }
            return decompose(mean, covariance);
        }
    }

    private static Pca decompose(double[] mean, double[][] covariance) {
        int dimension = mean.length;
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(covariance, false));
        double[] values = eigen.getRealEigenvalues();
        Integer[] order = IntStream.range(0, dimension).boxed().sorted(Comparator.comparingDouble(i -> -values[i]))
                .toArray(Integer[]::new);
        double[] variances = new double[dimension];
        float[][] components = new float[dimension][dimension];
        for (int k = 0; k < dimension; k++) {
            variances[k] = Math.max(0, values[order[k]]);
            double[] vector = eigen.getEigenvector(order[k]).toArray();
            // A sign convention, so the same matrix always gives the same output: largest entry positive.
            int largest = 0;
            for (int d = 1; d < dimension; d++) {
                if (Math.abs(vector[d]) > Math.abs(vector[largest])) {
                    largest = d;
                }
            }
            double sign = vector[largest] < 0 ? -1 : 1;
            for (int d = 0; d < dimension; d++) {
                components[k][d] = (float) (sign * vector[d]);
            }
        }
        float[] floatMean = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            floatMean[d] = (float) mean[d];
        }
        return new Pca(floatMean, variances, components);
    }

    /**
     * A few vectors (a word and its neighbours) in the coordinates of their own first
     * {@code dimensions} principal components: a map that keeps as much of their spread as a
     * plane (or space) can.
     */
    public static Projection coordinates(float[][] vectors, int dimensions) {
        RowBlocks rows = RowBlocks.of(vectors, vectors[0].length);
        Pca pca = fit(rows, done -> { });
        return new Projection(pca.project(rows, 0, dimensions, done -> { }).toArrays(), pca.explained(0, dimensions));
    }

    /**
     * @param coordinates one row per vector, {@code dimensions} values each
     * @param explained the share of the vectors' variance the coordinates keep
     */
    public record Projection(float[][] coordinates, double explained) {
    }

    /** The share of the total variance along components {@code from} to {@code to} (exclusive). */
    public double explained(int from, int to) {
        double total = Arrays.stream(variances).sum();
        return total == 0 ? 0 : Arrays.stream(variances, from, to).sum() / total;
    }

    /**
     * Each row centred and projected on components {@code from .. from + dimensions}: PCA
     * coordinates, in new buffers.
     */
    public RowBlocks project(RowBlocks matrix, int from, int dimensions, LongConsumer progress) {
        float[] basis = new float[mean.length * dimensions];
        for (int d = 0; d < mean.length; d++) {
            for (int k = 0; k < dimensions; k++) {
                basis[d * dimensions + k] = components[from + k][d];
            }
        }
        return transform(matrix, basis, dimensions, progress);
    }

    /**
     * "All-but-the-top" (Mu and Viswanath 2018): each row centred, then its projections on the
     * first {@code top} components removed; the dimension stays.
     */
    public RowBlocks removeTop(RowBlocks matrix, int top, LongConsumer progress) {
        int dimension = mean.length;
        // I - Σ u_k u_kᵀ over the top components: one D x D product per slice.
        float[] projector = new float[dimension * dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                double value = i == j ? 1 : 0;
                for (int k = 0; k < top; k++) {
                    value -= (double) components[k][i] * components[k][j];
                }
                projector[i * dimension + j] = (float) value;
            }
        }
        return transform(matrix, projector, dimension, progress);
    }

    /** {@code (x - μ) · basis} for every row, where basis is D x {@code dimensions}, row-major. */
    private RowBlocks transform(RowBlocks matrix, float[] basis, int dimensions, LongConsumer progress) {
        int dimension = matrix.dimension();
        int rowsPerBlock = RowBlocks.rowsPerBlock(dimensions, RowBlocks.DEFAULT_BLOCK_BYTES);
        List<ByteBuffer> blocks = new ArrayList<>();
        long rows = matrix.rows();
        for (long first = 0; first < rows; first += rowsPerBlock) {
            blocks.add(ByteBuffer.allocateDirect((int) (Math.min(rowsPerBlock, rows - first) * dimensions * Float.BYTES))
                    .order(ByteOrder.nativeOrder()));
        }
        try (NDManager manager = PyTorchEngine.get().newBaseManager()) {
            NDArray projection = manager.create(basis, new Shape(dimension, dimensions));
            NDArray centre = manager.create(mean);
            long done = 0;
            for (ByteBuffer slice : slices(matrix)) {
                try (NDManager scope = manager.newSubManager()) {
                    float[] out = rowsOf(scope, slice, dimension).sub(centre).matMul(projection).toFloatArray();
                    for (int i = 0; i < out.length / dimensions; i++) {
                        long row = done + i;
                        blocks.get((int) (row / rowsPerBlock)).position((int) (row % rowsPerBlock) * dimensions * Float.BYTES)
                                .asFloatBuffer().put(out, i * dimensions, dimensions);
                    }
                    done += out.length / dimensions;
                }
                progress.accept(done);
            }
        }
        blocks.forEach(ByteBuffer::clear);
        return new RowBlocks(dimensions, rowsPerBlock, blocks);
    }

    /** The matrix as consecutive slices of at most {@link #SLICE} rows, sharing its buffers. */
    private static List<ByteBuffer> slices(RowBlocks matrix) {
        long rowBytes = (long) matrix.dimension() * Float.BYTES;
        List<ByteBuffer> slices = new ArrayList<>();
        for (ByteBuffer block : matrix.blocks()) {
            int rows = (int) (block.capacity() / rowBytes);
            for (int first = 0; first < rows; first += SLICE) {
                int count = Math.min(SLICE, rows - first);
                slices.add(block.slice((int) (first * rowBytes), (int) (count * rowBytes)).order(ByteOrder.nativeOrder()));
            }
        }
        return slices;
    }

    /** A slice of rows as a float32 array of {@code scope}, wrapping the buffer without a copy. */
    private static NDArray rowsOf(NDManager scope, ByteBuffer slice, int dimension) {
        return scope.create(slice, new Shape(slice.capacity() / ((long) dimension * Float.BYTES), dimension),
                DataType.FLOAT32);
    }
}
