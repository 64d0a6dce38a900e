/**
 * What the commands ({@code train}, {@code evaluate}, {@code reduce}, {@code convert},
 * {@code download}, {@code probe}) share on a command line: one way to parse their options and
 * say what a bad one should be. Depends on nothing of wordvec's.
 */
package dev.wordvec.cli;
