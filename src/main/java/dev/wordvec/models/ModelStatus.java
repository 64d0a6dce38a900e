package dev.wordvec.models;

/** Where a configured model is in its life. */
public enum ModelStatus {
    /** Configured; loading has not started. */
    PENDING,
    /** Being read. */
    LOADING,
    /** Answering queries. */
    READY,
    /** Loading failed; the service does not start. */
    FAILED
}
