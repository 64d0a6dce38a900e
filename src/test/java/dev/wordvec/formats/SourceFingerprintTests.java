package dev.wordvec.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint tells a model file's versions apart, also when size and time are the same. */
class SourceFingerprintTests {

    private static final FileTime FIXED = FileTime.fromMillis(1_000);

    @TempDir
    Path tmp;

    @Test
    void theSameContentsAtTheSameTimeHaveTheSameFingerprintWherever() throws Exception {
        Path file = write("a.bin", bytes(1_000_000, 1));
        Path copy = Files.copy(file, tmp.resolve("b.bin"), StandardCopyOption.COPY_ATTRIBUTES);
        assertThat(SourceFingerprint.of(file)).isEqualTo(SourceFingerprint.of(file))
                .isEqualTo(SourceFingerprint.of(copy)).isNotNegative();
    }

    /** A retrained model of the same shape: the same size and time, other bytes all through it. */
    @Test
    void anotherFileOfTheSameSizeAndTimeHasAnotherFingerprint() throws Exception {
        long before = SourceFingerprint.of(write("m.bin", bytes(1_000_000, 1)));
        assertThat(SourceFingerprint.of(write("m.bin", bytes(1_000_000, 2)))).isNotEqualTo(before);
    }

    /** Each sampled block counts, the last one too; a file of up to 64 blocks counts whole. */
    @Test
    void aByteChangedInASampledBlockChangesTheFingerprint() throws Exception {
        int size = 1_000_000;
        byte[] contents = bytes(size, 3);
        long before = SourceFingerprint.of(write("m.bin", contents));
        for (int sample : new int[] {0, 31, SourceFingerprint.SAMPLES - 1}) {
            long at = sample * (long) (size - SourceFingerprint.BLOCK) / (SourceFingerprint.SAMPLES - 1) + 100;
            byte[] changed = contents.clone();
            changed[(int) at]++;
            assertThat(SourceFingerprint.of(write("m.bin", changed))).as("sample %d", sample).isNotEqualTo(before);
        }
        byte[] small = bytes(SourceFingerprint.SAMPLES * SourceFingerprint.BLOCK, 4);
        long smallBefore = SourceFingerprint.of(write("s.bin", small));
        small[SourceFingerprint.BLOCK + 7]++; // between two samples' starts, were the file sampled
        assertThat(SourceFingerprint.of(write("s.bin", small))).isNotEqualTo(smallBefore);
    }

    /** A new time alone is a new version, as it was when the time was all that was compared. */
    @Test
    void anotherTimeIsAnotherFingerprint() throws Exception {
        Path file = write("m.bin", bytes(10_000, 5));
        long before = SourceFingerprint.of(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(2_000));
        assertThat(SourceFingerprint.of(file)).isNotEqualTo(before);
    }

    /**
     * A named pipe is not read (opening it would wait for a writer, and reading would take what the
     * model's reader is to read): its time alone makes its fingerprint.
     */
    @Test
    void aNamedPipeIsNotRead() throws Exception {
        Path pipe = tmp.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        long fingerprint = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> SourceFingerprint.of(pipe));
        assertThat(fingerprint).isNotNegative();
    }

    private Path write(String name, byte[] contents) throws Exception {
        Path file = Files.write(tmp.resolve(name), contents);
        Files.setLastModifiedTime(file, FIXED);
        return file;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
