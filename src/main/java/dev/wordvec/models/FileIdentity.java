package dev.wordvec.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

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
 */
record FileIdentity(long size, FileTime modified, FileTime changed, Object key) {

    static FileIdentity of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        FileTime changed;
        try {
            changed = (FileTime) Files.getAttribute(file, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            changed = null;
        }
        return new FileIdentity(attributes.size(), attributes.lastModifiedTime(), changed, attributes.fileKey());
    }
}
