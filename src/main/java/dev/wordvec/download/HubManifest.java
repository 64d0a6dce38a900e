package dev.wordvec.download;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the downloads from the Hub into a model's folder placed there: the source they came from
 * ({@code hf:OWNER/NAME@COMMIT}) and the files, kept in the folder's hidden {@code .wordvec-hub-files}.
 * A download of another source (another revision, or another owner's model of the same name)
 * removes the earlier one's files it does not take: left in place, a stale {@code model.onnx}
 * beside a new {@code onnx/model.onnx} would be the network loaded, and a stale {@code 1_Pooling}
 * would choose the pooling. A download of the same source with another network ({@code --onnx})
 * keeps both, as a quantised model and a float32 one may be served from one folder.
 *
 * @param source the source of the files, null when the folder has no list
 * @param files the files' paths in the folder
 */
record HubManifest(String source, Set<String> files) {

    static final String FILE = ".wordvec-hub-files";
    private static final String SOURCE = "#source ";

    /** The list in {@code folder}; empty when there is none (a path in it that is not plain is passed over). */
    static HubManifest read(Path folder, Predicate<String> plain) throws IOException {
        Path list = folder.resolve(FILE);
        String source = null;
        Set<String> files = new TreeSet<>();
        if (Files.isRegularFile(list)) {
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (line.startsWith(SOURCE)) {
                    source = line.substring(SOURCE.length()).strip();
                } else if (!line.isEmpty() && !line.startsWith("#") && plain.test(line)) {
                    files.add(line);
                }
            }
        }
        return new HubManifest(source, files);
    }

    /**
     * Before a download of {@code taking}: this source, with those files added, so that a run
     * that breaks leaves its files known to the next.
     */
    HubManifest before(Collection<String> taking) throws IOException {
        Set<String> all = new TreeSet<>(files);
        all.addAll(taking);
        return new HubManifest(source, all);
    }

    /**
     * After a download of {@code taken} from {@code newSource} into {@code folder}: removes what
     * this list holds of another source that the download did not take (and the folders left
     * empty); returns the files removed and writes the new list.
     */
    List<String> after(Path folder, String newSource, Collection<String> taken) throws IOException {
        boolean same = newSource.equals(source);
        Set<String> kept = new TreeSet<>(taken);
        List<String> removed = new ArrayList<>();
        for (String path : files) {
            if (kept.contains(path)) {
                continue;
            }
            if (same) {
                kept.add(path);
            } else if (remove(folder, path)) {
                removed.add(path);
            }
        }
        new HubManifest(newSource, kept).writeIfNot(folder, this);
        return removed;
    }

    /** Writes this list into {@code folder} unless it is {@code there} already. */
    void writeIfNot(Path folder, HubManifest there) throws IOException {
        if (equals(there)) {
            return;
        }
        Files.createDirectories(folder);
        Path list = folder.resolve(FILE);
        Path next = list.resolveSibling(FILE + ".next");
        Files.writeString(next, "# the files wordvec's download placed here; a download of another source removes "
                + "those it does not take\n" + (source != null ? SOURCE + source + "\n" : "")
                + String.join("\n", files) + "\n", StandardCharsets.UTF_8);
        Files.move(next, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes a file (and what is kept of its download) and the folders it leaves empty; whether it was there. */
    private static boolean remove(Path folder, String path) throws IOException {
        Path file = folder.resolve(path);
        Path partial = ResumableDownload.partial(file);
        Files.deleteIfExists(ResumableDownload.version(partial));
        Files.deleteIfExists(partial);
        boolean was = Files.deleteIfExists(file);
        for (Path parent = file.getParent(); !parent.equals(folder) && isEmptyDirectory(parent);
                parent = parent.getParent()) {
            Files.delete(parent);
        }
        return was;
    }

    private static boolean isEmptyDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }
}
