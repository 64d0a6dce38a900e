package dev.wordvec.formats;

/**
 * How far the loading of one model file has come.
 *
 * @param rows rows read so far
 * @param bytesRead bytes of the file read so far (compressed bytes for a gzip file)
 * @param totalBytes size of the file, or -1 when unknown
 * @param elapsedNanos time since loading started
 */
public record LoadProgress(long rows, long bytesRead, long totalBytes, long elapsedNanos) {

    /** Percent of the file read, or -1 when the size is unknown. */
    public double percent() {
        return totalBytes > 0 ? Math.min(100.0, 100.0 * bytesRead / totalBytes) : -1;
    }

    /** Read rate in MB/s (10^6 bytes per second). */
    public double megabytesPerSecond() {
        return elapsedNanos > 0 ? bytesRead / 1e6 / (elapsedNanos / 1e9) : 0;
    }

    /** Rows read per second. */
    public double rowsPerSecond() {
        return elapsedNanos > 0 ? rows / (elapsedNanos / 1e9) : 0;
    }
}
