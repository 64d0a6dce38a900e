package dev.wordvec.vectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A native library on a file system mounted {@code noexec}: DJL extracts PyTorch's (and ONNX
 * Runtime's and the tokenizer's) natives into its cache, {@code ~/.djl.ai}, or into
 * {@code java.io.tmpdir} when the home directory cannot be written, as for a system user; hardened
 * hosts mount /tmp {@code noexec}, and the loader then says only "failed to map segment from shared
 * object". This names the file system and what to set, for the service's start-up report, the
 * commands and {@code engine}. Any other link error is not its business.
 */
public final class NoexecLibrary {

    private static final Path MOUNTS = Path.of("/proc/self/mounts");

    private NoexecLibrary() {
    }

    /** What failed, when {@code e} is a library on a noexec mount of this machine (null otherwise). */
    public static String description(UnsatisfiedLinkError e) {
        return description(e, MOUNTS);
    }

    /** What failed and what to do, when a cause of {@code failure} is such a link error; null otherwise. */
    public static String report(Throwable failure) {
        return report(failure, MOUNTS);
    }

    static String report(Throwable failure, Path mounts) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof UnsatisfiedLinkError link) {
                String description = description(link, mounts);
                return description == null ? null : description + " " + action();
            }
        }
        return null;
    }

    /** What failed, when the library's file system is mounted noexec (null otherwise). */
    static String description(UnsatisfiedLinkError e, Path mounts) {
        String message = e.getMessage();
        if (message == null || !message.contains("failed to map segment from shared object")) {
            return null;
        }
        // The loader's message: "FILE: FILE: failed to map segment from shared object".
        int end = message.indexOf(": ");
        if (end <= 0) {
            return null;
        }
        Path library = Path.of(message.substring(0, end));
        String mountPoint = noexecMountPoint(library, mounts);
        if (mountPoint == null) {
            return null;
        }
        return "the native library " + library + " cannot be loaded: it is on a file system mounted noexec ("
                + mountPoint + "), from which no library may run. DJL keeps its natives in " + djlCache() + ".";
    }

    public static String action() {
        return "Point DJL_CACHE_DIR at a writable directory on a file system that allows programs, for example "
                + "DJL_CACHE_DIR=/var/cache/wordvec/djl java -jar wordvec.jar ...: DJL extracts PyTorch's, ONNX "
                + "Runtime's and the tokenizer's natives there once.";
    }

    /** Where DJL's cache is and why (the home directory, the variable, or the temporary directory). */
    private static String djlCache() {
        String set = System.getenv("DJL_CACHE_DIR");
        if (set == null) {
            set = System.getProperty("DJL_CACHE_DIR");
        }
        if (set != null && !set.isEmpty()) {
            return set + " (DJL_CACHE_DIR)";
        }
        Path home = Path.of(System.getProperty("user.home"));
        return Files.isWritable(home) ? home.resolve(".djl.ai").toString()
                : Path.of(System.getProperty("java.io.tmpdir"), ".djl.ai") + " (the temporary directory, as the home "
                        + "directory " + home + " cannot be written)";
    }

    /** The mount point holding {@code file} when its options include noexec; null otherwise or if unknown. */
    private static String noexecMountPoint(Path file, Path mounts) {
        List<String> lines;
        try {
            lines = Files.readAllLines(mounts);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String best = null;
        boolean noexec = false;
        for (String line : lines) {
            // device, mount point (spaces written \040), type, options, ...
            String[] fields = line.split(" ");
            if (fields.length < 4) {
                continue;
            }
            String point = fields[1].replace("\\040", " ");
            // The longest mount point holding the file; the last of equal ones (mounted over the others).
            if (file.startsWith(point) && (best == null || point.length() >= best.length())) {
                best = point;
                noexec = List.of(fields[3].split(",")).contains("noexec");
            }
        }
        return noexec ? best : null;
    }
}
