/**
 * The query layer: what a route asks of a model, free of HTTP and Spring. Text encoding
 * (tokens, weights, principal component, unit length) behind {@code TextEncoder}, the
 * unknown-word policy in one place, batched neighbours and analogies ({@code WordModel}).
 * Uses {@code vectors}; REST controllers, the OpenAI route and commands call it.
 */
package dev.wordvec.query;
