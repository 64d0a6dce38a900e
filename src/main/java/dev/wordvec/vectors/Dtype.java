package dev.wordvec.vectors;

import ai.djl.ndarray.NDManager;

/** How the engine stores a model's values: each constant names the class that holds them. */
public enum Dtype {

    /** 4 bytes a value, exactly as read from the file: answers equal gensim's. */
    FLOAT32 {
        @Override
        RowStorage store(RowBlocks matrix, NDManager manager) {
            return new Float32Rows(matrix, manager);
        }
    },
    /**
     * 2 bytes a value (IEEE half precision): half the memory, at a small cost in accuracy (see
     * docs/benchmarks.md); vectors come back rounded to half precision. Searches widen the rows to
     * float32 a slice at a time ({@link WidenedProducts}), at float32's cost or less.
     */
    FLOAT16 {
        @Override
        RowStorage store(RowBlocks matrix, NDManager manager) {
            return new Float16Rows(matrix, manager);
        }
    },
    /**
     * 1 byte a value and one float32 scale a row (absolute maximum / 127): a quarter of the
     * memory; the least exact. Searches widen the rows to float32 a slice at a time
     * ({@link WidenedProducts}), at float32's cost or less.
     */
    INT8 {
        @Override
        RowStorage store(RowBlocks matrix, NDManager manager) {
            return new Int8Rows(matrix, manager);
        }
    };

    /**
     * The rows of {@code matrix} held in this dtype, with their tensors on {@code manager}. A
     * dtype other than float32 makes its own copy and keeps no reference to {@code matrix}.
     */
    abstract RowStorage store(RowBlocks matrix, NDManager manager);
}
