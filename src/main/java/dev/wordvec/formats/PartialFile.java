package dev.wordvec.formats;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The file a whole file is written to before it is renamed into place, so that a reader never
 * sees half of it. It is made beside the target (a rename within one file system is atomic) and
 * with the permissions any new file gets (0666 less the umask), unlike
 * {@link Files#createTempFile}'s owner-only 0600, which the renamed model would keep: a model
 * trained, converted or downloaded by one user is then readable by a service running as another,
 * as the files gensim and fastText write are.
 */
public final class PartialFile {

    private PartialFile() {
    }

    /**
     * Why {@code target} cannot be written as a file, said before any work is done (a training run
     * or a download can last hours): it is a stream ({@link #isStream}), a directory, lies under a
     * file where a directory would have to be made, or its directory (the nearest that exists) takes
     * no new file: read-only, as a container's root often is, or not the user's. Null when it can be.
     */
    public static String notAFile(Path target) {
        if (isStream(target)) {
            return target + " is a stream (a device, pipe or standard output), not a file: name a file to write";
        }
        if (Files.isDirectory(target)) {
            return target + " is a directory: name the file to write, such as " + target.resolve("vectors.vec");
        }
        Path parent = nearestExisting(target);
        if (parent == null) {
            return null;
        }
        return !Files.isDirectory(parent) ? target + " cannot be written: " + parent + " is a file, not a directory"
                : noNewFile(parent, target);
    }

    /**
     * Whether {@code target} is a stream rather than a file: a device ({@code /dev/null}), a named
     * pipe, or a process's open file ({@code /dev/stdout}, {@code /dev/fd/63} from {@code >(gzip >
     * out.gz)}), which are links into {@code /proc}. What goes there is written as it is made: a
     * temporary file renamed over it would replace the link or device itself ({@code /dev/stdout}
     * made a regular file, for every later process), and no reader would see the bytes.
     */
    public static boolean isStream(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        try {
            if (Files.isSymbolicLink(absolute) && Files.readSymbolicLink(absolute).startsWith("/proc")) {
                return true;
            }
            Path parent = absolute.getParent();
            if (parent != null && Files.isDirectory(parent) && parent.toRealPath().startsWith("/proc")) {
                return true;
            }
        } catch (IOException unreadable) {
            // not a link that can be followed: what the name leads to decides
        }
        return Files.exists(absolute) && !Files.isRegularFile(absolute) && !Files.isDirectory(absolute);
    }

    /**
     * The bytes free for new files where {@code target} would be written: in the file system of its
     * nearest directory that exists (the others are made there); -1 when none is found.
     */
    public static long usableSpace(Path target) throws IOException {
        Path parent = nearestExisting(target);
        return parent == null || !Files.isDirectory(parent) ? -1 : Files.getFileStore(parent).getUsableSpace();
    }

    /** The nearest of {@code target}'s parents that exists (a directory, or a file in the way); null when none does. */
    private static Path nearestExisting(Path target) {
        for (Path parent = target.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent)) {
                return parent;
            }
        }
        return null;
    }

    /** Why no file can be made in {@code directory}, found by making one (and deleting it); null when one can. */
    private static String noNewFile(Path directory, Path target) {
        Path probe;
        try {
            probe = beside(directory.resolve(target.getFileName()), ".probe");
        } catch (IOException e) {
            return target + " cannot be written: no file can be made in " + directory + " (" + reason(e) + ")";
        }
        try {
            Files.delete(probe);
        } catch (IOException e) {
            // made, so writable: a probe left behind is an empty hidden file, harmless
        }
        return null;
    }

    /**
     * Why {@code target} may not be written: {@link #notAFile} (but a stream may be, see
     * {@link #isStream}), or it is the file {@code input} names (however the two are written:
     * relative, absolute, through a link), so writing it would replace what the command reads, and
     * the user's model or corpus would be gone. Null when it can be written.
     *
     * @param input a location as the command took it ({@code FILE}, {@code FILE.zip!MEMBER}, {@code classpath:...})
     * @param what what {@code input} is to the command ("the model", "the corpus")
     */
    public static String refusal(Path target, String input, String what) {
        if (isStream(target)) {
            return null;
        }
        String notAFile = notAFile(target);
        if (notAFile != null) {
            return notAFile;
        }
        Path file = ModelSource.of(input).path();
        try {
            if (file != null && Files.exists(target) && Files.exists(file) && Files.isSameFile(target, file)) {
                return target + " is " + what + " being read (" + input + "): writing it would replace it; "
                        + "name another output file";
            }
        } catch (IOException e) {
            // neither can be compared, so neither is known to be the other: the write says what is wrong
        }
        return null;
    }

    /** The line a command prints when writing {@code target} failed: the file and why, in words. */
    public static String writeFailure(Path target, Throwable e) {
        return "Cannot write " + target + ": " + reason(e);
    }

    /** Why a file operation failed, without the exception's class: "permission denied", "No space left on device". */
    private static String reason(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : "the file system refused it";
        }
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** A new empty file named after {@code target} with {@code suffix}, in its directory (created if missing). */
    public static Path beside(Path target, String suffix) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        while (true) {
            String name = "." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + suffix;
            try {
                return Files.createFile(directory.resolve(name));
            } catch (FileAlreadyExistsException taken) {
                // another writer drew the same name: draw again
            }
        }
    }
}
