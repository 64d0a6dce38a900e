/**
 * wordvec's own HTTP API: thin controllers (parse, ask the query layer, map the answer),
 * request limits and filters, and every error as an RFC 9457 problem. Uses {@code models},
 * {@code query} and {@code vectors}; never {@code formats} or {@code openai}.
 */
package dev.wordvec.web;
