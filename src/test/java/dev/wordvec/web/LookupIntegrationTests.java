package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.RunningService;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.Oracle;
import dev.wordvec.testing.Problems;
import dev.wordvec.vectors.PrincipalComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Case fallback, phrases, the unknown-word policy, sentence weighting and the batch forms, on a
 * tiny model whose answers can be worked out by hand (src/test/resources/models/phrases.vec):
 * the [1,0,0], New_York [0,1,0], New_York_City [0,0,1], new [1,1,0], york [1,0,1], city [0,1,1],
 * Paris [1,1,1], apple [2,0,1], Apple [0,2,1].
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.phrases.path=src/test/resources/models/phrases.vec",
    "wordvec.models.strict.path=src/test/resources/models/phrases.vec",
    "wordvec.models.strict.case-fallback=exact",
    "wordvec.models.strict.phrases=false",
    "wordvec.models.strict.oov=skip",
    "wordvec.models.ref.path=src/test/resources/models/phrases.vec",
    "wordvec.models.ref.sif-reference=src/test/resources/models/phrases-reference.txt",
    "wordvec.models.tiny16.path=src/test/resources/models/phrases.vec",
    "wordvec.models.tiny16.dtype=float16",
    "wordvec.default-model=phrases",
    "wordvec.limits.max-queries=2",
    "wordvec.limits.max-words=4",
})
class LookupIntegrationTests extends RunningService {

    private static final double SQRT_HALF = Math.sqrt(0.5);


    // ---- case forms and phrases ----

    @Test
    void wordsFallBackThroughTheCaseFormsAndPhrases() {
        assertVector(http.get("/vector/paris"), "Paris", 1, 1, 1);
        assertVector(http.get("/vector/new%20york"), "New_York", 0, 1, 0);
        assertVector(http.get("/vector/NEW%20YORK%20CITY"), "New_York_City", 0, 0, 1);
        assertVector(http.get("/vector/Apple"), "Apple", 0, 2, 1);
        assertVector(http.get("/vector/apple"), "apple", 2, 0, 1);
        assertVector(http.get("/vector/APPLE"), "apple", 2, 0, 1);
        assertThat(http.head("/vector/paris").status()).isEqualTo(200);
        assertThat(http.head("/vector/new%20york").status()).isEqualTo(200);
        assertThat(http.head("/vector/paris?model=strict").status()).isEqualTo(404);
    }

    @Test
    void aModelCanBeExactOnlyWithItsOwnUnknownWordPolicy() {
        Response skipped = http.get("/vector/paris?model=strict");
        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.get("vector").isNull()).isTrue();
        assertThat(skipped.get("unknown").toString()).isEqualTo("[\"paris\"]");
        assertThat(http.get("/vector/paris?model=strict&oov=error").status()).isEqualTo(404);
        Response sentence = http.post("/sentence-vector", "{\"text\": \"new york\", \"model\": \"strict\"}");
        assertThat(sentence.get("results").get(0).get("tokens").toString()).isEqualTo("[\"new\",\"york\"]");
        assertThat(Http.floats(sentence.get("results").get(0).get("vector"))).containsExactly(1f, 0.5f, 0.5f);
    }

    @Test
    void modelsShowHowEachFindsWords() {
        JsonNode models = http.get("/models").get("models");
        assertThat(models.get(0).get("name").asString()).isEqualTo("phrases");
        assertThat(models.get(0).get("lookup").toString())
                .isEqualTo("{\"caseFallback\":[\"exact\",\"lower\",\"capitalized\"],\"phraseWords\":3,\"oov\":null,"
                        + "\"sifReference\":false}");
        assertThat(models.get(1).get("lookup").get("sifReference").asBoolean()).isTrue();
        assertThat(models.get(2).get("lookup").toString())
                .isEqualTo("{\"caseFallback\":[\"exact\"],\"phraseWords\":1,\"oov\":\"skip\",\"sifReference\":false}");
    }

    @Test
    void aFloat16ModelHalvesTheMatrixAndAnswersTheSame() {
        JsonNode tiny16 = http.get("/models").get("models").get(3);
        assertThat(tiny16.get("name").asString()).isEqualTo("tiny16");
        assertThat(tiny16.get("dtype").asString()).isEqualTo("float16");
        assertThat(tiny16.get("matrixBytes").asLong()).isEqualTo(9 * 3 * 2);
        assertThat(http.get("/models").get("models").get(0).get("dtype").asString()).isEqualTo("float32");
        assertThat(Http.floats(http.get("/vector/Paris?model=tiny16").get("vector"))).containsExactly(1f, 1f, 1f);
        assertThat(http.get("/neighbors/the?k=3&model=tiny16").get("neighbors"))
                .isEqualTo(http.get("/neighbors/the?k=3").get("neighbors"));
    }

    @Test
    void similarityReportsWhatEachWordMatched() {
        Response response = http.post("/similarity", "{\"word1\": \"PARIS\", \"word2\": \"the\"}");
        assertThat(response.get("similarity").asDouble()).isCloseTo(1 / Math.sqrt(3), within(1e-6));
        assertThat(response.get("matched").toString()).isEqualTo("{\"PARIS\":\"Paris\"}");
        assertThat(response.get("unknown").size()).isZero();
    }

    // ---- the unknown-word policy ----

    @Test
    void singleLookupsRefuseUnknownWordsUnlessAskedToSkipOrZero() {
        Response refused = http.get("/vector/zzz");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.get("words").toString()).isEqualTo("[\"zzz\"]");
        Response skipped = http.get("/vector/zzz?oov=skip");
        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.get("vector").isNull()).isTrue();
        assertThat(skipped.get("unknown").toString()).isEqualTo("[\"zzz\"]");
        Response zero = http.get("/vector/zzz?oov=zero");
        assertThat(Http.floats(zero.get("vector"))).containsExactly(0f, 0f, 0f);
        assertThat(zero.get("unknown").toString()).isEqualTo("[\"zzz\"]");
        Problems.assertBadRequest(http.get("/vector/zzz?oov=maybe"), "'oov' is 'error', 'skip' or 'zero', not 'maybe'");
    }

    @Test
    void batchLookupsSkipUnknownWordsByDefault() {
        Response skipped = http.post("/vectors", "{\"words\": [\"the\", \"zzz\", \"paris\"]}");
        assertThat(skipped.get("vectors").get(1).get("vector").isNull()).isTrue();
        assertThat(skipped.get("vectors").get(2).get("matched").asString()).isEqualTo("Paris");
        assertThat(skipped.get("unknown").toString()).isEqualTo("[\"zzz\"]");
        Response zero = http.post("/vectors", "{\"words\": [\"the\", \"zzz\"], \"oov\": \"zero\"}");
        assertThat(Http.floats(zero.get("vectors").get(1).get("vector"))).containsExactly(0f, 0f, 0f);
        assertThat(http.post("/vectors", "{\"words\": [\"the\", \"zzz\"], \"oov\": \"error\"}").status()).isEqualTo(404);
    }

    @Test
    void similarityFormsFollowThePolicy() {
        assertThat(http.post("/similarity", "{\"word1\": \"the\", \"word2\": \"zzz\"}").status()).isEqualTo(404);
        Response skipped = http.post("/similarity", "{\"word1\": \"the\", \"word2\": \"zzz\", \"oov\": \"skip\"}");
        assertThat(skipped.get("similarity").isNull()).isTrue();
        assertThat(skipped.get("unknown").toString()).isEqualTo("[\"zzz\"]");
        Response zero = http.post("/similarity", "{\"word1\": \"the\", \"word2\": \"zzz\", \"oov\": \"zero\"}");
        assertThat(zero.get("similarity").asDouble()).isZero();

        String sets = "{\"words1\": [\"the\", \"zzz\"], \"words2\": [\"new\"], \"oov\": \"%s\"}";
        assertThat(http.post("/similarity", sets.formatted("skip")).get("similarity").asDouble())
                .isCloseTo(SQRT_HALF, within(1e-6));
        assertThat(http.post("/similarity", sets.formatted("zero")).get("similarity").asDouble())
                .isCloseTo(SQRT_HALF, within(1e-6));
        assertThat(http.post("/similarity", sets.formatted("error")).status()).isEqualTo(404);
        String empty = "{\"words1\": [\"zzz\"], \"words2\": [\"new\"], \"oov\": \"%s\"}";
        assertThat(http.post("/similarity", empty.formatted("skip")).get("similarity").isNull()).isTrue();
        assertThat(http.post("/similarity", empty.formatted("zero")).get("similarity").asDouble()).isZero();

        Response many = http.post("/similarity", "{\"word\": \"the\", \"others\": [\"new\", \"zzz\"], \"oov\": \"skip\"}");
        assertThat(many.get("similarities").get(0).get("similarity").asDouble()).isCloseTo(SQRT_HALF, within(1e-6));
        assertThat(many.get("similarities").get(1).get("similarity").isNull()).isTrue();
    }

    @Test
    void searchesSkipUnknownWordsOnRequestAndRefuseZero() {
        Response skipped = http.get("/neighbors/zzz?oov=skip");
        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.get("neighbors").size()).isZero();
        assertThat(skipped.get("unknown").toString()).isEqualTo("[\"zzz\"]");
        Problems.assertBadRequest(http.get("/neighbors/the?oov=zero"), "oov 'zero' has no meaning in a search");

        Response batch = http.post("/neighbors", "{\"queries\": [{\"word\": \"the\"}, {\"word\": \"zzz\"}], \"k\": 1, \"oov\": \"skip\"}");
        assertThat(batch.get("results").get(0).get("neighbors").get(0).get("word").asString()).isEqualTo("apple");
        assertThat(batch.get("results").get(0).get("neighbors").get(0).get("similarity").asDouble())
                .isCloseTo(2 / Math.sqrt(5), within(1e-6));
        assertThat(batch.get("results").get(1).get("neighbors").size()).isZero();

        Response analogy = http.post("/analogy", "{\"positive\": [\"new\", \"zzz\"], \"negative\": [\"the\"], \"oov\": \"skip\"}");
        Response without = http.post("/analogy", "{\"positive\": [\"new\"], \"negative\": [\"the\"]}");
        assertThat(analogy.get("results")).isEqualTo(without.get("results"));
        assertThat(analogy.get("unknown").toString()).isEqualTo("[\"zzz\"]");
        Response nothing = http.post("/analogy", "{\"positive\": [\"zzz\"], \"oov\": \"skip\"}");
        assertThat(nothing.get("results").size()).isZero();
        assertThat(http.post("/analogy", "{\"positive\": [\"zzz\"]}").status()).isEqualTo(404);
        Problems.assertBadRequest(http.post("/analogy", "{\"positive\": [\"new\"], \"oov\": \"zero\"}"), "no meaning in a search");

        Response odd = http.post("/doesnt-match", "{\"words\": [\"the\", \"new\", \"zzz\", \"Apple\"]}");
        assertThat(odd.get("unknown").toString()).isEqualTo("[\"zzz\"]");
        assertThat(http.post("/doesnt-match", "{\"words\": [\"the\", \"zzz\"], \"oov\": \"error\"}").status())
                .isEqualTo(404);
    }

    // ---- batch forms ----

    @Test
    void batchedPairsAnalogiesAndGroupsEqualTheSingleQueries() {
        Response pairs = http.post("/similarity", "{\"pairs\": [[\"the\", \"new\"], [\"paris\", \"zzz\"]], \"oov\": \"skip\"}");
        assertThat(pairs.get("pairs").get(0).get("similarity").asDouble()).isCloseTo(SQRT_HALF, within(1e-6));
        assertThat(pairs.get("pairs").get(1).get("similarity").isNull()).isTrue();
        assertThat(pairs.get("matched").toString()).isEqualTo("{\"paris\":\"Paris\"}");
        assertThat(http.post("/similarity", "{\"pairs\": [[\"the\", \"new\"], [\"paris\", \"zzz\"]]}").status())
                .isEqualTo(404);

        for (String method : List.of("add", "mul")) {
            Response batch = http.post("/analogy", "{\"queries\": [{\"positive\": [\"new\"], \"negative\": [\"the\"]}, "
                    + "{\"positive\": [\"paris\", \"apple\"]}], \"k\": 3, \"method\": \"" + method + "\"}");
            assertThat(batch.status()).as(batch.body()).isEqualTo(200);
            assertThat(batch.get("queries").get(0).get("results")).isEqualTo(http.post("/analogy",
                    "{\"positive\": [\"new\"], \"negative\": [\"the\"], \"k\": 3, \"method\": \"" + method + "\"}")
                    .get("results"));
            assertThat(batch.get("queries").get(1).get("results")).isEqualTo(http.post("/analogy",
                    "{\"positive\": [\"paris\", \"apple\"], \"k\": 3, \"method\": \"" + method + "\"}").get("results"));
            assertThat(batch.get("queries").get(1).get("matched").toString()).isEqualTo("{\"paris\":\"Paris\"}");
        }

        Response groups = http.post("/doesnt-match", "{\"groups\": [[\"the\", \"new\", \"york\", \"Apple\"], [\"Paris\", \"apple\", \"Apple\"]]}");
        assertThat(groups.get("groups").get(0).get("word")).isEqualTo(
                http.post("/doesnt-match", "{\"words\": [\"the\", \"new\", \"york\", \"Apple\"]}").get("word"));
        assertThat(groups.get("groups").get(1).get("ranking")).isEqualTo(
                http.post("/doesnt-match", "{\"words\": [\"Paris\", \"apple\", \"Apple\"]}").get("ranking"));
    }

    @Test
    void batchFormsHaveLimitsAndShapes() {
        assertThat(http.post("/similarity", "{\"pairs\": [[\"a\",\"b\"],[\"a\",\"b\"],[\"a\",\"b\"],[\"a\",\"b\"],[\"a\",\"b\"]]}")
                .status()).isEqualTo(413);
        Problems.assertBadRequest(http.post("/similarity", "{\"pairs\": [[\"the\"]]}"), "'pairs[0]' must be two words");
        Problems.assertBadRequest(http.post("/similarity", "{\"pairs\": []}"), "'pairs' must not be empty");
        Problems.assertBadRequest(http.post("/similarity", "{\"pairs\": [[\"the\", \"new\"]], \"word1\": \"the\"}"), "exactly one form");
        assertThat(http.post("/analogy", "{\"queries\": [{\"positive\": [\"the\"]}, {\"positive\": [\"the\"]}, "
                + "{\"positive\": [\"the\"]}]}").status()).isEqualTo(413);
        Problems.assertBadRequest(http.post("/analogy", "{\"queries\": [{\"positive\": [\"the\"]}], \"positive\": [\"new\"]}"), "not both");
        Problems.assertBadRequest(http.post("/analogy", "{\"queries\": [{\"negative\": []}]}"),
                "'queries[0].positive' or 'queries[0].negative' needs at least one word");
        assertThat(http.post("/doesnt-match", "{\"groups\": [[\"the\"], [\"the\"], [\"the\"]]}").status()).isEqualTo(413);
        Problems.assertBadRequest(http.post("/doesnt-match", "{\"groups\": [[]]}"), "'groups[0]' must not be empty");
    }

    // ---- sentences ----

    @Test
    void sentencesMatchPhrasesAndFollowThePolicy() {
        JsonNode result = http.post("/sentence-vector", "{\"text\": \"I love new york city!\"}").get("results").get(0);
        assertThat(result.get("tokens").toString()).isEqualTo("[\"I\",\"love\",\"New_York_City\"]");
        assertThat(result.get("unknown").toString()).isEqualTo("[\"I\",\"love\"]");
        assertThat(Http.floats(result.get("vector"))).containsExactly(0f, 0f, 1f);
        assertThat(sentence("{\"text\": \"the zzz\"}")).containsExactly(1f, 0f, 0f);
        assertThat(sentence("{\"text\": \"the zzz\", \"oov\": \"zero\"}")).containsExactly(0.5f, 0f, 0f);
        Response refused = http.post("/sentence-vector", "{\"text\": \"the zzz\", \"oov\": \"error\"}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.get("words").toString()).isEqualTo("[\"zzz\"]");
        assertThat(sentence("{\"text\": \"zzz\", \"oov\": \"zero\"}")).containsExactly(0f, 0f, 0f);
    }

    @Test
    void clientWeightsScaleEachWord() {
        assertThat(sentence("{\"text\": \"the new\", \"weights\": {\"the\": 3}}")).containsExactly(2f, 0.5f, 0f);
        assertThat(sentence("{\"text\": \"The New York\", \"weighting\": \"weights\", \"weights\": {\"new york\": 4}}"))
                .containsExactly(0.5f, 2f, 0f);
        Problems.assertBadRequest(http.post("/sentence-vector", "{\"text\": \"the\", \"weighting\": \"weights\"}"), "'weights'");
        Problems.assertBadRequest(http.post("/sentence-vector", "{\"text\": \"the\", \"weighting\": \"sif\", \"weights\": {\"the\": 1}}"),
                "'weights'");
        Problems.assertBadRequest(http.post("/sentence-vector", "{\"text\": \"the\", \"weighting\": \"tfidf\"}"),
                "'weighting' is 'mean', 'sif', 'weights' or 'fasttext', not 'tfidf'");
        assertThat(http.post("/sentence-vector", "{\"text\": \"the\", \"weights\": {\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1, \"e\": 1}}")
                .status()).isEqualTo(413);
    }

    @Test
    void sifWeighsWordsByTheirZipfFrequency() {
        double harmonic = 0;
        for (int rank = 1; rank <= 9; rank++) {
            harmonic += 1.0 / rank;
        }
        double the = 1e-3 / (1e-3 + 1 / (1 * harmonic));
        double neW = 1e-3 / (1e-3 + 1 / (4 * harmonic));
        Response response = http.post("/sentence-vector", "{\"text\": \"the new\", \"weighting\": \"sif\"}");
        assertThat(response.get("weighting").asString()).isEqualTo("sif");
        float[] vector = Http.floats(response.get("results").get(0).get("vector"));
        assertThat((double) vector[0]).isCloseTo((the + neW) / 2, within(1e-7));
        assertThat((double) vector[1]).isCloseTo(neW / 2, within(1e-7));
        assertThat(vector[2]).isZero();

        Response similarity = http.post("/similarity", "{\"text1\": \"the new\", \"text2\": \"york city\", \"weighting\": \"sif\"}");
        float[] other = sentence("{\"text\": \"york city\", \"weighting\": \"sif\"}");
        assertThat(similarity.get("similarity").asDouble()).isCloseTo(Oracle.cosine(vector, other), within(1e-6));
    }

    @Test
    void removingTheCommonComponentFitsItOnTheRequestWithoutAReferenceSet() {
        String texts = "[\"the new\", \"york city\", \"Paris\", \"apple pie\"]";
        JsonNode plain = http.post("/sentence-vector", "{\"texts\": " + texts + ", \"weighting\": \"sif\"}").get("results");
        Response removed = http.post("/sentence-vector", "{\"texts\": " + texts + ", \"weighting\": \"sif\", \"removePc\": true}");
        assertThat(removed.get("principalComponent").asString()).isEqualTo("request");
        List<float[]> vectors = new ArrayList<>();
        plain.forEach(r -> vectors.add(Http.floats(r.get("vector"))));
        float[] component = PrincipalComponent.first(vectors);
        for (int i = 0; i < vectors.size(); i++) {
            float[] expected = PrincipalComponent.remove(vectors.get(i), component);
            float[] ours = Http.floats(removed.get("results").get(i).get("vector"));
            for (int d = 0; d < 3; d++) {
                assertThat((double) ours[d]).isCloseTo(expected[d], within(1e-6));
            }
        }
        Problems.assertBadRequest(http.post("/sentence-vector", "{\"text\": \"the new\", \"removePc\": true}"),
                "wordvec.models.phrases.sif-reference");
        Problems.assertBadRequest(http.post("/similarity", "{\"text1\": \"the\", \"text2\": \"new\", \"removePc\": true}"),
                "sif-reference");
        Problems.assertBadRequest(http.post("/similarity", "{\"word1\": \"the\", \"word2\": \"new\", \"preNormalize\": true}"),
                "apply to 'text1' and 'text2' only");
    }

    /** Two texts' similarity with {@code preNormalize} is the cosine of the vectors /sentence-vector gives. */
    @Test
    void preNormalizedTextsCompareAsTheirVectors() {
        JsonNode results = http.post("/sentence-vector",
                "{\"texts\": [\"the apple\", \"city Paris\"], \"preNormalize\": true}").get("results");
        float[] a = floats(results.get(0).get("vector"));
        float[] b = floats(results.get(1).get("vector"));
        JsonNode plain = http.post("/sentence-vector", "{\"text\": \"the apple\"}").get("results").get(0);
        assertThat(floats(plain.get("vector"))).as("unit vectors average to another direction").isNotEqualTo(a);
        Response similarity = http.post("/similarity",
                "{\"text1\": \"the apple\", \"text2\": \"city Paris\", \"preNormalize\": true}");
        assertThat(similarity.status()).isEqualTo(200);
        assertThat(similarity.get("similarity").asDouble())
                .isCloseTo(dev.wordvec.vectors.VectorMath.cosine(a, b), within(1e-6));
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    @Test
    void aReferenceSetMakesEachTextsVectorIndependentOfItsBatch() {
        Response alone = http.post("/sentence-vector", "{\"text\": \"the new\", \"weighting\": \"sif\", \"removePc\": true, "
                + "\"normalize\": true, \"model\": \"ref\"}");
        assertThat(alone.get("principalComponent").asString()).isEqualTo("reference");
        Response together = http.post("/sentence-vector", "{\"texts\": [\"Paris\", \"the new\"], \"weighting\": \"sif\", "
                + "\"removePc\": true, \"normalize\": true, \"model\": \"ref\"}");
        float[] one = Http.floats(alone.get("results").get(0).get("vector"));
        assertThat(Http.floats(together.get("results").get(1).get("vector"))).containsExactly(one);
        assertThat(Oracle.cosine(one, one)).isCloseTo(1, within(1e-6));
        double norm = 0;
        for (float v : one) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1, within(1e-6));
        float[] notRemoved = sentence("{\"text\": \"the new\", \"weighting\": \"sif\", \"normalize\": true, \"model\": \"ref\"}");
        assertThat(one).isNotEqualTo(notRemoved);
        Response similarity = http.post("/similarity", "{\"text1\": \"the new\", \"text2\": \"Paris\", \"weighting\": \"sif\", "
                + "\"removePc\": true, \"model\": \"ref\"}");
        assertThat(similarity.get("similarity").asDouble()).isCloseTo(
                Oracle.cosine(one, Http.floats(together.get("results").get(0).get("vector"))), within(1e-6));
    }

    private float[] sentence(String body) {
        Response response = http.post("/sentence-vector", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Http.floats(response.get("results").get(0).get("vector"));
    }

    private static void assertVector(Response response, String matched, float... vector) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.get("matched").asString()).isEqualTo(matched);
        assertThat(Http.floats(response.get("vector"))).containsExactly(vector);
        assertThat(response.get("unknown").size()).isZero();
    }
}
