/**
 * The engine core: a vocabulary and its matrix on the PyTorch engine, one storage class per
 * dtype, exact searches with top-k, dynamic batching, and the vector maths in Java. Owns every
 * native array it makes ({@code EngineMemory}). Uses DJL only: no Spring, no HTTP, no files.
 */
package dev.wordvec.vectors;
