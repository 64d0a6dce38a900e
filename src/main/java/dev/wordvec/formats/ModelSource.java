package dev.wordvec.formats;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a model file comes from: a path on disk, or a resource inside the application (the
 * built-in model), and for a {@code .zip} the member that holds the model. {@code location} is
 * what the user wrote, so error messages quote it back.
 *
 * @param member the zip member to read (null: the archive's only model file)
 */
public record ModelSource(String location, Path path, String classpathResource, String member) {

    private static final String CLASSPATH_PREFIX = "classpath:";
    private static final String FILE_PREFIX = "file:";
    /** {@code https://}, {@code s3://}, ...: a URL's scheme, which no file path starts with. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    public ModelSource(String location, Path path, String classpathResource) {
        this(location, path, classpathResource, null);
    }

    /**
     * Parses a location: {@code classpath:some/resource} or a file path, either optionally
     * followed by {@code !member} to name the member of a zip ({@code glove.6B.zip!glove.6B.300d.txt}).
     */
    public static ModelSource of(String location) {
        int bang = location.lastIndexOf('!');
        String member = null;
        String file = location;
        if (bang > 0 && bang < location.length() - 1 && !Files.exists(Path.of(location.replaceFirst("^classpath:", "")))) {
            file = location.substring(0, bang);
            member = location.substring(bang + 1);
        }
        if (file.startsWith(CLASSPATH_PREFIX)) {
            String resource = file.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/+", "");
            return new ModelSource(location, null, resource, member);
        }
        return new ModelSource(location, filePath(file), null, member);
    }

    /**
     * A file path, or a {@code file:} URL as Spring writes a resource's location beside the
     * {@code classpath:} one this takes too: {@code file:/models/glove.txt},
     * {@code file:///models/glove.txt} (decoded: {@code %20} is a space) or {@code file:models/x.vec}
     * (relative). A URL naming another host stays as written, and is refused as a URL when opened.
     */
    public static Path filePath(String file) {
        if (!file.regionMatches(true, 0, FILE_PREFIX, 0, FILE_PREFIX.length())) {
            return Path.of(file);
        }
        try {
            URI uri = new URI(file);
            if (!uri.isOpaque() && uri.getPath() != null) {
                String host = uri.getAuthority();
                return host == null || host.isEmpty() || host.equalsIgnoreCase("localhost") ? Path.of(uri.getPath())
                        : Path.of(file);
            }
        } catch (URISyntaxException notAUri) {
            // file:/models/my model.vec, as a person writes it: the rest is the path, as written.
        }
        return Path.of(file.substring(FILE_PREFIX.length()));
    }

    /** The same file with {@code member} as the zip member to read (null leaves it as it is). */
    public ModelSource withMember(String member) {
        if (member == null || member.isBlank()) {
            return this;
        }
        return new ModelSource(fileLocation() + "!" + member, path, classpathResource, member);
    }

    /** Where the file is, without the zip member to read in it. */
    public String fileLocation() {
        return member == null ? location : location.substring(0, location.length() - member.length() - 1);
    }

    /**
     * Why a text file given on a command line (a corpus, an evaluation set) cannot be read, or null
     * when it can. Anything that exists and is not a directory can: a named pipe, {@code /dev/stdin}
     * and {@code <(zcat corpus.gz)} are read as a file is.
     */
    public static String notReadable(Path path) {
        if (Files.isDirectory(path)) {
            return "is a directory, not a file";
        }
        return Files.exists(path) ? null : "no such file";
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

    /**
     * What a directory given as a model's file holds: a sentence-transformers export is a
     * contextual model's path; otherwise the files there, one of which was probably meant.
     */
    private static String directoryHint(Path directory) {
        if (Files.isRegularFile(directory.resolve("model.onnx")) || Files.isRegularFile(directory.resolve("onnx/model.onnx"))) {
            return "; it holds an ONNX network (model.onnx), a contextual model: the service loads it with "
                    + "wordvec.models.<name>.kind: contextual";
        }
        try (var entries = Files.list(directory)) {
            List<String> files = entries.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                    .sorted().toList();
            if (files.isEmpty()) {
                return " (an empty one)";
            }
            return "; name one of its files: " + String.join(", ", files.subList(0, Math.min(files.size(), 5)))
                    + (files.size() > 5 ? " and " + (files.size() - 5) + " more" : "");
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A path set with a space or tab at its end or start (a properties file keeps those) names
     * another file than the one meant, and the message's path shows no sign of it: say so when
     * the path without them exists.
     */
    private String spaceHint() {
        String written = path.toString();
        String stripped = written.strip();
        if (stripped.equals(written) || stripped.isEmpty()) {
            return "";
        }
        try {
            return Files.exists(Path.of(stripped)) ? "; the path has white space at its start or end ('" + written
                    + "'), and '" + stripped + "' exists" : "";
        } catch (InvalidPathException e) {
            return "";
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
            if (URL.matcher(location).matches()) {
                throw ModelFileException.of(location, "is a URL, and a model's path names a file: fetch it first "
                        + "with `java -jar wordvec.jar download URL FILE` (resumable; --sha256 checks it; the Helm "
                        + "chart's model.download.url does this in an init container) and give FILE; a catalogue "
                        + "model (`download NAME`, or a service model's source) needs no URL", null);
            }
            throw ModelFileException.of(location, "file does not exist (resolved to " + path.toAbsolutePath() + ")"
                    + spaceHint(), null);
        }
        if (Files.isDirectory(path)) {
            throw ModelFileException.of(location, "is a directory, not a model file" + directoryHint(path), null);
        }
        try {
            // FileInputStream rather than Files.newInputStream: the latter seeks, which fails on
            // a named pipe or process substitution (<(zcat model.gz)).
            return new FileInputStream(path.toFile());
        } catch (java.io.FileNotFoundException e) {
            // A listed file whose name Java cannot write in its locale (a corpus directory's
            // é.txt under LANG=C): toFile() goes through the name as text and loses its bytes;
            // the path itself still holds them.
            try {
                return Files.newInputStream(path);
            } catch (IOException | RuntimeException second) {
                throw ModelFileException.of(location, "cannot be opened: " + e, e);
            }
        } catch (IOException e) {
            throw ModelFileException.of(location, "cannot be opened: " + e, e);
        }
    }
}
