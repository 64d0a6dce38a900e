package dev.wordvec.formats;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a model file comes from: a path on disk, or a resource inside the application (the
 * built-in model). {@code location} is what the user wrote, so error messages quote it back.
 */
public record ModelSource(String location, Path path, String classpathResource) {

    private static final String CLASSPATH_PREFIX = "classpath:";

    /** Parses a configured location: {@code classpath:some/resource} or a file path. */
    public static ModelSource of(String location) {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/+", "");
            return new ModelSource(location, null, resource);
        }
        return new ModelSource(location, Path.of(location), null);
    }

    /** Size in bytes, or -1 when unknown. */
    public long size() {
        if (path == null) {
            java.net.URL url = ModelSource.class.getClassLoader().getResource(classpathResource);
            try {
                return url == null ? -1 : url.openConnection().getContentLengthLong();
            } catch (IOException e) {
                return -1;
            }
        }
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Opens the raw bytes, failing with a message that names the location when it cannot. */
    public InputStream open() throws ModelFileException {
        if (path == null) {
            InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(classpathResource);
            if (in == null) {
                throw ModelFileException.of(location, "no such resource on the classpath", null);
            }
            return in;
        }
        if (!Files.exists(path)) {
            throw ModelFileException.of(location, "file does not exist (resolved to " + path.toAbsolutePath() + ")", null);
        }
        if (Files.isDirectory(path)) {
            throw ModelFileException.of(location, "is a directory, not a model file", null);
        }
        try {
            // FileInputStream rather than Files.newInputStream: the latter seeks, which fails on
            // a named pipe or process substitution (<(zcat model.gz)).
            return new FileInputStream(path.toFile());
        } catch (IOException e) {
            throw ModelFileException.of(location, "cannot be opened: " + e, e);
        }
    }
}
