package dev.wordvec.vectors;

/** How the engine stores a model's values. */
public enum Dtype {

    /** 4 bytes a value, exactly as read from the file: answers equal gensim's. */
    FLOAT32,
    /**
     * 2 bytes a value (IEEE half precision): half the memory and faster searches, at a small cost
     * in accuracy (see docs/benchmarks.md); vectors come back rounded to half precision.
     */
    FLOAT16
}
