package dev.wordvec.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A native library on a noexec file system is reported as such; other link errors are left alone. */
class NoexecLibraryTests {

    private static final String LIBGOMP =
            "/mnt/nx/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64/libgomp-98b21ff3.so.1";

    @TempDir
    Path dir;

    /** The loader's message, as glibc words it (seen with /tmp mounted noexec and no writable home). */
    private static UnsatisfiedLinkError mapFailure(String library) {
        return new UnsatisfiedLinkError(library + ": " + library + ": failed to map segment from shared object");
    }

    private Path mounts(String... lines) throws IOException {
        return Files.writeString(dir.resolve("mounts"), String.join("\n", lines) + "\n");
    }

    @Test
    void aLibraryOnANoexecMountIsNamedWithItsMountPoint() throws IOException {
        Path mounts = mounts("/dev/sda1 / ext4 rw,relatime 0 0",
                "tmpfs /mnt/nx tmpfs rw,noexec,relatime,size=2097152k 0 0");

        String description = NoexecLibrary.description(mapFailure(LIBGOMP), mounts);

        assertThat(description).startsWith("the native library " + LIBGOMP + " cannot be loaded: it is on a file "
                + "system mounted noexec (/mnt/nx), from which no library may run. DJL keeps its natives in ");
        assertThat(NoexecLibrary.action()).contains("DJL_CACHE_DIR=");
    }

    @Test
    void theMountHoldingTheFileDecidesNotOneWhoseNameIsAPrefix() throws IOException {
        Path mounts = mounts("/dev/sda1 / ext4 rw,noexec 0 0", "tmpfs /mnt/n tmpfs rw,noexec 0 0",
                "tmpfs /mnt/nx tmpfs rw,nosuid 0 0");

        assertThat(NoexecLibrary.description(mapFailure(LIBGOMP), mounts)).isNull();
    }

    @Test
    void aFileSystemMountedOverAnotherDecides() throws IOException {
        Path noexecOnTop = mounts("/dev/sda1 / ext4 rw 0 0", "tmpfs /mnt/nx tmpfs rw 0 0",
                "tmpfs /mnt/nx tmpfs rw,noexec 0 0");
        assertThat(NoexecLibrary.description(mapFailure(LIBGOMP), noexecOnTop)).contains("(/mnt/nx)");

        Path execOnTop = mounts("/dev/sda1 / ext4 rw 0 0", "tmpfs /mnt/nx tmpfs rw,noexec 0 0",
                "tmpfs /mnt/nx tmpfs rw 0 0");
        assertThat(NoexecLibrary.description(mapFailure(LIBGOMP), execOnTop)).isNull();
    }

    @Test
    void aMountPointWithASpaceIsRead() throws IOException {
        Path mounts = mounts("/dev/sda1 / ext4 rw 0 0", "tmpfs /srv/my\\040cache tmpfs rw,noexec 0 0");

        assertThat(NoexecLibrary.description(mapFailure("/srv/my cache/libtorch.so"), mounts))
                .contains("(/srv/my cache)");
    }

    @Test
    void otherLinkErrorsAreLeftToTheDefaultReport() throws IOException {
        Path mounts = mounts("/dev/sda1 / ext4 rw,noexec 0 0");

        assertThat(NoexecLibrary.description(
                new UnsatisfiedLinkError("no onnxruntime in java.library.path"), mounts)).isNull();
        assertThat(NoexecLibrary.description(new UnsatisfiedLinkError(null), mounts)).isNull();
        assertThat(NoexecLibrary.description(
                new UnsatisfiedLinkError("failed to map segment from shared object"), mounts)).isNull();
    }

    @Test
    void theCommandsFindTheLinkErrorAmongTheCauses() throws IOException {
        Path mounts = mounts("/dev/sda1 / ext4 rw 0 0", "tmpfs /mnt/nx tmpfs rw,noexec 0 0");
        RuntimeException engine = new IllegalStateException("Failed to load PyTorch native library",
                new IllegalStateException("wrapped", mapFailure(LIBGOMP)));

        assertThat(NoexecLibrary.report(engine, mounts))
                .startsWith("the native library " + LIBGOMP + " cannot be loaded")
                .endsWith(NoexecLibrary.action());
        assertThat(NoexecLibrary.report(new IllegalStateException("no cause"), mounts)).isNull();
        assertThat(NoexecLibrary.report(mapFailure("/usr/lib/libtorch.so"), mounts)).isNull();
    }
}
