package dev.wordvec.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The list of classes the image's start-up archive holds (docker/start-classes.txt, written by
 * {@code docker/start-cache.sh list}). The archive is made without the application's jar, so the
 * list must not name the application's classes; and a list gone stale after a dependency change
 * only makes starts slower, silently, so this says when to write it again.
 */
class StartClassesTests {

    private static final Path LIST = Path.of("docker", "start-classes.txt");

    /** The class lines, without the comments and the lambda and constant-pool lines ({@code @...}). */
    private static List<String> classes(List<String> lines) {
        return lines.stream().filter(line -> !line.startsWith("#") && !line.startsWith("@")).toList();
    }

    @Test
    void namesNoneOfTheApplicationsClassesAndIsSorted() throws IOException {
        List<String> lines = Files.readAllLines(LIST);
        List<String> classes = classes(lines);
        assertThat(classes).hasSizeGreaterThan(5_000).doesNotHaveDuplicates()
                .noneMatch(name -> name.startsWith("dev/wordvec/"))
                .noneMatch(name -> name.contains("__BeanDefinitions")); // Spring AOT's, in the application's jar
        assertThat(classes).isSortedAccordingTo(String::compareTo);
        assertThat(lines).filteredOn(line -> line.startsWith("@lambda-proxy ") || line.startsWith("@cp "))
                .noneMatch(line -> line.split(" ")[1].startsWith("dev/wordvec/"));
    }

    @Test
    void theLibrariesClassesItNamesStillExist() throws IOException {
        // The JDK's classes depend on the Java version the list was written with; the libraries'
        // are on this class path.
        List<String> libraries = classes(Files.readAllLines(LIST)).stream()
                .filter(name -> !name.matches("(java|javax|jdk|sun|com/sun)/.*")).toList();
        ClassLoader loader = getClass().getClassLoader();
        List<String> missing = libraries.stream().filter(name -> loader.getResource(name + ".class") == null).toList();
        assertThat(libraries).hasSizeGreaterThan(3_000);
        assertThat(missing.size()).as("classes of docker/start-classes.txt no library has any more (write it again "
                + "with docker/start-cache.sh list after changing dependencies): %s", missing.stream().limit(20).toList())
                .isLessThanOrEqualTo(libraries.size() / 50);
    }
}
