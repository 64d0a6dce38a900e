package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** {@code POST /projection}: a few words on their first principal components, as the explorer's map draws them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.models.plane.path=src/test/resources/fixtures/high_precision.kv.txt",
    "wordvec.default-model=glove",
})
class ProjectionIntegrationTests extends RunningService {

    /**
     * Three points always lie in a plane, so their map on two components keeps every distance
     * between them and all their variance: a check of the PCA that needs no second implementation.
     */
    @Test
    void threeWordsKeepTheirDistances() {
        String[] words = {"the", "and", "of"};
        Response response = http.post("/projection", "{\"words\": [\"the\", \"and\", \"of\", \"zzqx\"]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.get("explained").asDouble()).isCloseTo(1.0, within(1e-6));
        assertThat(response.get("unknown").toString()).isEqualTo("[\"zzqx\"]");
        JsonNode points = response.get("points");
        assertThat(points.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(points.get(i).get("word").asString()).isEqualTo(words[i]);
            assertThat(points.get(i).get("coordinates").size()).isEqualTo(2);
            for (int j = i + 1; j < 3; j++) {
                double original = distance(Http.floats(http.get("/vector/" + words[i]).get("vector")),
                        Http.floats(http.get("/vector/" + words[j]).get("vector")));
                double mapped = distance(Http.floats(points.get(i).get("coordinates")),
                        Http.floats(points.get(j).get("coordinates")));
                assertThat(mapped).as(words[i] + "-" + words[j]).isCloseTo(original, within(1e-4 * original));
            }
        }
    }

    @Test
    void aWordAndItsNeighbours() {
        Response response = http.post("/projection", "{\"word\": \"the\", \"k\": 5, \"dims\": 3}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode points = response.get("points");
        assertThat(points.size()).isEqualTo(6);
        assertThat(points.get(0).get("word").asString()).isEqualTo("the");
        assertThat(points.get(0).get("similarity").floatValue()).isEqualTo(1f);
        assertThat(points.get(1).get("coordinates").size()).isEqualTo(3);
        Response neighbors = http.get("/neighbors/the?k=5");
        for (int i = 0; i < 5; i++) {
            assertThat(points.get(i + 1).get("word").asString())
                    .isEqualTo(neighbors.get("neighbors").get(i).get("word").asString());
        }
        assertThat(response.get("explained").asDouble()).isBetween(0.0, 1.0);
    }

    /**
     * A word asked twice is one point, and two spellings of one entry share a point: the map is the
     * one of the distinct words, not pulled towards a repeated one.
     */
    @Test
    void repeatedWordsAndSpellingsOfOneEntryCountOnce() {
        JsonNode distinct = http.post("/projection", "{\"words\": [\"the\", \"and\", \"of\"]}").get("points");
        Response response = http.post("/projection", "{\"words\": [\"the\", \"and\", \"The\", \"of\", \"the\"]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode points = response.get("points");
        assertThat(points.size()).isEqualTo(4);
        String[] words = {"the", "and", "The", "of"};
        int[] entry = {0, 1, 0, 2};
        for (int i = 0; i < 4; i++) {
            assertThat(points.get(i).get("word").asString()).isEqualTo(words[i]);
            assertThat(points.get(i).get("coordinates")).isEqualTo(distinct.get(entry[i]).get("coordinates"));
        }
        Response one = http.post("/projection", "{\"words\": [\"the\", \"The\", \"the\", \"THE\"]}");
        assertThat(one.status()).isEqualTo(400);
        assertThat(one.get("detail").asString()).isEqualTo("a map needs at least 3 known words with different vectors, got 1");
    }

    @Test
    void badRequestsAreProblems() {
        assertThat(http.post("/projection", "{\"word\": \"the\", \"dims\": 4}").get("detail").asString())
                .contains("'dims' is 2 or 3");
        Response few = http.post("/projection", "{\"words\": [\"the\", \"zzqx\", \"and\"]}");
        assertThat(few.status()).isEqualTo(400);
        assertThat(few.get("detail").asString()).contains("at least 3 known words").contains("zzqx");
        assertThat(http.post("/projection", "{\"word\": \"zzqx\"}").status()).isEqualTo(404);
        assertThat(http.post("/projection", "{\"word\": \"the\", \"words\": [\"a\"]}").status()).isEqualTo(400);
    }

    /** A 3-D map of a 2-dimensional model would need a third principal component the vectors do not have. */
    @Test
    void moreMapDimensionsThanTheModelHasAreRefused() {
        Response response = http.post("/projection",
                "{\"model\": \"plane\", \"words\": [\"kangaroo.n.01\", \"horse.n.01\"], \"dims\": 3}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.get("field").asString()).isEqualTo("dims");
        assertThat(response.get("detail").asString()).isEqualTo("model 'plane' has 2 dimensions, too few for a map of 3");
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
