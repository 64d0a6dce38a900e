package dev.wordvec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A file name this Java cannot use: Java turns a path into bytes with the encoding of the locale it
 * started in ({@code sun.jnu.encoding}), which without {@code LANG} (a container, {@code env -i},
 * cron) is ASCII, so {@code vecteurs-été.vec} fails with an {@link InvalidPathException} and its
 * stack trace; it also reads the command line in that encoding, so such letters arrive as
 * {@code ?}. The report says so and how to start it instead. The commands print the same.
 */
final class FileNameFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPathException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidPathException cause) {
        return new FailureAnalysis(description(cause), action(cause), cause);
    }

    static String description(InvalidPathException e) {
        String input = e.getInput().replace("\0", "\\0");
        if (e.getInput().indexOf('\0') >= 0) {
            return "the path '" + input + "' holds a NUL character, which no file name can";
        }
        return "the path '" + input + "' cannot be a file name here: Java writes file names in " + fileNameEncoding()
                + ", the encoding of the locale it started in (" + variable("LANG") + ", " + variable("LC_ALL")
                + "), and the path has letters beyond it (those it could not even read from the command line or "
                + "the environment show as '?')";
    }

    static String action(InvalidPathException e) {
        if (e.getInput().indexOf('\0') >= 0) {
            return "Give the path without it.";
        }
        return "Start Java in a UTF-8 locale: LANG=C.UTF-8 java -jar wordvec.jar ... (the container image sets it), "
                + "or give the file a name in " + fileNameEncoding() + ".";
    }

    private static String variable(String name) {
        String value = System.getenv(name);
        return value == null ? name + " unset" : name + "=" + value;
    }

    /** The encoding Java uses for file names and the command line; the file encoding is another. */
    private static String fileNameEncoding() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? "an unknown encoding" : Charset.forName(name).equals(StandardCharsets.US_ASCII)
                    ? "ASCII (" + name + ")" : name;
        } catch (IllegalArgumentException unknown) {
            return name;
        }
    }
}
