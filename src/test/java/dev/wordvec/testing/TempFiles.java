package dev.wordvec.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** For tests whose files must exist before a Spring context starts (so no {@code @TempDir}): their cleanup. */
public final class TempFiles {

    private TempFiles() {
    }

    /** Deletes {@code directory} and everything in it. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> files;
        try (var walk = Files.walk(directory)) {
            files = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path file : files) {
            Files.delete(file);
        }
    }
}
