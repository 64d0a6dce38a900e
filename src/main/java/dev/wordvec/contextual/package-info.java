/**
 * Contextual sentence encoders: a sentence-transformers ONNX export (all-MiniLM-L6-v2 built in)
 * run on DJL's OnnxRuntime engine, with DJL's Hugging Face tokenizer. Pooling, normalisation,
 * truncation and batching live here; the encoder answers the text routes through
 * {@code query.TextEncoder}. Uses {@code query}; no Spring.
 */
package dev.wordvec.contextual;
