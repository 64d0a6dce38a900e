package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** With no configuration at all, the service answers from the English model inside the jar. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BuiltInModelIntegrationTests {

    private static final GensimExpected.Model DEMO = GensimExpected.load().model("demo");

    @LocalServerPort
    int port;

    @Test
    void servesTheBuiltInModelWithNoConfiguration() {
        Http http = new Http(port);
        Response king = http.get("/vector/king");
        assertThat(king.status()).isEqualTo(200);
        assertThat(king.get("model").asString()).isEqualTo("demo");
        assertThat(king.get("dimension").asInt()).isEqualTo(100);
        assertThat(Http.floats(king.get("vector"))).containsExactly(DEMO.vectors().get("king"));

        Response similarity = http.post("/similarity", "{\"word1\": \"king\", \"word2\": \"queen\"}");
        float gensim = DEMO.similarities().stream().filter(s -> s.word1().equals("king") && s.word2().equals("queen"))
                .findFirst().orElseThrow().similarity();
        assertThat(similarity.get("similarity").asDouble()).isCloseTo(gensim, within(1e-5));

        JsonNode model = http.get("/models").get("models").get(0);
        assertThat(model.get("name").asString()).isEqualTo("demo");
        assertThat(model.get("default").asBoolean()).isTrue();
        assertThat(model.get("source").asString()).isEqualTo("classpath:models/demo-57k-100d.vec.gz");
        assertThat(model.get("vocabularySize").asInt()).isEqualTo(DEMO.vocabularySize());
        assertThat(http.get("/readyz").status()).isEqualTo(200);
    }
}
