/**
 * The {@code download} command: fetches a model file with a checksum, before the service runs.
 * Uses nothing else of wordvec.
 */
package dev.wordvec.download;
