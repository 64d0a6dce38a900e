package dev.wordvec.index;

/**
 * What an index file was built from: the model file as it was (size and fingerprint, as the
 * converted cache records them), the rows read from it, how they were stored, and the graph
 * settings. An index whose stamp differs from the model's now is stale and rebuilt.
 */
record IndexStamp(long sourceSize, long sourceFingerprint, int rows, int dimension, String dtype, int m,
        int beamWidth) {

    String describe() {
        return rows + " rows x " + dimension + " (" + dtype + "), m " + m + ", beam width " + beamWidth
                + ", from a file of " + sourceSize + " bytes (fingerprint " + Long.toHexString(sourceFingerprint) + ")";
    }
}
