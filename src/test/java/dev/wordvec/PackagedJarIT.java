package dev.wordvec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code java -jar target/wordvec.jar} with no JVM flags, on the
 * packaged jar: it starts with Spring AOT's bean definitions from the build, answers the README's
 * similarity, and a setting that chooses other beans (a management port) starts it the usual way,
 * with the metrics on that port. The jar is flat (shaded): what merging the libraries into one jar
 * could break (service files, natives read from the class path, licence files) is checked here,
 * on the jar itself.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "wordvec.jar");
    /** Spring Boot's jar, the libraries nested as they come; the image is built from it. */
    private static final Path LAYERED = Path.of("target", "wordvec-layered.jar");
    private static final Duration START = Duration.ofSeconds(120);

    @Test
    void theJarStartsWithItsBuildTimeBeansAndAnswersTheReadme() throws Exception {
        try (Service service = Service.start("one", "--wordvec.models.demo.path=classpath:models/demo-57k-100d.vec.gz",
                "--wordvec.models.minilm.kind=contextual", "--wordvec.default-model=demo")) {
            Response similarity = service.http.post("/similarity", "{\"word1\": \"king\", \"word2\": \"queen\"}");
            assertThat(similarity.status()).isEqualTo(200);
            assertThat(similarity.get("similarity").floatValue()).isEqualTo(0.71828914f);
            // ONNX Runtime and the tokenizer: engines found through merged service files, natives
            // read from the jar. The value is the README's (and sentence-transformers') first one.
            Response embedding = service.http.post("/v1/embeddings",
                    "{\"model\": \"minilm\", \"input\": \"A man is playing a guitar.\"}");
            assertThat(embedding.status()).as(embedding.body()).isEqualTo(200);
            assertThat(embedding.get("data").get(0).get("embedding").size()).isEqualTo(384);
            assertThat(embedding.get("data").get(0).get("embedding").get(0).floatValue())
                    .isCloseTo(0.021664105f, offset(1e-6f));
            assertThat(service.log()).contains("Using Spring AOT's bean definitions from the build")
                    .doesNotContain("Starting without Spring AOT").doesNotContain(" WARN ").doesNotContain(" ERROR ");
        }
    }

    @Test
    void aManagementPortStartsItWithoutThemAndServesTheMetricsThere() throws Exception {
        int managementPort = freePort();
        try (Service service = Service.start("two", "--management.server.port=" + managementPort)) {
            assertThat(service.log()).contains("Starting without Spring AOT's build-time beans, since "
                    + "management.server.port is set at start").doesNotContain(" WARN ").doesNotContain(" ERROR ");
            assertThat(new Http(managementPort).get("/actuator/prometheus").body())
                    .contains("wordvec_model_ready{model=\"demo\"} 1.0");
            assertThat(service.http.get("/actuator/prometheus").status()).isEqualTo(404);
        }
    }

    /**
     * The packaged jar's own settings: native access enabled in its manifest (Java 24 and later
     * otherwise warn at every start that PyTorch's and ONNX Runtime's libraries load through
     * restricted methods), a command refusing arguments it does not take rather than ignoring them,
     * and {@code --version}.
     */
    @Test
    void theManifestEnablesNativeAccessAndCommandsRefuseStrayArguments() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).isEqualTo("ALL-UNNAMED");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.wordvec.WordvecApplication");
            // The settings' descriptions for IDEs are wordvec's, not a library's of the same name.
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/spring-configuration-metadata.json"))
                    .readAllBytes(), StandardCharsets.UTF_8)).contains("\"wordvec.models\"");
        }
        Process engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "engine", "--bogus").redirectErrorStream(true).start();
        String output = new String(engine.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(engine.waitFor()).as(output).isEqualTo(2);
        assertThat(output).contains("engine takes no arguments, not '--bogus'");

        // --version prints the build's version and exits; it used to start the service.
        Process version = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "--version").redirectErrorStream(true).start();
        String printed = new String(version.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(version.waitFor()).as(printed).isZero();
        assertThat(printed).matches("wordvec \\d+\\.\\d+\\.\\d+\\S*, built \\S+Z; Java \\d+\\S*\n");
    }

    /** A command that runs out of heap says which limit it reached and the flag that raises it, not a stack trace. */
    @Test
    void aCommandOutOfMemoryNamesTheLimitAndTheFlag(@TempDir Path dir) throws Exception {
        java.util.Random random = new java.util.Random(1);
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 2_000_000; i++) {
            corpus.append('w').append(random.nextInt(200_000)).append(i % 20 == 19 ? '\n' : ' ');
        }
        Path file = Files.writeString(dir.resolve("corpus.txt"), corpus);
        Process train = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-jar", JAR.toString(), "train", file.toString(), dir.resolve("out.wvc").toString(),
                "--min-count", "1").redirectErrorStream(true).start();
        String output = new String(train.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(train.waitFor()).as(output).isEqualTo(1);
        assertThat(output).contains("train ran out of memory (Java heap space): the JVM's heap is at most ")
                .contains("Give it more, as java -Xmx1g -jar wordvec.jar train ...").doesNotContain("\tat ");
        assertThat(dir.resolve("out.wvc")).doesNotExist();
    }

    /**
     * Without a locale ({@code LANG=C}: a container, cron, {@code env -i}) Java on Linux writes file
     * names in ASCII: a path with other letters was an {@code InvalidPathException} and its stack
     * trace. The service and the commands now say why and how to start instead.
     */
    @Test
    void aFileNameJavaCannotWriteInItsLocaleIsExplained(@TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "other systems write file names in UTF-8");
        // The setting with Java's escapes, so that this JVM's own locale does not matter.
        Path settings = Files.writeString(dir.resolve("wordvec.properties"),
                "wordvec.models.x.path=" + dir + "/vecteurs-\\u00e9t\\u00e9.vec\n", StandardCharsets.ISO_8859_1);
        Run service = runInLocale("C", java(), "-jar", JAR.toString(), "--spring.config.additional-location=file:"
                + settings, "--server.port=0");
        assertThat(service.exit()).as(service.output()).isEqualTo(1);
        assertThat(service.output()).contains("APPLICATION FAILED TO START").contains("/vecteurs-")
                .contains("cannot be a file name here: Java writes file names in ASCII")
                .contains("Start Java in a UTF-8 locale: LANG=C.UTF-8 java -jar wordvec.jar").doesNotContain("\tat ");

        // A command's argument, the file and its name made by the shell from the bytes of
        // "paires-é.tsv": this JVM may have no locale in which to write the name itself.
        String pairs = "\"$(printf 'paires-\\303\\251.tsv')\"";
        String model = Path.of("src", "test", "resources", "fixtures", "lee_fasttext.vec").toAbsolutePath().toString();
        String evaluate = "cd '" + dir + "' && printf 'the\\ta\\t1\\nof\\tand\\t2\\nto\\tin\\t3\\n' > " + pairs
                + " && exec \"$0\" -jar '" + JAR.toAbsolutePath() + "' evaluate '" + model + "' --pairs " + pairs;
        Run refused = runInLocale("C", "sh", "-c", evaluate, java());
        assertThat(refused.exit()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).startsWith("evaluate: the path 'paires-").contains("LANG=C.UTF-8")
                .doesNotContain("\tat ");
        Run advised = runInLocale("C.UTF-8", "sh", "-c", evaluate, java());
        assertThat(advised.exit()).as(advised.output()).isZero();
        assertThat(advised.output()).contains("Word pairs paires-\u00e9.tsv: Pearson");
    }

    private record Run(int exit, String output) {
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code COMMAND} with LANG set and no other locale variable. */
    private static Run runInLocale(String lang, String... command) throws Exception {
        Path log = Files.createTempFile("wordvec-locale-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LC_") || name.equals("LANGUAGE"));
        builder.environment().put("LANG", lang);
        Process process = builder.start();
        try {
            // A service that started after all would not end by itself.
            boolean ended = process.waitFor(START.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            assertThat(ended).as(output).isTrue();
            return new Run(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
            Files.delete(log);
        }
    }

    /**
     * Every licence and notice file of every library in Spring Boot's jar is in the flat jar too,
     * under {@code META-INF/third-party/}: merged into one {@code META-INF}, they would overwrite
     * each other.
     */
    @Test
    void theFlatJarKeepsEveryLibrarysLicenceFiles() throws Exception {
        Pattern licence = Pattern.compile("(META-INF/)?(LICENSE|NOTICE|license|notice|COPYRIGHT|DEPENDENCIES|COPYING"
                + "|ThirdPartyNotices|README|[^/]*-LICENSE)[^/]*");
        // Each library's file as "its name: its text", and the flat jar's copies the same way.
        List<String> expected = new ArrayList<>();
        try (ZipFile layered = new ZipFile(LAYERED.toFile())) {
            for (ZipEntry library : Collections.list(layered.entries())) {
                if (!library.getName().startsWith("BOOT-INF/lib/")) {
                    continue;
                }
                try (ZipInputStream in = new ZipInputStream(layered.getInputStream(library))) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        if (!e.isDirectory() && licence.matcher(e.getName()).matches()) {
                            expected.add(e.getName() + ": " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        assertThat(expected).hasSizeGreaterThan(50);
        try (ZipFile flat = new ZipFile(JAR.toFile())) {
            List<String> kept = new ArrayList<>();
            for (ZipEntry e : Collections.list(flat.entries())) {
                if (e.getName().startsWith("META-INF/third-party/") && !e.isDirectory()) {
                    String name = e.getName().replaceFirst("META-INF/third-party/[^/]+/", "");
                    kept.add(name + ": " + new String(flat.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            // The empty starter jars, which Spring Boot's jar leaves out, add their own.
            assertThat(kept).hasSizeGreaterThanOrEqualTo(expected.size()).containsAll(expected);
            assertThat(flat.getEntry("META-INF/LICENSE")).as("a library's own, overwritten by the next").isNull();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code java -jar target/wordvec.jar} with the given settings, until closed. */
    private record Service(Process process, Path logFile, Http http) implements AutoCloseable {

        static Service start(String name, String... settings) throws Exception {
            int port = freePort();
            Path logFile = Path.of("target", "packaged-jar-" + name + ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-jar", JAR.toString(), "--server.port=" + port, "--wordvec.cache=false",
                    "--logging.level.dev.wordvec.SpringAotChoice=debug"));
            command.addAll(List.of(settings));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile()).start();
            Service service = new Service(process, logFile, new Http(port));
            long deadline = System.nanoTime() + START.toNanos();
            while (true) {
                assertThat(process.isAlive()).as("the service exited: %s", service.log()).isTrue();
                try {
                    if (service.http.get("/readyz").status() == 200) {
                        return service;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    service.close();
                    throw new AssertionError("not ready in " + START + ": " + service.log());
                }
                Thread.sleep(200);
            }
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
