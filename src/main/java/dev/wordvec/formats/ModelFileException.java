package dev.wordvec.formats;

import java.io.IOException;

/**
 * A model file that cannot be loaded: missing, truncated, malformed or of an unsupported kind.
 * The message always names the file, where in it the problem is (line or byte offset) and why,
 * because the person reading it is an operator looking at a failed start-up.
 */
public final class ModelFileException extends IOException {

    private final String file;
    private final String location;
    private final String reason;

    private ModelFileException(String file, String location, String reason, Throwable cause) {
        super("Cannot load model file " + file + (location.isEmpty() ? "" : ", " + location) + ": " + reason, cause);
        this.file = file;
        this.location = location;
        this.reason = reason;
    }

    public static ModelFileException atLine(String file, long line, String reason) {
        return new ModelFileException(file, "line " + line, reason, null);
    }

    public static ModelFileException atOffset(String file, long byteOffset, String reason) {
        return new ModelFileException(file, "byte offset " + byteOffset, reason, null);
    }

    public static ModelFileException of(String file, String reason, Throwable cause) {
        return new ModelFileException(file, "", reason, cause);
    }

    /** This failure with {@code more} said after its reason: what may explain it. */
    public ModelFileException withReason(String more) {
        return new ModelFileException(file, location, reason + more, getCause());
    }

    /** The file as the user configured it. */
    public String file() {
        return file;
    }

    /** Where in the file, such as {@code line 12} or {@code byte offset 4096}; empty when it is the whole file. */
    public String location() {
        return location;
    }

    /** Why the file was rejected. */
    public String reason() {
        return reason;
    }
}
