package dev.wordvec.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The two Kubernetes sidecar examples in docker/sidecar: the plain one (wordvec beside the client)
 * and the native one (an init container with restartPolicy Always) run the same wordvec
 * container; only its place in the pod differs.
 */
class SidecarExamplesTests {

    private static final Path DIR = Path.of("docker", "sidecar");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podSpec(String file) throws IOException {
        Map<String, Object> deployment = new Yaml().load(Files.readString(DIR.resolve(file)));
        assertThat(deployment.get("kind")).isEqualTo("Deployment");
        Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
        return (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> named(Object containers, String name) {
        return ((List<Map<String, Object>>) containers).stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    @Test
    void theNativeSidecarStartsFirstAndOnlyItsPlaceDiffers() throws IOException {
        Map<String, Object> plain = podSpec("kubernetes.yaml");
        Map<String, Object> nativeSidecar = podSpec("kubernetes-native-sidecar.yaml");

        Map<String, Object> sidecar = named(nativeSidecar.get("initContainers"), "wordvec");
        // What makes it a native sidecar: it keeps running, and the client waits for its startup probe.
        assertThat(sidecar.get("restartPolicy")).isEqualTo("Always");
        assertThat(sidecar).containsKeys("startupProbe", "readinessProbe", "livenessProbe");
        assertThat(((List<?>) nativeSidecar.get("containers"))).hasSize(1);
        assertThat(named(nativeSidecar.get("containers"), "suggest")).isEqualTo(named(plain.get("containers"), "suggest"));

        Map<String, Object> beside = named(plain.get("containers"), "wordvec");
        for (String key : List.of("image", "env", "resources", "securityContext", "volumeMounts")) {
            assertThat(sidecar.get(key)).as(key).isEqualTo(beside.get(key));
        }
        assertThat(nativeSidecar.get("volumes")).isEqualTo(plain.get("volumes"));
        assertThat(nativeSidecar.get("securityContext")).isEqualTo(plain.get("securityContext"));
    }
}
