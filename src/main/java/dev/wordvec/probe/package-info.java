/**
 * The {@code probe} command: an HTTP readiness check that needs no curl in the image. Uses
 * nothing else of wordvec.
 */
package dev.wordvec.probe;
