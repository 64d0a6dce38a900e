/**
 * Which models are configured, their loading, state and life cycle, and how an operator sees
 * them (summary, health, info, metrics). Uses {@code formats}, {@code query} and {@code vectors};
 * Spring configuration lives here, HTTP does not.
 */
package dev.wordvec.models;
