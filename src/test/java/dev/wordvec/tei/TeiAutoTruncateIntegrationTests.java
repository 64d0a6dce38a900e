package dev.wordvec.tei;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** TEI's {@code --auto-truncate}: a long input is cut unless the request says otherwise. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.minilm.kind=contextual",
    "wordvec.tei.auto-truncate=true",
})
class TeiAutoTruncateIntegrationTests extends RunningService {

    private static final String LONG = "{\"inputs\": \"" + "word ".repeat(200) + "\"";

    @Test
    void aLongInputIsCutUnlessTheRequestRefusesIt() {
        Response cut = http.post("/embed", LONG + "}");
        assertThat(cut.status()).as(cut.body()).isEqualTo(200);
        assertThat(cut.json().get(0).size()).isEqualTo(384);
        assertThat(http.post("/", LONG + "}").status()).isEqualTo(200);
        assertThat(http.post("/embed_all", LONG + "}").json().get(0).size()).isEqualTo(128);
        Response refused = http.post("/embed", LONG + ", \"truncate\": false}");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.get("error_type").asString()).isEqualTo("Validation");
        assertThat(http.get("/info").get("auto_truncate").asBoolean()).isTrue();
    }
}
