package dev.wordvec.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.wordvec.contextual.SentenceTransformer;
import dev.wordvec.formats.UnicodeErrors;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.vectors.CaseForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code helm lint} and {@code helm template} on helm/wordvec, through Helm's own Go code
 * (helm-java), for the default values and for each optional feature, with assertions on the
 * rendered objects. No cluster is needed.
 */
class HelmChartTests {

    private static final Path CHART = Path.of("helm", "wordvec");
    private static final long MIB = 1 << 20;

    @TempDir
    Path temp;

    /** The objects rendered for {@code values} (YAML), by kind; the test hook pod under "TestPod". */
    private Map<String, List<Map<String, Object>>> render(String values) throws IOException {
        Path chart = copyWithTestPodAsObject();
        Path file = temp.resolve("values-" + System.nanoTime() + ".yaml");
        Files.writeString(file, values);
        String manifest = new Helm(chart).template().withName("wv").withNamespace("ns").withValuesFile(file).call();
        Map<String, List<Map<String, Object>>> byKind = new java.util.TreeMap<>();
        for (Object doc : new Yaml().loadAll(manifest)) {
            if (doc instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                String kind = (String) object.get("kind");
                if (kind.equals("Pod") && annotations(object).containsKey("test-hook")) {
                    kind = "TestPod";
                }
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(object);
            }
        }
        return byKind;
    }

    /**
     * helm template leaves hooks out when run through helm-java, so the test pod is rendered from
     * a copy of the chart whose hook annotation is renamed; {@link #theTestHookIsAHelmTest} checks
     * the real file carries it.
     */
    private Path copyWithTestPodAsObject() throws IOException {
        Path copy = temp.resolve("chart-" + System.nanoTime());
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(source).replace("helm.sh/hook: test", "test-hook: \"yes\""));
                }
            }
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            current = step instanceof Integer i ? ((List<Object>) current).get(i) : ((Map<String, Object>) current).get(step);
            if (current == null) {
                return null;
            }
        }
        return (T) current;
    }

    /** {@link #at}, typed as a plain object for assertions. */
    private static Object value(Object node, Object... path) {
        return at(node, path);
    }

    private static Map<String, Object> annotations(Map<String, Object> object) {
        Map<String, Object> annotations = at(object, "metadata", "annotations");
        return annotations == null ? Map.of() : annotations;
    }

    private static Map<String, Object> deployment(Map<String, List<Map<String, Object>>> objects) {
        assertThat(objects.get("Deployment")).hasSize(1);
        return objects.get("Deployment").get(0);
    }

    private static Map<String, Object> container(Map<String, List<Map<String, Object>>> objects) {
        return at(deployment(objects), "spec", "template", "spec", "containers", 0);
    }

    /** An environment variable of the wordvec container: its value, or its valueFrom. */
    private static Object env(Map<String, Object> container, String name) {
        List<Map<String, Object>> env = at(container, "env");
        return env.stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .map(e -> e.containsKey("value") ? e.get("value") : e.get("valueFrom")).orElse(null);
    }

    private static JsonNode applicationJson(Map<String, Object> container) {
        return JsonMapper.builder().build().readTree((String) env(container, "SPRING_APPLICATION_JSON"));
    }

    private static Map<String, Object> volume(Map<String, List<Map<String, Object>>> objects, String name) {
        List<Map<String, Object>> volumes = at(deployment(objects), "spec", "template", "spec", "volumes");
        return volumes.stream().filter(v -> name.equals(v.get("name"))).findFirst().orElse(null);
    }

    /** The chart's memory formula (values.yaml, README): matrix + 100 B a word, in MiB rounded up, + overhead. */
    private static String memory(long words, long dimension, int bytesPerValue, long overheadMiB) {
        long bytes = words * dimension * bytesPerValue + words * 100;
        return ((bytes + MIB - 1) / MIB + overheadMiB) + "Mi";
    }

    @Test
    void lintsCleanInStrictModeForTheDefaultsAndEachFeature() throws IOException {
        for (String values : List.of("{}", "model: {file: g.txt, existingClaim: models}",
                "model: {file: g.txt, download: {url: 'https://example.org/g.txt', sha256: '" + "ab".repeat(32) + "'}}",
                "autoscaling: {enabled: true}\nserviceMonitor: {enabled: true}\npodDisruptionBudget: {enabled: false}",
                "http: {apiKeys: [k], corsOrigins: ['https://a.example']}\ncache: {existingClaim: c}\nlogFormat: json",
                "model: {source: glove-wiki-gigaword-100, mirror: 'https://mirror.example/models'}",
                POD_OPTIONS, "managementPort: 9090\nserviceMonitor: {enabled: true}", ROUTES, SEVERAL_MODELS,
                "http: {basePath: /wordvec}\nserviceMonitor: {enabled: true}")) {
            LintResult lint = new Helm(chartWithValues(values)).lint().strict().call();
            assertThat(lint.isFailed()).as(values + ": " + lint.getMessages()).isFalse();
        }
    }

    /**
     * A copy of the chart whose values.yaml has {@code overrides} merged in: helm-java's lint takes
     * no values file, and lint must see each feature switched on.
     */
    @SuppressWarnings("unchecked")
    private Path chartWithValues(String overrides) throws IOException {
        Path copy = copyWithTestPodAsObject();
        Yaml yaml = new Yaml();
        Map<String, Object> values = yaml.load(Files.readString(copy.resolve("values.yaml")));
        merge(values, (Map<String, Object>) yaml.load(overrides));
        Files.writeString(copy.resolve("values.yaml"), yaml.dump(values));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && into.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) map);
            } else {
                into.put(key, value);
            }
        });
    }

    @Test
    void theDefaultsRunTheBuiltInModelLockedDown() throws IOException {
        var objects = render("{}");
        assertThat(objects.keySet()).containsExactlyInAnyOrder("Deployment", "Service", "ServiceAccount",
                "PodDisruptionBudget", "TestPod");
        Map<String, Object> pod = at(deployment(objects), "spec", "template", "spec");
        assertThat(value(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat((Integer) at(pod, "securityContext", "runAsUser")).isEqualTo(10001);
        assertThat(value(pod, "automountServiceAccountToken")).isEqualTo(false);
        assertThat(value(pod, "enableServiceLinks")).isEqualTo(false);
        assertThat(value(pod, "initContainers")).isNull();

        Map<String, Object> container = container(objects);
        assertThat(value(container, "image")).isEqualTo("wordvec:0.1.0");
        assertThat(value(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(value(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat((List<String>) at(container, "securityContext", "capabilities", "drop")).containsExactly("ALL");
        assertThat(value(container, "startupProbe", "httpGet", "path")).isEqualTo("/readyz");
        assertThat((Integer) at(container, "startupProbe", "failureThreshold")).isEqualTo(120);
        assertThat(value(container, "livenessProbe", "httpGet", "path")).isEqualTo("/livez");
        assertThat(value(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
        assertThat(volume(objects, "tmp")).containsEntry("emptyDir", Map.of());
        assertThat(value(volume(objects, "cache"), "emptyDir", "sizeLimit")).isEqualTo("8Gi");
        assertThat(volume(objects, "models")).isNull();

        // No model configured: the built-in one; nothing about keys or CORS.
        JsonNode settings = applicationJson(container);
        assertThat(settings.get("wordvec").has("models")).isFalse();
        assertThat(settings.get("wordvec").get("http").get("max-body-size").asString()).isEqualTo("8MB");
        assertThat(settings.get("wordvec").get("http").get("access-log").asBoolean()).isFalse();
        assertThat(applicationJson(container(render("http: {accessLog: true}"))).get("wordvec").get("http")
                .get("access-log").asBoolean()).isTrue();
        assertThat(env(container, "WORDVEC_HTTP_APIKEYS")).isNull();

        // Memory from the demo model's size; a CPU request, no CPU limit.
        String memory = memory(57_687, 100, 4, 768);
        assertThat(value(container, "resources", "requests", "memory")).isEqualTo(memory);
        assertThat(value(container, "resources", "limits", "memory")).isEqualTo(memory);
        assertThat(value(container, "resources", "requests", "cpu")).isEqualTo("1");
        assertThat(value(container, "resources", "limits", "cpu")).isNull();

        // Shutdown: preStop sleep, then Spring's phase, all inside the grace period.
        assertThat((List<String>) at(container, "lifecycle", "preStop", "exec", "command")).containsExactly("sleep", "5");
        assertThat(env(container, "SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE")).isEqualTo("20s");
        assertThat((Integer) at(pod, "terminationGracePeriodSeconds")).isGreaterThan(5 + 20);

        Map<String, Object> service = objects.get("Service").get(0);
        assertThat((Integer) at(service, "spec", "ports", 0, "port")).isEqualTo(8080);
        assertThat(value(service, "spec", "selector")).isEqualTo(at(deployment(objects), "spec", "selector", "matchLabels"));
        assertThat((Integer) at(objects.get("PodDisruptionBudget").get(0), "spec", "maxUnavailable")).isEqualTo(1);
    }

    @Test
    void theTestHookIsAHelmTestThatProbesTheService() throws IOException {
        assertThat(Files.readString(CHART.resolve("templates/tests/test-api.yaml"))).contains("helm.sh/hook: test");
        Map<String, Object> pod = render("{}").get("TestPod").get(0);
        assertThat(value(pod, "spec", "restartPolicy")).isEqualTo("Never");
        List<String> args = at(pod, "spec", "containers", 0, "args");
        assertThat(args).containsExactly("probe", "http://wv-wordvec:8080", "--wait", "60");
        assertThat(value(pod, "spec", "containers", 0, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
    }

    @Test
    void aCatalogueModelAndAMirrorAreNamedToTheService() throws IOException {
        var objects = render("""
                model:
                  name: glove
                  source: glove.6B.300d
                  mirror: https://mirror.example/models
                  words: 400000
                  dimension: 300
                """);
        JsonNode wordvec = applicationJson(container(objects)).get("wordvec");
        assertThat(wordvec.get("models").get("glove").get("source").asString()).isEqualTo("glove.6B.300d");
        assertThat(wordvec.get("models").get("glove").has("path")).isFalse();
        assertThat(wordvec.get("catalogue").get("mirror").asString()).isEqualTo("https://mirror.example/models");
        assertThat(volume(objects, "models")).isNull();
        assertThatThrownBy(() -> render("model: {source: glove.6B.300d, file: x.txt, existingClaim: c}"))
                .hasMessageContaining("model.source names a catalogue model");
    }

    @Test
    void aModelOnAPersistentVolumeClaimIsMountedReadOnlyAndSizesMemory() throws IOException {
        var objects = render("""
                model:
                  name: glove-300d
                  file: glove.6B.300d.txt
                  format: glove
                  existingClaim: word-vectors
                  words: 400000
                  dimension: 300
                """);
        Map<String, Object> container = container(objects);
        JsonNode model = applicationJson(container).get("wordvec").get("models").get("glove-300d");
        assertThat(model.get("path").asString()).isEqualTo("/models/glove.6B.300d.txt");
        assertThat(model.get("format").asString()).isEqualTo("glove");
        assertThat(model.get("dtype").asString()).isEqualTo("float32");
        assertThat(applicationJson(container).get("wordvec").get("default-model").asString()).isEqualTo("glove-300d");
        assertThat(value(volume(objects, "models"), "persistentVolumeClaim", "claimName")).isEqualTo("word-vectors");
        assertThat(value(volume(objects, "models"), "persistentVolumeClaim", "readOnly")).isEqualTo(true);
        List<Map<String, Object>> mounts = at(container, "volumeMounts");
        assertThat(mounts).anySatisfy(m -> {
            assertThat(m.get("mountPath")).isEqualTo("/models");
            assertThat(m.get("readOnly")).isEqualTo(true);
        });
        assertThat(value(container, "resources", "limits", "memory")).isEqualTo(memory(400_000, 300, 4, 768));

        var half = render("model: {file: g.txt, existingClaim: c, words: 400000, dimension: 300, dtype: float16}");
        assertThat(value(container(half), "resources", "limits", "memory")).isEqualTo(memory(400_000, 300, 2, 768));
        var quarter = render("model: {file: g.txt, existingClaim: c, words: 400000, dimension: 300, dtype: int8}");
        assertThat(value(container(quarter), "resources", "limits", "memory")).isEqualTo(memory(400_000, 300, 1, 768));
        var fixed = render("resources: {limits: {memory: 3Gi}}");
        assertThat(value(container(fixed), "resources")).isEqualTo(Map.of("limits", Map.of("memory", "3Gi")));
    }

    @Test
    void aModelUrlIsDownloadedByAnInitContainerIntoAnEmptyDir() throws IOException {
        String sha = "ab".repeat(32);
        var objects = render("""
                model:
                  file: crawl-300d-2M.vec
                  download:
                    url: https://models.example.org/crawl-300d-2M.vec
                    sha256: %s
                    sizeLimit: 6Gi
                extraEnv:
                  - name: HTTPS_PROXY
                    value: http://proxy.example.org:3128
                extraEnvFrom:
                  - secretRef:
                      name: proxy-credentials
                """.formatted(sha));
        Map<String, Object> init = at(deployment(objects), "spec", "template", "spec", "initContainers", 0);
        // The download goes through the proxy the service is given too.
        assertThat((List<Object>) at(init, "env")).isEqualTo(List.of(Map.of("name", "HTTPS_PROXY", "value",
                "http://proxy.example.org:3128")));
        assertThat((List<Object>) at(init, "envFrom")).isEqualTo(List.of(Map.of("secretRef", Map.of("name",
                "proxy-credentials"))));
        assertThat(value(init, "image")).isEqualTo("wordvec:0.1.0");
        assertThat((List<String>) at(init, "args")).containsExactly("download",
                "https://models.example.org/crawl-300d-2M.vec", "/models/crawl-300d-2M.vec", "--sha256", sha);
        assertThat(value(init, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(value(volume(objects, "models"), "emptyDir", "sizeLimit")).isEqualTo("6Gi");
        assertThat(applicationJson(container(objects)).get("wordvec").get("models").get("default").get("path").asString())
                .isEqualTo("/models/crawl-300d-2M.vec");
    }

    @Test
    void apiKeysGoThroughASecretToTheServiceAndTheTestPod() throws IOException {
        var objects = render("http: {apiKeys: [first, second], corsOrigins: ['https://app.example.com']}");
        Map<String, Object> secret = objects.get("Secret").get(0);
        assertThat(value(secret, "metadata", "name")).isEqualTo("wv-wordvec-api-keys");
        assertThat(value(secret, "stringData", "api-keys")).isEqualTo("first,second");
        Map<String, Object> container = container(objects);
        assertThat(value(env(container, "WORDVEC_HTTP_APIKEYS"), "secretKeyRef", "name")).isEqualTo("wv-wordvec-api-keys");
        assertThat(value(objects.get("TestPod").get(0), "spec", "containers", 0, "env", 0, "valueFrom", "secretKeyRef", "name"))
                .isEqualTo("wv-wordvec-api-keys");
        assertThat(applicationJson(container).get("wordvec").get("http").get("cors-origins").get(0).asString())
                .isEqualTo("https://app.example.com");
        assertThat(annotations(at(deployment(objects), "spec", "template"))).containsKey("checksum/api-keys");

        var existing = render("http: {existingSecret: team-keys, existingSecretKey: keys}");
        assertThat(existing.get("Secret")).isNull();
        assertThat(value(env(container(existing), "WORDVEC_HTTP_APIKEYS"), "secretKeyRef"))
                .isEqualTo(Map.of("name", "team-keys", "key", "keys"));
    }

    @Test
    void autoscalingMonitoringAndTheOtherSwitches() throws IOException {
        var objects = render("""
                autoscaling: {enabled: true, minReplicas: 3, maxReplicas: 9}
                serviceMonitor: {enabled: true, labels: {release: prom}}
                podDisruptionBudget: {enabled: false}
                cache: {existingClaim: wordvec-cache}
                logFormat: json
                javaOptions: -XX:MaxRAMPercentage=30
                """);
        Map<String, Object> hpa = objects.get("HorizontalPodAutoscaler").get(0);
        assertThat((Integer) at(hpa, "spec", "minReplicas")).isEqualTo(3);
        assertThat((Integer) at(hpa, "spec", "maxReplicas")).isEqualTo(9);
        assertThat(value(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("wv-wordvec");
        assertThat(value(deployment(objects), "spec", "replicas")).isNull();
        Map<String, Object> monitor = objects.get("ServiceMonitor").get(0);
        assertThat(value(monitor, "spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
        assertThat(value(monitor, "metadata", "labels", "release")).isEqualTo("prom");
        assertThat(objects.get("PodDisruptionBudget")).isNull();
        assertThat(value(volume(objects, "cache"), "persistentVolumeClaim", "claimName")).isEqualTo("wordvec-cache");
        Map<String, Object> container = container(objects);
        assertThat(env(container, "LOGGING_STRUCTURED_FORMAT_CONSOLE")).isEqualTo("ecs");
        assertThat(env(container, "JDK_JAVA_OPTIONS")).isEqualTo("-XX:MaxRAMPercentage=30");
    }

    /** Every pod-level option switched on at once (lint and render use it). */
    private static final String POD_OPTIONS = """
            startupProbe: {timeoutSeconds: 4, failureThreshold: 60}
            livenessProbe: {timeoutSeconds: 9, failureThreshold: 5}
            readinessProbe: {timeoutSeconds: 3, successThreshold: 2}
            extraEnvFrom: [{secretRef: {name: wordvec-settings}}]
            extraVolumes: [{name: vocab, configMap: {name: my-vocab}}]
            extraVolumeMounts: [{name: vocab, mountPath: /vocab, readOnly: true}]
            topologySpreadConstraints:
              - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
            priorityClassName: serving-high
            podLabels: {team: search}
            """;

    @Test
    void probesEnvironmentVolumesAndSchedulingAreConfigurable() throws IOException {
        var objects = render(POD_OPTIONS);
        Map<String, Object> container = container(objects);
        assertThat((Integer) at(container, "startupProbe", "timeoutSeconds")).isEqualTo(4);
        assertThat((Integer) at(container, "startupProbe", "failureThreshold")).isEqualTo(60);
        assertThat((Integer) at(container, "livenessProbe", "timeoutSeconds")).isEqualTo(9);
        assertThat((Integer) at(container, "livenessProbe", "failureThreshold")).isEqualTo(5);
        assertThat((Integer) at(container, "readinessProbe", "timeoutSeconds")).isEqualTo(3);
        assertThat((Integer) at(container, "readinessProbe", "successThreshold")).isEqualTo(2);
        assertThat(value(container, "envFrom", 0, "secretRef", "name")).isEqualTo("wordvec-settings");
        // The chart's own mounts stay; the extra one joins them.
        List<Map<String, Object>> mounts = at(container, "volumeMounts");
        assertThat(mounts).extracting(m -> m.get("name")).containsExactly("tmp", "cache", "vocab");
        assertThat(value(volume(objects, "vocab"), "configMap", "name")).isEqualTo("my-vocab");
        assertThat(volume(objects, "cache")).isNotNull();

        Map<String, Object> pod = at(deployment(objects), "spec", "template");
        assertThat(value(pod, "spec", "priorityClassName")).isEqualTo("serving-high");
        // A constraint without a selector spreads this release's pods, not every pod in the namespace.
        assertThat(value(pod, "spec", "topologySpreadConstraints", 0, "topologyKey")).isEqualTo("topology.kubernetes.io/zone");
        assertThat(value(pod, "spec", "topologySpreadConstraints", 0, "labelSelector", "matchLabels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "wordvec", "app.kubernetes.io/instance", "wv"));
        // Pods carry the version and chart labels (dashboards group by them), plus the user's.
        Map<String, Object> labels = at(pod, "metadata", "labels");
        assertThat(labels).containsEntry("app.kubernetes.io/version", "0.1.0").containsEntry("helm.sh/chart", "wordvec-0.1.0")
                .containsEntry("app.kubernetes.io/instance", "wv").containsEntry("team", "search");
        // The selector stays the stable pair, so an upgrade to a new version can roll.
        assertThat(value(deployment(objects), "spec", "selector", "matchLabels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "wordvec", "app.kubernetes.io/instance", "wv"));
    }

    /** Ingress, HTTPRoute and NetworkPolicy switched on together. */
    private static final String ROUTES = """
            ingress:
              enabled: true
              className: nginx
              annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 2m}
              hosts: [{host: wordvec.example.com}, {host: api.example.com, paths: [{path: /v1, pathType: Prefix}]}]
              tls: [{secretName: wordvec-tls, hosts: [wordvec.example.com]}]
            httpRoute:
              enabled: true
              parentRefs: [{name: public, namespace: gateways}]
              hostnames: [wordvec.example.com]
            networkPolicy:
              enabled: true
              from: [{podSelector: {matchLabels: {app: shop}}}]
              managementFrom: [{namespaceSelector: {matchLabels: {name: monitoring}}}]
            managementPort: 9090
            """;

    @Test
    void ingressGatewayRouteAndNetworkPolicy() throws IOException {
        var objects = render(ROUTES);
        Map<String, Object> ingress = objects.get("Ingress").get(0);
        assertThat(value(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
        assertThat(value(ingress, "metadata", "annotations", "nginx.ingress.kubernetes.io/proxy-body-size")).isEqualTo("2m");
        assertThat(value(ingress, "spec", "tls", 0, "secretName")).isEqualTo("wordvec-tls");
        assertThat(value(ingress, "spec", "rules", 0, "host")).isEqualTo("wordvec.example.com");
        assertThat(value(ingress, "spec", "rules", 0, "http", "paths", 0, "path")).isEqualTo("/");
        assertThat(value(ingress, "spec", "rules", 1, "http", "paths", 0, "path")).isEqualTo("/v1");
        assertThat(value(ingress, "spec", "rules", 1, "http", "paths", 0, "backend", "service"))
                .isEqualTo(Map.of("name", "wv-wordvec", "port", Map.of("name", "http")));

        Map<String, Object> route = objects.get("HTTPRoute").get(0);
        assertThat(value(route, "apiVersion")).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(value(route, "spec", "parentRefs", 0)).isEqualTo(Map.of("name", "public", "namespace", "gateways"));
        assertThat(value(route, "spec", "hostnames", 0)).isEqualTo("wordvec.example.com");
        assertThat(value(route, "spec", "rules", 0, "backendRefs", 0)).isEqualTo(Map.of("name", "wv-wordvec", "port", 8080));
        assertThat(value(route, "spec", "rules", 0, "matches", 0, "path"))
                .isEqualTo(Map.of("type", "PathPrefix", "value", "/"));

        Map<String, Object> policy = objects.get("NetworkPolicy").get(0);
        assertThat(value(policy, "spec", "podSelector", "matchLabels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "wordvec", "app.kubernetes.io/instance", "wv"));
        assertThat(value(policy, "spec", "policyTypes")).isEqualTo(List.of("Ingress"));
        assertThat(value(policy, "spec", "ingress", 0, "ports", 0, "port")).isEqualTo("http");
        assertThat(value(policy, "spec", "ingress", 0, "from", 0, "podSelector", "matchLabels", "app")).isEqualTo("shop");
        assertThat(value(policy, "spec", "ingress", 1, "ports", 0, "port")).isEqualTo("management");
        assertThat(value(policy, "spec", "ingress", 1, "from", 0, "namespaceSelector", "matchLabels", "name"))
                .isEqualTo("monitoring");

        // Off by default; switched on without what they need, they say what is missing.
        assertThat(render("{}")).doesNotContainKeys("Ingress", "HTTPRoute", "NetworkPolicy");
        assertThatThrownBy(() -> render("ingress: {enabled: true}")).hasMessageContaining("ingress.hosts");
        assertThatThrownBy(() -> render("httpRoute: {enabled: true}")).hasMessageContaining("httpRoute.parentRefs");
    }

    @Test
    void actuatorCanMoveToAManagementPortThatTheScraperFollows() throws IOException {
        var objects = render("managementPort: 9090\nserviceMonitor: {enabled: true}");
        Map<String, Object> container = container(objects);
        assertThat(env(container, "MANAGEMENT_SERVER_PORT")).isEqualTo("9090");
        assertThat(value(container, "ports", 1)).isEqualTo(Map.of("name", "management", "containerPort", 9090, "protocol", "TCP"));
        // The kubelet's probes stay on the API port, where /livez and /readyz are still served.
        assertThat(value(container, "readinessProbe", "httpGet", "port")).isEqualTo("http");
        assertThat(value(objects.get("Service").get(0), "spec", "ports", 1, "targetPort")).isEqualTo("management");
        assertThat(value(objects.get("ServiceMonitor").get(0), "spec", "endpoints", 0, "port")).isEqualTo("management");

        var single = render("serviceMonitor: {enabled: true}");
        assertThat(env(container(single), "MANAGEMENT_SERVER_PORT")).isNull();
        assertThat((List<?>) at(single.get("Service").get(0), "spec", "ports")).hasSize(1);
        assertThat(value(single.get("ServiceMonitor").get(0), "spec", "endpoints", 0, "port")).isEqualTo("http");
        assertThatThrownBy(() -> render("managementPort: 8080")).hasMessageContaining("managementPort");
    }

    /** Under http.basePath the service, its probes, the scraper and helm test all use the path. */
    @Test
    void aBasePathMovesTheServiceAndEverythingThatCallsIt() throws IOException {
        var objects = render("http: {basePath: /wordvec}\nserviceMonitor: {enabled: true}");
        Map<String, Object> container = container(objects);
        assertThat(env(container, "SERVER_SERVLET_CONTEXTPATH")).isEqualTo("/wordvec");
        assertThat(value(container, "startupProbe", "httpGet", "path")).isEqualTo("/wordvec/readyz");
        assertThat(value(container, "readinessProbe", "httpGet", "path")).isEqualTo("/wordvec/readyz");
        assertThat(value(container, "livenessProbe", "httpGet", "path")).isEqualTo("/wordvec/livez");
        assertThat(value(objects.get("ServiceMonitor").get(0), "spec", "endpoints", 0, "path"))
                .isEqualTo("/wordvec/actuator/prometheus");
        assertThat((List<String>) at(objects.get("TestPod").get(0), "spec", "containers", 0, "args"))
                .containsExactly("probe", "http://wv-wordvec:8080/wordvec", "--wait", "60");
        // A management port is not under the path: actuator answers there at its own root.
        var management = render("http: {basePath: /wordvec}\nserviceMonitor: {enabled: true}\nmanagementPort: 9090");
        assertThat(value(management.get("ServiceMonitor").get(0), "spec", "endpoints", 0, "path"))
                .isEqualTo("/actuator/prometheus");
        assertThat(value(container(management), "livenessProbe", "httpGet", "path")).isEqualTo("/wordvec/livez");
        // An Ingress host without paths and the HTTPRoute route the path by default; a route
        // outside it (which would forward /other as it is, where the service answers nothing) fails.
        var routed = render("http: {basePath: /wordvec}\ningress: {enabled: true, hosts: [{host: w.example.com}]}\n"
                + "httpRoute: {enabled: true, parentRefs: [{name: public}]}");
        assertThat(value(routed.get("Ingress").get(0), "spec", "rules", 0, "http", "paths", 0, "path"))
                .isEqualTo("/wordvec");
        assertThat(value(routed.get("HTTPRoute").get(0), "spec", "rules", 0, "matches", 0, "path", "value"))
                .isEqualTo("/wordvec");
        var beneath = render("http: {basePath: /wordvec}\nhttpRoute: {enabled: true, parentRefs: [{name: public}], "
                + "pathPrefix: /wordvec/v1}");
        assertThat(value(beneath.get("HTTPRoute").get(0), "spec", "rules", 0, "matches", 0, "path", "value"))
                .isEqualTo("/wordvec/v1");
        for (String outside : List.of("/", "/other", "/wordvec2")) {
            assertThatThrownBy(() -> render("http: {basePath: /wordvec}\nhttpRoute: {enabled: true, parentRefs: "
                    + "[{name: public}], pathPrefix: " + outside + "}"))
                    .hasMessageContaining("httpRoute.pathPrefix " + outside + " is outside http.basePath /wordvec");
        }
        // Spring takes a path that starts with '/' and does not end with one.
        assertThatThrownBy(() -> render("http: {basePath: wordvec}")).hasMessageContaining("basePath");
        assertThatThrownBy(() -> render("http: {basePath: /wordvec/}")).hasMessageContaining("basePath");

        var defaults = render("serviceMonitor: {enabled: true}");
        assertThat(env(container(defaults), "SERVER_SERVLET_CONTEXTPATH")).isNull();
        assertThat(value(container(defaults), "livenessProbe", "httpGet", "path")).isEqualTo("/livez");
        assertThat(value(defaults.get("ServiceMonitor").get(0), "spec", "endpoints", 0, "path"))
                .isEqualTo("/actuator/prometheus");
    }

    @Test
    void theDefaultProbesAllowASlowAnswerBeforeRestarting() throws IOException {
        Map<String, Object> container = container(render("{}"));
        assertThat((Integer) at(container, "livenessProbe", "timeoutSeconds")).isEqualTo(5);
        assertThat((Integer) at(container, "readinessProbe", "timeoutSeconds")).isEqualTo(2);
        assertThat((Integer) at(container, "startupProbe", "timeoutSeconds")).isEqualTo(2);
    }

    /**
     * Used as a dependency of an umbrella chart, which always passes {@code global} (Helm adds it
     * even when empty); the schema's closed top level must allow it.
     */
    @Test
    void rendersAsASubchartOfAnUmbrellaChartWithGlobals() throws IOException {
        Path umbrella = temp.resolve("umbrella");
        Path sub = copyWithTestPodAsObject();
        Files.createDirectories(umbrella.resolve("charts"));
        Files.move(sub, umbrella.resolve("charts").resolve("wordvec"));
        Files.writeString(umbrella.resolve("Chart.yaml"), """
                apiVersion: v2
                name: platform
                version: 1.0.0
                dependencies:
                  - name: wordvec
                    version: 0.1.0
                """);
        Files.writeString(umbrella.resolve("values.yaml"), """
                global:
                  imageRegistry: registry.example
                  labels: {cost-center: ml}
                wordvec:
                  replicaCount: 2
                  model: {source: glove-wiki-gigaword-100}
                """);
        String manifest = new Helm(umbrella).template().withName("platform").withNamespace("ns").call();
        Map<String, Object> deployment = null;
        for (Object doc : new Yaml().loadAll(manifest)) {
            if (doc instanceof Map<?, ?> map && "Deployment".equals(map.get("kind"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                deployment = object;
            }
        }
        assertThat(deployment).as(manifest).isNotNull();
        assertThat((Integer) at(deployment, "spec", "replicas")).isEqualTo(2);
        assertThat(value(deployment, "metadata", "name")).isEqualTo("platform-wordvec");
        LintResult lint = new Helm(umbrella).lint().strict().call();
        assertThat(lint.isFailed()).as(lint.getMessages().toString()).isFalse();
    }

    private static final String SEVERAL_MODELS = """
            model: {name: glove, file: glove.6B.300d.txt, format: glove, existingClaim: vectors, words: 400000, dimension: 300}
            extraModels:
              - {name: small, file: glove.6B.100d.txt, format: glove, dtype: int8, limit: 50000, words: 50000, dimension: 100}
              - {name: news, source: word2vec-google-news-300, dtype: float16, words: 3000000, dimension: 300}
            """;

    @Test
    void aModelMayHaveAnHnswIndex() throws IOException {
        JsonNode plain = applicationJson(container(render("model: {file: g.txt, existingClaim: c}")))
                .get("wordvec").get("models").get("default");
        assertThat(plain.has("index")).isFalse();
        JsonNode indexed = applicationJson(container(render("""
                model: {file: g.txt, existingClaim: c, index: hnsw, hnsw: {efSearch: 200}}
                extraModels:
                  - {name: small, file: s.txt, index: hnsw, hnsw: {m: 8, beamWidth: 50}, words: 1000, dimension: 50}
                  - {name: exact, file: e.txt, words: 1000, dimension: 50}
                """))).get("wordvec").get("models");
        assertThat(indexed.get("default").get("index").asString()).isEqualTo("hnsw");
        assertThat(indexed.get("default").get("hnsw").get("ef-search").asInt()).isEqualTo(200);
        assertThat(indexed.get("default").get("hnsw").get("m").asInt()).isEqualTo(16);
        assertThat(indexed.get("small").get("hnsw").get("m").asInt()).isEqualTo(8);
        assertThat(indexed.get("small").get("hnsw").get("beam-width").asInt()).isEqualTo(50);
        assertThat(indexed.get("small").get("hnsw").get("ef-search").asInt()).isEqualTo(100);
        assertThat(indexed.get("exact").has("index")).isFalse();
        assertThatThrownBy(() -> render("model: {file: g.txt, existingClaim: c, index: ivf}")).hasMessageContaining("index");
        assertThatThrownBy(() -> render("model: {file: g.txt, existingClaim: c, index: hnsw, hnsw: {m: 1}}"))
                .hasMessageContaining("m");
    }

    /**
     * {@code settings} passes any other model setting as it is, and the service binds it: the
     * rendered SPRING_APPLICATION_JSON goes through Spring Boot's own processor and binder into
     * {@code WordvecProperties}, as in the pod.
     */
    @Test
    void aModelsOtherSettingsPassThroughAndBind() throws IOException {
        String json = (String) env(container(render("""
                model: {file: g.txt, existingClaim: c, settings: {unicode-errors: replace, case-fallback: [exact], oov: zero}}
                extraModels:
                  - {name: enc, kind: contextual, settings: {max-tokens: 64, pooling: cls}}
                """)), "SPRING_APPLICATION_JSON");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("pod", Map.of("spring.application.json", json)));
        new SpringApplicationJsonEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        WordvecProperties properties = Binder.get(environment).bind("wordvec", WordvecProperties.class).get();
        WordvecProperties.Model model = properties.models().get("default");
        assertThat(model.path()).isEqualTo("/models/g.txt");
        assertThat(model.unicodeErrors()).isEqualTo(UnicodeErrors.REPLACE);
        assertThat(model.caseFallback()).containsExactly(CaseForm.EXACT);
        assertThat(model.oov()).isEqualTo(WordvecProperties.UnknownWords.ZERO);
        WordvecProperties.Model encoder = properties.models().get("enc");
        assertThat(encoder.maxTokens()).isEqualTo(64);
        assertThat(encoder.pooling()).isEqualTo(SentenceTransformer.Pooling.CLS);
        assertThatThrownBy(() -> render("model: {file: g.txt, existingClaim: c, settings: {dtype: int8}}"))
                .hasMessageContaining("settings.dtype is set by the chart's own value");
        assertThatThrownBy(() -> render("model: {file: g.txt, existingClaim: c, settings: {max-tokens: 3, Path: /x}}"))
                .hasMessageContaining("settings.Path");
    }

    @Test
    void severalModelsAreServedAndSizeTheMemoryTogether() throws IOException {
        var objects = render(SEVERAL_MODELS);
        Map<String, Object> container = container(objects);
        JsonNode settings = applicationJson(container).get("wordvec");
        assertThat(settings.get("default-model").asString()).isEqualTo("glove");
        JsonNode models = settings.get("models");
        assertThat(models.propertyNames()).containsExactlyInAnyOrder("glove", "small", "news");
        assertThat(models.get("small").get("path").asString()).isEqualTo("/models/glove.6B.100d.txt");
        assertThat(models.get("small").get("dtype").asString()).isEqualTo("int8");
        assertThat(models.get("small").get("limit").asInt()).isEqualTo(50000);
        assertThat(models.get("news").get("source").asString()).isEqualTo("word2vec-google-news-300");
        assertThat(models.get("news").has("path")).isFalse();
        assertThat(models.get("news").get("format").asString()).isEqualTo("auto");

        // One pod holds all three matrices.
        long bytes = 400_000L * 300 * 4 + 400_000L * 100 + 50_000L * 100 * 1 + 50_000L * 100
                + 3_000_000L * 300 * 2 + 3_000_000L * 100;
        String memory = ((bytes + MIB - 1) / MIB + 768) + "Mi";
        assertThat(value(container, "resources", "limits", "memory")).isEqualTo(memory);

        assertThatThrownBy(() -> render(SEVERAL_MODELS + "  - {name: small, source: glove-wiki-gigaword-50, words: 1, dimension: 1}"))
                .hasMessageContaining("\"small\" is used twice");
        assertThatThrownBy(() -> render("extraModels: [{name: x, source: glove-wiki-gigaword-50, words: 1, dimension: 1}]"))
                .hasMessageContaining("set model.file or model.source");
        assertThatThrownBy(() -> render("model: {source: glove-wiki-gigaword-50}\n"
                + "extraModels: [{name: x, file: a.txt, words: 1, dimension: 1}]")).hasMessageContaining("model.existingClaim");
        assertThatThrownBy(() -> render("model: {source: glove-wiki-gigaword-50}\n"
                + "extraModels: [{name: x, words: 1, dimension: 1}]")).hasMessageContaining("set one of file and source");
    }

    @Test
    void aContextualModelIsServedBesideTheWordVectors() throws IOException {
        var objects = render("model: {source: glove-wiki-gigaword-50}\n"
                + "extraModels: [{name: minilm, kind: contextual}, {name: minilm-q, kind: contextual, quantized: true}]");
        Map<String, Object> container = container(objects);
        JsonNode models = applicationJson(container).get("wordvec").get("models");
        assertThat(models.get("minilm").get("kind").asString()).isEqualTo("contextual");
        assertThat(models.get("minilm").has("path")).isFalse();
        assertThat(models.get("minilm-q").get("quantized").asBoolean()).isTrue();
        // The demo-sized default model, plus 200 MiB for each contextual model.
        long bytes = 57_687L * 100 * 4 + 57_687L * 100 + 2 * 200 * MIB;
        assertThat(value(container, "resources", "limits", "memory")).isEqualTo(((bytes + MIB - 1) / MIB + 768) + "Mi");
        assertThatThrownBy(() -> render("model: {source: glove-wiki-gigaword-50}\n"
                + "extraModels: [{name: x, kind: contextual, source: glove-wiki-gigaword-50}]"))
                .hasMessageContaining("a contextual model's source is a model on the Hugging Face Hub, hf:OWNER/NAME");
        assertThatThrownBy(() -> render("model: {file: g.txt, existingClaim: c}\n"
                + "extraModels: [{name: x, kind: contextual, source: 'hf:acme/mini', file: mini}]"))
                .hasMessageContaining("without file");
        JsonNode hub = applicationJson(container(render("model: {source: glove-wiki-gigaword-50}\n"
                + "extraModels: [{name: mpnet, kind: contextual, source: 'hf:sentence-transformers/all-mpnet-base-v2'}]")))
                .get("wordvec").get("models").get("mpnet");
        assertThat(hub.get("source").asString()).isEqualTo("hf:sentence-transformers/all-mpnet-base-v2");
        assertThat(hub.get("kind").asString()).isEqualTo("contextual");
        assertThat(hub.has("path")).isFalse();
        assertThatThrownBy(() -> render("model: {source: glove-wiki-gigaword-50}\n"
                + "extraModels: [{name: x, kind: sentence}]")).hasMessageContaining("kind");
        assertThatThrownBy(() -> render("model: {source: glove-wiki-gigaword-50}\n"
                + "extraModels: [{name: x, source: glove-wiki-gigaword-50}]")).hasMessageContaining("words");
    }

    @Test
    void contradictoryValuesFailWithAReason() {
        assertThatThrownBy(() -> render("model: {file: g.txt, existingClaim: c, download: {url: 'https://x/g'}}"))
                .hasMessageContaining("two sources for one model file");
        assertThatThrownBy(() -> render("model: {existingClaim: c}")).hasMessageContaining("model.file");
        // values.schema.json: wrong types, unknown keys and bad enums are refused before rendering.
        assertThatThrownBy(() -> render("logFormat: xml")).hasMessageContaining("logFormat");
        assertThatThrownBy(() -> render("replicaCount: two")).hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render("model: {dtype: float64}")).hasMessageContaining("dtype");
        assertThatThrownBy(() -> render("model: {fiel: g.txt}")).hasMessageContaining("fiel");
        assertThatThrownBy(() -> render("model: {download: {url: 'ftp://x/g.txt'}, file: g.txt}"))
                .hasMessageContaining("url");
        assertThat(Objects.requireNonNull(CHART.resolve("values.yaml").toFile()).isFile()).isTrue();
    }
}
