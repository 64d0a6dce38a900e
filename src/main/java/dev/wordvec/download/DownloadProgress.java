package dev.wordvec.download;

import java.util.Locale;

/**
 * Progress of a download: bytes so far, the total when known (else -1), and speed; between
 * attempts, why the last one stopped and when the next starts (else null).
 */
public record DownloadProgress(long bytes, long totalBytes, double megabytesPerSecond, String retrying) {

    public DownloadProgress(long bytes, long totalBytes, double megabytesPerSecond) {
        this(bytes, totalBytes, megabytesPerSecond, null);
    }

    @Override
    public String toString() {
        return retrying == null ? transfer() : transfer() + "; " + retrying;
    }

    private String transfer() {
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
