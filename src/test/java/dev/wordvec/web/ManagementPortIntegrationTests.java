package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Actuator on its own port (what the chart's {@code managementPort} sets): metrics and health
 * details move there, out of the API's reach and its keys; the probes the kubelet calls stay on
 * the main port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.tiny.path=src/test/resources/models/phrases.vec",
    "wordvec.http.api-keys=a-key",
    "management.server.port=0",
})
class ManagementPortIntegrationTests extends RunningService {

    @LocalManagementPort
    int managementPort;

    @Test
    void actuatorAnswersOnTheManagementPortAndProbesOnTheMainOne() {
        assertThat(managementPort).isNotEqualTo(port);
        Http management = new Http(managementPort);
        assertThat(management.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").body()).contains("wordvec_model_ready{model=\"tiny\"} 1.0");
        assertThat(management.get("/actuator/health/readiness").get("status").asString()).isEqualTo("UP");

        // The main port keeps the probes and the API, and no longer serves actuator.
        assertThat(http.get("/readyz").status()).isEqualTo(200);
        assertThat(http.get("/livez").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").status()).isIn(401, 404);
        assertThat(http.send(http.request("/vector/apple").header("Authorization", "Bearer a-key").GET()).status())
                .isEqualTo(200);
    }
}
