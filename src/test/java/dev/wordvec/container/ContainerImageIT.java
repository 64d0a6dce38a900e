package dev.wordvec.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image as operators run it: built from the Dockerfile and the packaged jar, started on a real
 * Docker engine, queried over a published port, stopped with SIGTERM. Runs in {@code mvn verify}
 * after {@code package} (failsafe). Without an engine it skips, except under CI ({@code CI=true}),
 * where a missing engine fails the run: a green CI means the container was really tested.
 *
 * <p>The images it builds from come from {@code WORDVEC_TEST_BASE_IMAGE} and
 * {@code WORDVEC_TEST_JDK_IMAGE} (CI builds {@code local/debian-slim:bookworm} and
 * {@code local/debian-jdk:25}, or {@code :17} on a machine without Temurin 25, with debootstrap,
 * since no registry is reachable there); otherwise the Dockerfile's defaults.
 */
class ContainerImageIT {

    private static final Path JAR = Path.of("target", "wordvec-layered.jar");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final GensimExpected EXPECTED = GensimExpected.load();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String IMAGE = "wordvec-it:latest";
    private static DockerImageName image;

    @BeforeAll
    static void buildImage() throws IOException {
        boolean engine = DockerClientFactory.instance().isDockerAvailable();
        if (!engine && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but no Docker engine answers (DOCKER_HOST="
                    + System.getenv("DOCKER_HOST") + "): the container tests must run in CI; see .ci/docker-engine");
        }
        String skipped = "no Docker engine: container tests skipped (start one with .ci/docker-engine start, "
                + "then eval \"$(.ci/docker-engine env)\")";
        if (!engine) {
            System.err.println("ContainerImageIT: " + skipped); // surefire counts a skipped class as 0 tests
        }
        Assumptions.assumeTrue(engine, skipped);
        assertThat(JAR).as("Spring Boot's packaged jar (mvn package)").isRegularFile();
        Map<String, String> args = new LinkedHashMap<>(Map.of("VERSION", "9.8.7-it", "REVISION", "0123abc"));
        for (var arg : Map.of("BASE_IMAGE", "WORDVEC_TEST_BASE_IMAGE", "JDK_IMAGE", "WORDVEC_TEST_JDK_IMAGE").entrySet()) {
            String value = System.getenv(arg.getValue());
            if (value != null && !value.isBlank()) {
                args.put(arg.getKey(), value);
            }
        }
        try {
            build(args);
        } catch (IllegalStateException first) {
            // Once more, in case the engine failed rather than the Dockerfile (a step that fails
            // fails again, with the same lines); the first failure stays in the test's output.
            System.out.println("ContainerImageIT: the first build failed; building once more. " + first.getMessage());
            build(args);
        }
        image = DockerImageName.parse(IMAGE);
    }

    /**
     * {@code docker build} with the docker client itself rather than Testcontainers' image builder,
     * which logs the build's output at debug level only: when a step fails, the exception carries
     * the build's last lines (the failing step's own output) and the whole log is written beside
     * the test reports.
     */
    private static void build(Map<String, String> args) throws IOException {
        // The context: the Dockerfile and what .dockerignore lets through (its "!" lines), and
        // nothing else (docker-java would read the .dockerignore itself, and refuses one that
        // excludes the Dockerfile).
        Path context = Path.of("target", "image-context");
        FileSystemUtils.deleteRecursively(context);
        List<String> files = new ArrayList<>(List.of("Dockerfile"));
        Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip).filter(line -> line.startsWith("!"))
                .map(line -> line.substring(1)).forEach(files::add);
        for (String file : files) {
            Path to = context.resolve(file);
            Files.createDirectories(to.getParent());
            try {
                Files.createLink(to, Path.of(file)); // the 440 MB jar is not copied
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(Path.of(file), to);
            }
        }
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        var command = DockerClientFactory.instance().client().buildImageCmd(context.toFile())
                .withTags(Set.of(IMAGE)).withPull(false);
        args.forEach(command::withBuildArg);
        try {
            command.exec(new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    if (item.getStream() != null) {
                        log.addAll(item.getStream().lines().toList());
                    }
                    if (item.isErrorIndicated()) {
                        log.add("ERROR: " + (item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError()));
                    }
                    super.onNext(item);
                }
            }).awaitImageId();
        } catch (RuntimeException e) {
            Path report = Path.of("target", "failsafe-reports", "wordvec-image-build.log");
            Files.createDirectories(report.getParent());
            Files.write(report, log);
            // The tail without the lines every step prints (CI shows only the end of the output).
            List<String> steps = log.stream().filter(line -> !line.isBlank() && !line.contains("IPv4 forwarding")
                    && !line.startsWith("Removing intermediate") && !line.startsWith(" ---> ")).toList();
            List<String> tail = steps.subList(Math.max(0, steps.size() - 20), steps.size());
            throw new IllegalStateException("docker build of the image failed (build arguments " + args + "; "
                    + freeSpace() + "; whole log in " + report + "), its last lines:\n" + String.join("\n", tail), e);
        }
    }

    /** The space left where the engine keeps its images: a build that fills the disk fails on any step. */
    private static String freeSpace() {
        try {
            String root = DockerClientFactory.instance().client().infoCmd().exec().getDockerRootDir();
            long free = Files.getFileStore(Path.of(root)).getUsableSpace();
            return String.format("%,d MB free under the engine's %s", free / 1_000_000, root);
        } catch (IOException | RuntimeException e) {
            return "free space unknown: " + e;
        }
    }

    /** The image's size and its largest layers, for the record (docs/ and the note quote them). */
    private static void reportLayers(GenericContainer<?> container) {
        var client = container.getDockerClient();
        String imageId = container.getDockerImageName();
        long total = client.inspectImageCmd(imageId).exec().getSize();
        System.out.printf("ContainerImageIT: image %s is %d MB%n", imageId, total / 1_000_000);
        for (var layer : client.imageHistoryCmd(imageId).exec()) {
            if (layer.getSize() != null && layer.getSize() > 1_000_000) {
                String step = layer.getCreatedBy() == null ? "" : layer.getCreatedBy();
                System.out.printf("ContainerImageIT: layer %6d MB  %s%n", layer.getSize() / 1_000_000,
                        step.substring(0, Math.min(110, step.length())));
            }
        }
    }

    @AfterAll
    static void removeImage() {
        if (image != null) {
            DockerClientFactory.instance().client().removeImageCmd(IMAGE).withForce(true).exec();
        }
    }

    private static GenericContainer<?> wordvec() {
        return new GenericContainer<>(image).withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/readyz").forStatusCode(200).withStartupTimeout(START_TIMEOUT));
    }

    @Test
    void theBuiltInModelAnswersOnAReadOnlyRootFilesystemAsANonRootUser() throws Exception {
        try (GenericContainer<?> container = wordvec().withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withReadonlyRootfs(true).withTmpFs(Map.of("/tmp", "rw", "/var/cache/wordvec", "rw,uid=10001")))) {
            container.start();
            Http http = new Http(container.getMappedPort(8080));

            // The start-up cache recorded at build time was used: the JVM reports on its first lines
            // when it cannot map it (another runtime, jar or flags) and then starts slowly without it.
            assertThat(container.getLogs()).as("the JVM's report on the start-up cache")
                    .doesNotContainPattern("\\[(warning|error) *\\]\\[(aot|cds)");
            // With no setting that chooses beans, Spring AOT's build-time beans are used, and the
            // start has nothing to warn of.
            assertThat(container.getLogs()).doesNotContain("Starting without Spring AOT").doesNotContain(" WARN ")
                    .doesNotContain(" ERROR ");
            // The archive of the libraries' classes is made without the application's jar; the JVM
            // takes it with the jar after the libraries (-Xshare:on makes a refusal fatal).
            ExecResult archive = container.execInContainer("java", "@/app/jvm.args", "-Xshare:on", "-version");
            assertThat(archive.getExitCode()).as(archive.getStderr()).isZero();
            assertThat(container.execInContainer("cat", "/app/jvm.args").getStdout())
                    .contains("-XX:SharedArchiveFile=/app/wordvec.jsa").containsPattern(":/app/wordvec\\.jar\\s*$");
            // JNA's native library comes from the image, not from /tmp (mounted noexec), so glibc's
            // mmap threshold is fixed; it is logged before the service reports ready.
            assertThat(container.getLogs()).contains("glibc serves native buffers of 1024 KiB or more");

            Response vector = http.get("/vector/king");
            assertThat(vector.status()).isEqualTo(200);
            assertThat(vector.get("vector").size()).isEqualTo(100);
            GensimExpected.Model demo = EXPECTED.models().get("demo");
            GensimExpected.Similarity pair = demo.similarities().get(0);
            Response similarity = http.post("/similarity",
                    "{\"word1\": " + Http.quote(pair.word1()) + ", \"word2\": " + Http.quote(pair.word2()) + "}");
            assertThat(similarity.get("similarity").floatValue()).isCloseTo(pair.similarity(), within(1e-5f));
            assertThat(http.get("/actuator/prometheus").body()).contains("wordvec_model_ready{model=\"demo\"} 1.0");

            ExecResult id = container.execInContainer("id", "-u");
            assertThat(id.getStdout().trim()).isEqualTo("10001");
            ExecResult write = container.execInContainer("touch", "/app/written");
            assertThat(write.getExitCode()).as("the root filesystem is read-only").isNotZero();

            // The image's health check (compose's), which starts no JVM.
            ExecResult health = container.execInContainer("/app/healthcheck");
            assertThat(health.getExitCode()).as(health.getStderr()).isZero();
            ExecResult notThere = container.execInContainer("/app/healthcheck", "8080", "/no-such-path");
            assertThat(notThere.getExitCode()).isEqualTo(1);
            assertThat(notThere.getStderr()).contains("404");

            // Only the extracted libtorch is shipped, not the jar it came from: the start above
            // loaded it offline from /opt/wordvec/libtorch.
            ExecResult libraries = container.execInContainer("ls", "/app/lib", "/opt/wordvec/libtorch");
            assertThat(libraries.getStdout()).contains("pytorch-engine-").contains("libtorch_cpu.so")
                    .doesNotContain("pytorch-native-cpu");
            // Nor what else the runtime never reads: the other platforms' natives left the ONNX Runtime
            // jar (137 MB before), and the Java runtime is linked for wordvec (no compiler, no jlink).
            ExecResult slim = container.execInContainer("find", "/app/lib", "-name", "onnxruntime-*.jar", "-size", "-5M");
            assertThat(slim.getStdout()).contains("onnxruntime-");
            ExecResult modules = container.execInContainer("java", "--list-modules");
            assertThat(modules.getStdout()).contains("java.desktop@").contains("jdk.management@")
                    .doesNotContain("jdk.compiler").doesNotContain("jdk.jlink");
            // The built-in model is read from its own layer's file, not from the jar.
            assertThat(http.get("/models").body()).contains("/app/models/demo-57k-100d.vec.gz");

            var labels = container.getDockerClient().inspectImageCmd(container.getDockerImageName()).exec()
                    .getConfig().getLabels();
            assertThat(labels).containsEntry("org.opencontainers.image.version", "9.8.7-it")
                    .containsEntry("org.opencontainers.image.revision", "0123abc")
                    .containsEntry("org.opencontainers.image.licenses", "Apache-2.0")
                    .containsKey("org.opencontainers.image.source");
            reportLayers(container);

            // The probe command, with nothing but the JRE (the sidecar example and Kubernetes use it).
            ExecResult probe = container.execInContainer("java", "-jar", "/app/wordvec.jar", "probe",
                    "http://localhost:8080");
            assertThat(probe.getExitCode()).as(probe.getStderr()).isZero();
            assertThat(probe.getStdout()).contains("model 'demo'").contains("100 dimensions");

            // A sidecar's client: a second container in wordvec's network namespace reaches it on
            // localhost, as docker/sidecar/compose.yaml and a Kubernetes pod arrange.
            try (GenericContainer<?> client = new GenericContainer<>(image)
                    .withNetworkMode("container:" + container.getContainerId())
                    .withCommand("probe", "http://localhost:8080")
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
                client.start();
                assertThat(client.getLogs()).contains("model 'demo'").contains("its nearest word is");
            }

            // SIGTERM (docker stop): Spring's graceful shutdown, well within the grace period.
            String id2 = container.getContainerId();
            long started = System.nanoTime();
            container.getDockerClient().stopContainerCmd(id2).withTimeout(30).exec();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            var state = container.getDockerClient().inspectContainerCmd(id2).exec().getState();
            assertThat(took).isLessThan(Duration.ofSeconds(20));
            // 143 = 128 + SIGTERM: the JVM exited on the signal itself; 137 would mean it was killed.
            assertThat(state.getExitCodeLong()).isEqualTo(143L);
            assertThat(container.getLogs()).contains("Commencing graceful shutdown").contains("Graceful shutdown complete");
        }
    }

    /**
     * The built-in contextual model beside the built-in word vectors, on a read-only root
     * filesystem: ONNX Runtime and the tokenizer load the natives copied out of their jars at build
     * time (the jars keep none), download nothing, and answer with sentence-transformers' vector.
     * The demo model is named by its classpath location, as docker/README.md shows.
     */
    @Test
    void theContextualModelRunsOnAReadOnlyRootFilesystem() throws Exception {
        try (GenericContainer<?> container = wordvec()
                .withEnv("WORDVEC_MODELS_DEMO_PATH", "classpath:models/demo-57k-100d.vec.gz")
                .withEnv("WORDVEC_MODELS_MINILM_KIND", "contextual")
                .withEnv("WORDVEC_DEFAULTMODEL", "demo")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true)
                        .withTmpFs(Map.of("/tmp", "rw", "/var/cache/wordvec", "rw,uid=10001")))) {
            container.start();
            Http http = new Http(container.getMappedPort(8080));
            JsonNode reference = JSON.readTree(Path.of("src/test/resources/reference/minilm/reference.json").toFile())
                    .get("sentences").get(0);
            Response sentence = http.post("/sentence-vector", "{\"model\": \"minilm\", \"text\": "
                    + Http.quote(reference.get("text").asString()) + "}");
            assertThat(sentence.status()).as(sentence.body()).isEqualTo(200);
            float[] expected = new float[384];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (float) reference.get("embedding").get(i).asDouble();
            }
            assertThat(dev.wordvec.testing.Oracle.cosine(Http.floats(sentence.get("results").get(0).get("vector")),
                    expected)).isGreaterThanOrEqualTo(0.9999);
            assertThat(http.get("/vector/king").status()).isEqualTo(200);
            assertThat(container.getLogs()).doesNotContainIgnoringCase("downloading");
        }
    }

    /**
     * Settings that choose which beans exist, given at start, work in the image although Spring AOT
     * settled its beans at build time: the Helm chart's management port serves the metrics there
     * and only there, and the reload route is served when switched on.
     */
    @Test
    void aManagementPortAndTheReloadRouteWorkInTheImage() throws Exception {
        try (GenericContainer<?> container = wordvec().withExposedPorts(8080, 8081)
                .waitingFor(Wait.forHttp("/readyz").forPort(8080).forStatusCode(200).withStartupTimeout(START_TIMEOUT))
                .withEnv("MANAGEMENT_SERVER_PORT", "8081")
                .withEnv("WORDVEC_ADMIN_ENABLED", "true")
                .withEnv("WORDVEC_HTTP_APIKEYS", "container-key")) {
            container.start();
            assertThat(container.getLogs()).contains("Starting without Spring AOT's build-time beans, since "
                    + "management.server.port is set at start");
            Http http = new Http(container.getMappedPort(8080));
            Http management = new Http(container.getMappedPort(8081));
            assertThat(management.get("/actuator/prometheus").body()).contains("wordvec_model_ready{model=\"demo\"} 1.0");
            Response onMain = http.send(http.request("/actuator/prometheus")
                    .header("Authorization", "Bearer container-key").GET());
            assertThat(onMain.status()).isEqualTo(404);

            Response reload = http.send(http.request("/admin/models/demo/reload")
                    .header("Authorization", "Bearer container-key").POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(reload.status()).as(reload.body()).isEqualTo(200);
            assertThat(reload.get("version").asInt()).isEqualTo(2);
            Response withoutKey = http.send(http.request("/admin/models/demo/reload")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(withoutKey.status()).isEqualTo(401);
        }
    }

    /**
     * The trained model's path in the container: a name beyond ASCII, which Java can write only in
     * a UTF-8 locale (the image's LANG); passed through Docker's API, whatever this JVM's locale.
     */
    private static final String VECTORS = "/data/vecteurs-\u00e9t\u00e9.txt";

    /**
     * Commands run in the image as docker/README.md shows them: training on the engine (libtorch
     * from the image) into a mounted directory, then evaluating the output, on a read-only root.
     */
    @Test
    void trainAndEvaluateRunInTheImage() throws Exception {
        Path work = Files.createTempDirectory("wordvec-image-train");
        try {
            java.util.Random random = new java.util.Random(5);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                List<String> words = new ArrayList<>();
                for (int w = 0; w < 12; w++) {
                    words.add("w" + random.nextInt(300));
                }
                lines.add(String.join(" ", words));
            }
            Files.write(work.resolve("corpus.txt"), lines);
            Files.writeString(work.resolve("pairs.tsv"), "w1\tw2\t5\nw3\tw4\t2\nw5\tw6\t7\n");
            // The image runs as uid 10001, which must be able to write the output beside the corpus.
            Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            Bind data = new Bind(work.toString(), new Volume("/data"), AccessMode.rw);
            try (GenericContainer<?> train = new GenericContainer<>(image)
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(data).withReadonlyRootfs(true)
                            .withTmpFs(Map.of("/tmp", "rw")))
                    .withEnv("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=75")
                    .withCommand("train", "/data/corpus.txt", VECTORS, "--method", "skipgram", "--epochs",
                            "1", "--dim", "20", "--min-count", "1", "--threads", "1")
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(120)))) {
                train.start();
                assertThat(train.getLogs()).contains("Trained " + VECTORS + " (skipgram, 300 words x 20)");
            }
            // Listed rather than named: this JVM's locale may have no way to write the name.
            try (var files = Files.list(work)) {
                Path vectors = files.filter(f -> f.getFileName().toString().startsWith("vecteurs-")).findFirst()
                        .orElseThrow();
                assertThat(Files.readAllLines(vectors).get(0)).isEqualTo("300 20");
            }
            Bind readOnly = new Bind(work.toString(), new Volume("/data"), AccessMode.ro);
            try (GenericContainer<?> evaluate = new GenericContainer<>(image)
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(readOnly))
                    .withCommand("evaluate", VECTORS, "--pairs", "/data/pairs.tsv")
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
                evaluate.start();
                assertThat(evaluate.getLogs()).contains("Evaluating " + VECTORS + ": 300 words x 20 dimensions")
                        .contains("Word pairs /data/pairs.tsv: Pearson ").contains("3 pairs, 0.0% OOV")
                        // The image's cache directory (WORDVEC_CACHEDIR), not the home of a user it has not.
                        .doesNotContain("Cannot write the model cache");
            }
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
    }

    @Test
    void aMountedModelIsServedAndCachedOnAVolume() throws Exception {
        GensimExpected.Model glove = EXPECTED.models().get("test_glove");
        Path fixtures = glove.path().toAbsolutePath().normalize().getParent();
        String file = glove.path().getFileName().toString();
        // A bind mount set on the create command itself: Testcontainers' own withFileSystemBind first
        // checks mounting with a helper container pulled from a registry, which CI cannot reach.
        Bind models = new Bind(fixtures.toString(), new Volume("/models"), AccessMode.ro);
        try (GenericContainer<?> container = wordvec()
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(models))
                .withEnv("WORDVEC_MODELS_GLOVE_PATH", "/models/" + file)
                .withEnv("WORDVEC_MODELS_GLOVE_FORMAT", "glove")
                // Structured logs, as the chart's logFormat: json sets them.
                .withEnv("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")) {
            container.start();
            Http http = new Http(container.getMappedPort(8080));

            assertThat(http.get("/models").get("defaultModel").asString()).isEqualTo("glove");
            for (GensimExpected.Similarity pair : glove.similarities()) {
                Response response = http.post("/similarity",
                        "{\"word1\": " + Http.quote(pair.word1()) + ", \"word2\": " + Http.quote(pair.word2()) + "}");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.get("similarity").floatValue()).as(pair.toString())
                        .isCloseTo(pair.similarity(), within(1e-5f));
            }
            GensimExpected.NeighborsQuery query = glove.queries().neighbors().stream()
                    .filter(q -> q.word() != null && q.restrictVocab() == null).findFirst().orElseThrow();
            Response neighbors = http.get("/neighbors/" + java.net.URLEncoder.encode(query.word(), "UTF-8")
                    + "?k=" + query.k());
            for (int i = 0; i < query.result().size(); i++) {
                assertThat(neighbors.get("neighbors").get(i).get("word").asString())
                        .isEqualTo(query.result().get(i).word());
            }
            String loaded = container.getLogs().lines().filter(l -> l.contains("Loaded model 'glove'")).findFirst()
                    .orElseThrow();
            JsonNode line = JSON.readTree(loaded);
            assertThat(line.get("message").asString()).startsWith("Loaded model 'glove'");
            assertThat(line.has("@timestamp")).isTrue();
            // The converted copy is written once the model is ready (a small file: at once).
            ExecResult cached = container.execInContainer("ls", "/var/cache/wordvec");
            for (int i = 0; i < 50 && !cached.getStdout().contains(".wvc"); i++) {
                Thread.sleep(200);
                cached = container.execInContainer("ls", "/var/cache/wordvec");
            }
            assertThat(cached.getStdout()).contains(file).contains(".wvc");
            assertThat(Files.isRegularFile(glove.path())).isTrue();
        }
    }
}
