package dev.wordvec;

import dev.wordvec.vectors.NoexecLibrary;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A native library on a file system mounted {@code noexec} ({@link NoexecLibrary}): the loader
 * says only "failed to map segment from shared object", with a stack trace; the report names the
 * mount and what to set. Any other link error is left to the default report.
 */
final class NativeLibraryFailureAnalyzer extends AbstractFailureAnalyzer<UnsatisfiedLinkError> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsatisfiedLinkError cause) {
        String description = NoexecLibrary.description(cause);
        return description == null ? null : new FailureAnalysis(description, NoexecLibrary.action(), cause);
    }
}
