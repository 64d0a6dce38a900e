/**
 * The OpenAI-compatible embeddings route, with OpenAI's request and error shapes. A thin
 * adapter over the query layer's {@code TextEncoder}, with {@code http}'s error shape; never
 * uses {@code web}.
 */
package dev.wordvec.openai;
