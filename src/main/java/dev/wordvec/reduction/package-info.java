/**
 * Smaller vectors from a model: PCA fitted and applied on the engine (only the D x D covariance
 * is decomposed in Java), optionally without the top components ("all-but-the-top"), and the
 * {@code reduce} command. Uses {@code vectors} and {@code formats}; no Spring, no HTTP.
 */
package dev.wordvec.reduction;
