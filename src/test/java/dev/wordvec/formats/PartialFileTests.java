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
}
