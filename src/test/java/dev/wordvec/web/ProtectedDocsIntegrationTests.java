package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code wordvec.http.protect-docs}: the API document and Swagger UI need the key too. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.tiny.path=src/test/resources/models/phrases.vec",
    "wordvec.http.api-keys=the-key",
    "wordvec.http.protect-docs=true",
})
class ProtectedDocsIntegrationTests extends RunningService {

    @Test
    void theDocumentAndTheUiNeedTheKey() {
        assertThat(http.get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(401);
        assertThat(http.send(http.request("/v3/api-docs").header("Authorization", "Bearer the-key").GET()).status())
                .isEqualTo(200);
        // Probes stay open either way.
        assertThat(http.get("/readyz").status()).isEqualTo(200);
    }
}
