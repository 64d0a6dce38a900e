package dev.wordvec.vectors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows as float32, exactly as read: each block's tensor wraps its direct or mapped buffer without a copy. */
final class Float32Rows implements RowStorage {

    /** One block: the rows, a transposed view (no copy) so a request's queries come first in a product, 1 / row norms. */
    private record Block(NDArray matrix, NDArray transposed, NDArray inverseNorms) {
    }

    private final RowBlocks buffers;
    private final List<Block> blocks = new ArrayList<>();

    Float32Rows(RowBlocks matrix, NDManager manager) {
        this.buffers = matrix;
        for (int b = 0; b < matrix.blockCount(); b++) {
            NDArray block = manager.create(matrix.blocks().get(b), new Shape(matrix.rowsIn(b), matrix.dimension()),
                    DataType.FLOAT32);
            // A zero row gets 1 / the smallest normal float, so it scores 0.
            NDArray inverseNorms;
            try (NDArray norms = block.norm(new int[] {1}); NDArray safe = norms.maximum(Float.MIN_NORMAL)) {
                inverseNorms = safe.pow(-1);
            }
            blocks.add(new Block(block, block.transpose(), inverseNorms));
        }
    }

    @Override
    public void read(int row, float[] target, int offset) {
        buffers.read(row, target, offset);
    }

    @Override
    public float touch(int row) {
        return buffers.touch(row);
    }

    @Override
    public long bytes() {
        return buffers.bytes();
    }

    @Override
    public NDArray cosines(NDArray unitQueries, int b, int from, int to) {
        Block block = blocks.get(b);
        // In place (muli): a batch's scores are queries x rows floats (100 MB for 64 queries over
        // 400k rows); a second array of that size per batch would double the working set.
        if (from == 0 && to == block.matrix().getShape().get(0)) {
            return unitQueries.matMul(block.transposed()).muli(block.inverseNorms());
        }
        // Slices of the model's arrays must belong to the request (a plain get() would attach
        // them to the model's manager: a leak per query).
        NDManager request = unitQueries.getManager();
        NDArray rows = block.transposed().get(request, new NDIndex(":, " + from + ":" + to));
        NDArray inverseNorms = block.inverseNorms().get(request, new NDIndex(from + ":" + to));
        return unitQueries.matMul(rows).muli(inverseNorms);
    }

    /** With one block, DJL's embedding operator gathers the rows in one call. */
    @Override
    public NDArray gather(NDManager request, int[] rows, int dimension) {
        if (blocks.size() != 1) {
            return RowStorage.super.gather(request, rows, dimension);
        }
        long[] indices = Arrays.stream(rows).asLongStream().toArray();
        return Embedding.embedding(request.create(indices), blocks.get(0).matrix(), SparseFormat.DENSE)
                .singletonOrThrow();
    }
}
