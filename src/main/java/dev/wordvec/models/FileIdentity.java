package dev.wordvec.models;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * A model file as the file system describes it, from its attributes alone: size, modification time,
 * change time and which file it is (device and inode). What the watch and the source state compare
 * while the service runs, as often as health probes ask: a file put in its place by a rename is
 * another inode, and one written in place gets a new change time, which no tool sets back as
 * reproducible builds set the modification time. A restart sees other inodes and change times for
 * the same contents (an image unpacked again), so what outlives the process (the converted copy,
 * the index) goes by the contents' {@link dev.wordvec.formats.SourceFingerprint} instead.
 *
 * @param changed the change time; null where the file system has none (not a Unix one)
 * @param key the device and inode; null where the file system has none
 * @param inside for a directory (a contextual model's export), the identities of what it holds, down
 *     to {@value #DEPTH} levels (its network, tokenizer and settings, and its modules' folders; not
 *     hidden ones, such as a clone's {@code .git}), in the order of their paths: a file written over
 *     in place inside it changes the directory too, which its own attributes would not show; empty
 *     for a file
 */
record FileIdentity(long size, FileTime modified, FileTime changed, Object key, List<FileIdentity> inside) {

    /** onnx/model.onnx and 2_Dense/model.safetensors are two levels down; three leaves room. */
    static final int DEPTH = 3;

    static FileIdentity of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return of(file, attributes, attributes.isDirectory() ? inside(file) : List.of());
    }

    /** What a directory holds, each entry as the walk found it (a link's target's attributes), by path. */
    private static List<FileIdentity> inside(Path directory) throws IOException {
        java.util.SortedMap<Path, FileIdentity> entries = new java.util.TreeMap<>();
        Files.walkFileTree(directory, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), DEPTH,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes)
                            throws IOException {
                        if (folder.equals(directory)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (hidden(folder)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        add(folder, attributes);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path entry, IOException e) {
                        // A link that leads round in a loop, or an entry gone meanwhile (its folder then changed).
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path entry, BasicFileAttributes attributes) throws IOException {
                        if (!hidden(entry)) {
                            add(entry, attributes);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    private void add(Path entry, BasicFileAttributes attributes) throws IOException {
                        try {
                            entries.put(entry, of(entry, attributes, List.of()));
                        } catch (java.nio.file.NoSuchFileException gone) {
                            // Removed since the walk saw it: the directory is changing, which its own times show.
                        }
                    }
                });
        return List.copyOf(entries.values());
    }

    /**
     * A hidden file or folder: none is read as part of a model, and a clone of a model's repository
     * holds its {@code .git} folder, thousands of files a health probe should not look at.
     */
    private static boolean hidden(Path entry) {
        return entry.getFileName().toString().startsWith(".");
    }

    /** The file's identity from its {@code attributes}, with its change time read beside them. */
    private static FileIdentity of(Path file, BasicFileAttributes attributes, List<FileIdentity> inside)
            throws IOException {
        FileTime changed;
        try {
            changed = (FileTime) Files.getAttribute(file, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            changed = null;
        }
        return new FileIdentity(attributes.size(), attributes.lastModifiedTime(), changed, attributes.fileKey(),
                inside);
    }
}
