package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch's look at a file tells a new version from the old without reading it, at the same size and time too. */
class FileIdentityTests {

    private static final FileTime FIXED = FileTime.fromMillis(1_000);

    @TempDir
    Path tmp;

    @Test
    void aFileLeftAloneIsTheSame() throws Exception {
        Path file = write(tmp.resolve("m.txt"), "2 1\na 1\nb 2\n");
        assertThat(FileIdentity.of(file)).isEqualTo(FileIdentity.of(file));
    }

    /** Written over in place at the same size, its time set back: the change time tells. */
    @Test
    void aFileWrittenOverInPlaceWithItsTimeSetBackIsAnother() throws Exception {
        Path file = write(tmp.resolve("m.txt"), "2 1\na 1\nb 2\n");
        FileIdentity before = FileIdentity.of(file);
        Thread.sleep(10); // past the change time's granularity on any file system here
        write(file, "2 1\na 3\nb 4\n");
        assertThat(FileIdentity.of(file)).isNotEqualTo(before);
    }

    /** Another file renamed into its place, as atomic deploys do, the same size and time: another inode. */
    @Test
    void aFileRenamedIntoItsPlaceIsAnother() throws Exception {
        Path file = write(tmp.resolve("m.txt"), "2 1\na 1\nb 2\n");
        FileIdentity before = FileIdentity.of(file);
        Files.move(write(tmp.resolve("next.txt"), "2 1\na 3\nb 4\n"), file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        assertThat(FileIdentity.of(file)).isNotEqualTo(before);
    }

    /**
     * A contextual model's directory: a settings file written over in place inside it (which
     * leaves the directory's own attributes as they were), or in one of its modules' folders,
     * makes it another; left alone, it is the same.
     */
    @Test
    void aDirectoryWithAFileWrittenOverInsideIsAnother() throws Exception {
        Path export = Files.createDirectories(tmp.resolve("export/1_Pooling"));
        write(tmp.resolve("export/tokenizer.json"), "{}");
        write(tmp.resolve("export/sentence_bert_config.json"), "{\"max_seq_length\": 128}");
        write(export.resolve("config.json"), "{\"pooling_mode_mean_tokens\": true}");
        Path directory = tmp.resolve("export");
        FileIdentity before = FileIdentity.of(directory);
        assertThat(FileIdentity.of(directory)).isEqualTo(before);
        Thread.sleep(10);
        write(tmp.resolve("export/sentence_bert_config.json"), "{\"max_seq_length\": 256}");
        FileIdentity settings = FileIdentity.of(directory);
        assertThat(settings).isNotEqualTo(before);
        assertThat(settings.modified()).isEqualTo(before.modified()); // the directory itself: as it was
        Thread.sleep(10);
        write(export.resolve("config.json"), "{\"pooling_mode_cls_token\": true}");
        FileIdentity pooling = FileIdentity.of(directory);
        assertThat(pooling).isNotEqualTo(settings);
        // A clone's .git folder is no part of the model: what changes there is not looked at.
        Path git = Files.createDirectories(tmp.resolve("export/.git"));
        FileIdentity cloned = FileIdentity.of(directory);
        Thread.sleep(10);
        write(git.resolve("index"), "changed");
        assertThat(FileIdentity.of(directory)).isEqualTo(cloned);
    }

    private static Path write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FIXED);
        return file;
    }
}
