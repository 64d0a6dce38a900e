/**
 * wordvec: word vectors (and the texts they make) over HTTP, on DJL and PyTorch. Packages by
 * feature, each allowed to use only those below it ({@code ArchitectureTests} checks):
 * {@code vectors} (the engine core) ← {@code query} (what routes ask) and {@code formats} (files)
 * ← {@code models} (configuration and life cycle) ← {@code web}, {@code openai} (HTTP adapters).
 * This package holds the main class and what must run before Spring starts.
 */
package dev.wordvec;
