package dev.wordvec.models;

/**
 * How a loaded model's file compares with what was loaded. The service answers from memory (or
 * from its own cached copy) either way; this tells operators that the next start will read
 * something different, or nothing.
 */
public enum SourceState {
    /** The same file as when loaded: size, modification and change times, device and inode ({@link FileIdentity}). */
    UNCHANGED,
    /** Rewritten since: the next start loads the new content (or fails on it, loudly). */
    CHANGED,
    /** Gone: the next start fails unless it comes back. */
    MISSING,
    /** Not a file (a classpath resource), or not loaded yet. */
    UNKNOWN
}
