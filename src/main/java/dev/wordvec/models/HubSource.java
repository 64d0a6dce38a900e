package dev.wordvec.models;

import dev.wordvec.download.DownloadLock;
import dev.wordvec.download.DownloadProgress;
import dev.wordvec.download.HubDownload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A contextual model named by {@code source: hf:OWNER/NAME[@REVISION]}: fetched from the Hugging
 * Face Hub into the cache directory at first start, then loaded from there. A marker file written
 * after the last file says which repository and revision the folder holds, so later starts (and
 * starts with no network) use it as it is, and a changed {@code source} fetches again.
 *
 * @param repository {@code OWNER/NAME}
 * @param revision a branch, tag or commit ({@code main} when the source names none)
 * @param folder where the files are kept
 */
record HubSource(String repository, String revision, Path folder, HubDownload hub) {

    /** Written after every file is in place: the source, then the commit it resolved to. */
    static final String MARKER = ".wordvec-hub";

    /** {@code hf:OWNER/NAME[@REVISION]} into the cache's {@code downloads/hf/OWNER--NAME[@REVISION]}. */
    static HubSource of(String source, Path downloads, HubDownload hub) {
        String rest = source.substring("hf:".length());
        int at = rest.indexOf('@');
        String revision = at < 0 ? "main" : rest.substring(at + 1);
        if (revision.isBlank() || revision.contains("..") || !revision.matches("[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException("'" + source + "' names no revision after '@' that the Hub has (a "
                    + "branch, tag or commit: hf:OWNER/NAME@main)");
        }
        String repository = HubDownload.repository("hf:" + (at < 0 ? rest : rest.substring(0, at)));
        String name = repository.replace("/", "--") + (at < 0 ? "" : "@" + revision.replace("/", "--"));
        return new HubSource(repository, revision, downloads.resolve("hf").resolve(name), hub);
    }

    String id() {
        return "hf:" + repository + "@" + revision;
    }

    /** The commit the folder holds, when it holds this source whole; else null. */
    String fetchedCommit() {
        Path marker = folder.resolve(MARKER);
        try {
            if (Files.isRegularFile(marker)) {
                String[] lines = Files.readString(marker, StandardCharsets.UTF_8).split("\n");
                return lines.length >= 2 && lines[0].equals(id()) ? lines[1] : null;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /**
     * Fetches the files (each checked) and then writes the marker; returns the commit. Another
     * service sharing the cache that is fetching the same source is waited for ({@code waits} is
     * run when it is), and its files used.
     */
    String fetch(Consumer<String> progress, Consumer<DownloadProgress> overall, Runnable waits)
            throws IOException, InterruptedException {
        try (DownloadLock lock = DownloadLock.acquire(folder, progress, waits)) {
            String fetched = fetchedCommit();
            if (fetched != null) {
                progress.accept(id() + " was downloaded to " + folder + " meanwhile");
                return fetched;
            }
            Files.deleteIfExists(folder.resolve(MARKER));
            HubDownload.Result result = hub.fetch(repository, revision, null, folder, progress, overall);
            Files.writeString(folder.resolve(MARKER), id() + "\n" + result.commit() + "\n", StandardCharsets.UTF_8);
            return result.commit();
        }
    }
}
