/**
 * wordvec's own HTTP API: thin controllers (parse, ask the query layer, map the answer), the
 * request checks, every error as an RFC 9457 problem, and the OpenAPI document. Uses
 * {@code http}, {@code models}, {@code query} and {@code vectors}; never {@code formats} or {@code openai}.
 */
package dev.wordvec.web;
