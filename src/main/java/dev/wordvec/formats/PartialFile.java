package dev.wordvec.formats;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
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
