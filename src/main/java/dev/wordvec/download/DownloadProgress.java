package dev.wordvec.download;

import java.util.Locale;

/** Progress of a download: bytes so far, the total when known (else -1), and speed. */
public record DownloadProgress(long bytes, long totalBytes, double megabytesPerSecond) {

    @Override
    public String toString() {
        String speed = String.format(Locale.ROOT, "%.1f MB/s", megabytesPerSecond);
        if (totalBytes <= 0) {
            return String.format(Locale.ROOT, "%.1f MB, %s", bytes / 1e6, speed);
        }
        String eta = megabytesPerSecond > 0 && bytes < totalBytes ? String.format(Locale.ROOT, ", %.0f s left",
                (totalBytes - bytes) / 1e6 / megabytesPerSecond) : "";
        return String.format(Locale.ROOT, "%.1f MB of %.1f MB (%.1f%%), %s%s", bytes / 1e6, totalBytes / 1e6,
                100.0 * bytes / totalBytes, speed, eta);
    }
}
