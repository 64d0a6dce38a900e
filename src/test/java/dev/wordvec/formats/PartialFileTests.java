package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.vectors.RowBlocks;
import dev.wordvec.vectors.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written whole and renamed into place: beside their target, and readable as any new file is. */
class PartialFileTests {

    @Test
    void writtenModelsGetTheUmasksPermissionsNotOwnerOnly(@TempDir Path tmp) throws Exception {
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("any-new-file")));
        Vocabulary words = new Vocabulary(List.of("a", "b"));
        RowBlocks rows = RowBlocks.of(new float[][] {{1, 2}, {3, 4}}, 2);
        for (VectorsWriter.Format format : VectorsWriter.Format.values()) {
            Path written = tmp.resolve("sub").resolve("model." + format.name().toLowerCase());
            VectorsWriter.write(words, rows, format, written);
            assertThat(Files.getPosixFilePermissions(written)).as("%s", format).isEqualTo(usual);
        }
        Path partial = PartialFile.beside(tmp.resolve("x.bin"), ".part");
        assertThat(partial.getParent()).isEqualTo(tmp);
        assertThat(partial.getFileName().toString()).startsWith(".x.bin.").endsWith(".part");
        assertThat(PartialFile.beside(tmp.resolve("x.bin"), ".part")).isNotEqualTo(partial);
        assertThat(tmp.resolve("sub").toFile().list()).as("no partial file left").hasSize(VectorsWriter.Format.values().length);
    }

    /**
     * A directory that takes no new file is found out before the work, not when the result is
     * written hours later. sysfs refuses new files even to root, whom a read-only mode would not stop.
     */
    @Test
    void aDirectoryThatTakesNoNewFileIsNamedBeforeAnyWork(@TempDir Path tmp) {
        assertThat(PartialFile.notAFile(Path.of("/sys/kernel/vectors.vec")))
                .startsWith("/sys/kernel/vectors.vec cannot be written: no file can be made in /sys/kernel (");
        assertThat(PartialFile.notAFile(Path.of("/sys/kernel/new/vectors.vec")))
                .startsWith("/sys/kernel/new/vectors.vec cannot be written: no file can be made in /sys/kernel (");
        assertThat(PartialFile.notAFile(tmp.resolve("new/vectors.vec"))).isNull();
        assertThat(tmp.toFile().list()).as("the probe is gone, and no directory made").isEmpty();
    }

    /** Standard output, devices and a process's open files are streams, whatever file they lead to; files are not. */
    @Test
    void streamsAreToldFromFiles(@TempDir Path tmp) throws Exception {
        for (String stream : new String[] {"/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/2", "/dev/null"}) {
            assertThat(PartialFile.isStream(Path.of(stream))).as(stream).isTrue();
        }
        Path file = Files.writeString(tmp.resolve("v.vec"), "1 1\na 1\n");
        assertThat(PartialFile.isStream(file)).isFalse();
        assertThat(PartialFile.isStream(tmp.resolve("new.vec"))).isFalse();
        assertThat(PartialFile.isStream(tmp)).isFalse();
        // A link to a file is a file (written through a rename, as any other).
        Path link = Files.createSymbolicLink(tmp.resolve("link.vec"), file);
        assertThat(PartialFile.isStream(link)).isFalse();
    }

    /** A failed write says why in words, not with the exception's class (which used to start the reason). */
    @Test
    void aFailedWriteSaysWhyInWords() {
        Path target = Path.of("out.vec");
        assertThat(PartialFile.writeFailure(target, new java.io.IOException("No space left on device")))
                .isEqualTo("Cannot write out.vec: No space left on device");
        assertThat(PartialFile.writeFailure(target, new java.nio.file.FileSystemException("/x", null,
                "Read-only file system"))).isEqualTo("Cannot write out.vec: Read-only file system");
        assertThat(PartialFile.writeFailure(target, new java.nio.file.AccessDeniedException("/x")))
                .isEqualTo("Cannot write out.vec: permission denied");
        assertThat(PartialFile.writeFailure(target, new java.nio.file.NoSuchFileException("/x")))
                .isEqualTo("Cannot write out.vec: the file system refused it");
    }
}
