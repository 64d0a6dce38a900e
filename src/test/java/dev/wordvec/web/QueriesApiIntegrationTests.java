package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static dev.wordvec.testing.Rankings.assertSameRanking;
import static dev.wordvec.testing.Rankings.jsonArray;

import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.GensimExpected.Scored;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.Problems;
import dev.wordvec.testing.RunningService;
import dev.wordvec.testing.Http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Neighbours, analogies, set similarity, odd one out and the vocabulary, over HTTP, against gensim. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.models.lee.path=src/test/resources/fixtures/lee_fasttext.vec",
    "wordvec.default-model=glove",
    "wordvec.limits.max-k=20",
    "wordvec.limits.max-queries=3",
    "wordvec.limits.max-words=6",
})
class QueriesApiIntegrationTests extends RunningService {

    private static final GensimExpected.Model GLOVE = GensimExpected.load().model("test_glove");
    private static final GensimExpected.Model LEE = GensimExpected.load().model("lee_fasttext");

    /** A model with a padding row of zeros, as some exported models have; written for the test. */
    private static final Path PADDED = padded();

    private static Path padded() {
        try {
            Path file = Files.createTempFile("wordvec-padded", ".vec");
            file.toFile().deleteOnExit();
            return Files.writeString(file, "5 3\n<pad> 0 0 0\nking 1 0.2 0\nqueen 0.9 0.4 0.1\nman 0.5 -0.5 0.2\n"
                    + "woman 0.4 -0.3 0.6\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void paddedModel(DynamicPropertyRegistry registry) {
        registry.add("wordvec.models.padded.path", PADDED::toString);
    }




    @Test
    void neighborsOfAWordEqualGensim() {
        for (GensimExpected.NeighborsQuery q : GLOVE.queries().neighbors()) {
            Response response;
            if (q.word() != null) {
                String restrict = q.restrictVocab() == null ? "" : "&restrictVocab=" + q.restrictVocab();
                response = http.get("/neighbors/" + q.word() + "?k=" + q.k() + restrict);
                assertThat(response.get("word").asString()).isEqualTo(q.word());
            } else {
                StringBuilder vector = new StringBuilder("[");
                for (float v : q.vector()) {
                    vector.append(vector.length() > 1 ? "," : "").append(v);
                }
                response = http.post("/neighbors", "{\"vector\": " + vector + "], \"k\": " + q.k() + "}");
            }
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertSameRanking(response.get("neighbors"), q.result());
        }
    }

    @Test
    void neighborsHonourMinSimilarityAndModel() {
        List<Scored> gensim = LEE.queries().neighbors().get(0).result();
        float threshold = gensim.get(3).similarity();
        Response response = http.get("/neighbors/" + LEE.queries().neighbors().get(0).word()
                + "?model=lee&k=10&minSimilarity=" + threshold);
        assertThat(response.get("model").asString()).isEqualTo("lee");
        assertSameRanking(response.get("neighbors"), gensim.subList(0, 4));
    }

    @Test
    void batchedNeighborsAnswerEachQuery() {
        Response response = http.post("/neighbors", "{\"queries\": [{\"word\": \"the\"}, {\"word\": \"year\"}], \"k\": 10}");
        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.get("results");
        assertThat(results.get(1).get("word").asString()).isEqualTo("year");
        assertSameRanking(results.get(0).get("neighbors"), GLOVE.queries().neighbors().get(0).result());
        assertSameRanking(results.get(1).get("neighbors"), GLOVE.queries().neighbors().get(3).result());
    }

    @Test
    void neighborsRequestsAreChecked() {
        Response tooMany = http.post("/neighbors", "{\"queries\": [{\"word\": \"the\"}, {\"word\": \"a\"}, "
                + "{\"word\": \"of\"}, {\"word\": \"and\"}]}");
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.get("limit").asInt()).isEqualTo(3);
        Response bigK = http.get("/neighbors/the?k=21");
        assertThat(bigK.status()).isEqualTo(413);
        assertThat(bigK.get("field").asString()).isEqualTo("k");
        assertThat(bigK.get("detail").asString())
                .isEqualTo("'k' asks for 21 results; the most is 20 (see wordvec.limits.max-k)");
        assertThat(http.get("/neighbors/the?k=0").status()).isEqualTo(400);
        assertThat(http.get("/neighbors/the?restrictVocab=0").status()).isEqualTo(400);
        Response unknown = http.get("/neighbors/zzqx");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("word").asString()).isEqualTo("zzqx");
        Response shortVector = http.post("/neighbors", "{\"vector\": [1, 2, 3]}");
        assertThat(shortVector.status()).isEqualTo(400);
        assertThat(shortVector.get("detail").asString()).isEqualTo("'vector' has 3 values; model 'glove' has dimension 50");
        assertThat(http.post("/neighbors", "{\"word\": \"the\", \"vector\": [1]}").status()).isEqualTo(400);
        // A string is no vector: Jackson would read it as base64 ("" an empty vector, "AAAAAA==" a zero).
        for (String string : new String[] {"\"\"", "\"abc\"", "\"1,2\"", "\"AAAAAA==\""}) {
            Problems.assertBadRequest(http.post("/neighbors", "{\"vector\": " + string + "}"),
                    "'vector' must be a list, not a string");
        }
        Problems.assertBadRequest(http.post("/neighbors", "{\"vector\": [\"a\"]}"),
                "'vector[0]' must be a number, not the string \"a\"");
        Problems.assertBadRequest(http.post("/neighbors", "{\"queries\": [{\"vector\": [1, [2]]}]}"),
                "'queries[0].vector[1]' must be a number, not a list");
        assertThat(http.post("/neighbors", "{}").status()).isEqualTo(400);
        // A number past float32's range, and a bound that is no number, are refused, not answered
        // with no neighbours.
        String huge = "{\"vector\": [1e39" + ", 0".repeat(49) + "]}";
        Response overflow = http.post("/neighbors", huge);
        assertThat(overflow.status()).isEqualTo(400);
        assertThat(overflow.get("detail").asString())
                .isEqualTo("'vector' value 0 is not a finite float32 (was Infinity: past +-3.4e38, the largest float32)");
        Problems.assertBadRequest(http.post("/neighbors", "{\"vector\": [0" + ", 0".repeat(49) + "]}"),
                "'vector' is all zeros: it has no direction, so no word is nearer to it than another (its cosine "
                        + "with each is 0)");
        Response nan = http.get("/neighbors/the?minSimilarity=NaN");
        assertThat(nan.status()).isEqualTo(400);
        assertThat(nan.get("detail").asString()).isEqualTo("'minSimilarity' must be a finite number, was NaN");
        assertThat(http.post("/neighbors", "{\"word\": \"the\", \"minSimilarity\": 1e400}").get("field").asString())
                .isEqualTo("minSimilarity");
    }

    @Test
    void analogiesEqualGensimForAddMulAndWeights() {
        for (GensimExpected.AnalogyQuery q : GLOVE.queries().analogies()) {
            StringBuilder positive = new StringBuilder("[");
            for (int i = 0; i < q.positive().size(); i++) {
                String word = Http.quote(q.positive().get(i));
                positive.append(i > 0 ? "," : "")
                        .append(q.weights() == null ? word : "[" + word + "," + q.weights().get(i) + "]");
            }
            Response response = http.post("/analogy", "{\"positive\": " + positive + "], \"negative\": "
                    + jsonArray(q.negative()) + ", \"method\": \"" + q.method() + "\"}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.get("method").asString()).isEqualTo(q.method());
            assertSameRanking(response.get("results"), q.result());
        }
    }

    /**
     * Negative words alone ask for the words least like them, as gensim's
     * {@code most_similar(negative=[...])}; a positive word that is unknown and skipped leaves no
     * question, not that one.
     */
    @Test
    void negativeWordsAloneEqualGensim() {
        assertThat(GLOVE.queries().negativeOnly()).hasSize(2);
        for (GensimExpected.NegativeOnly q : GLOVE.queries().negativeOnly()) {
            Response response = http.post("/analogy", "{\"negative\": " + jsonArray(q.negative()) + "}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertSameRanking(response.get("results"), q.result());
        }
        Response skipped = http.post("/analogy", "{\"positive\": [\"zzqx\"], \"negative\": [\"the\"], \"oov\": \"skip\"}");
        assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
        assertThat(skipped.get("results").size()).isZero();
        assertThat(skipped.get("unknown").toString()).isEqualTo("[\"zzqx\"]");
        assertThat(http.post("/analogy", "{\"negative\": [\"the\"], \"method\": \"mul\"}").get("detail").asString())
                .contains("'positive' needs at least one word for method 'mul'");
    }

    @Test
    void analogyRequestsAreChecked() {
        assertThat(http.post("/analogy", "{\"negative\": []}").get("detail").asString())
                .isEqualTo("'positive' or 'negative' needs at least one word");
        assertThat(http.post("/analogy", "{\"positive\": [\"the\"], \"method\": \"div\"}").get("detail").asString())
                .contains("'method' is 'add' (3CosAdd) or 'mul' (3CosMul), not 'div'");
        assertThat(http.post("/analogy", "{\"positive\": [[\"the\", 2]], \"method\": \"mul\"}").status()).isEqualTo(400);
        assertThat(http.post("/analogy", "{\"positive\": [[\"the\"]]}").get("detail").asString())
                .isEqualTo("'positive[0]' must be a word or a [word, weight] pair with a finite weight");
        Problems.assertBadRequest(http.post("/analogy", "{\"positive\": [[\"the\", 0]], \"negative\": [[\"of\", 0]]}"),
                "every weight is 0: the query would be a zero vector, which has no direction, so no word is nearer to "
                        + "it than another");
        assertThat(http.post("/analogy", "{\"positive\": [[\"the\", 0], \"of\"]}").status()).isEqualTo(200);
        Response unknown = http.post("/analogy", "{\"positive\": [\"the\", \"zzqx\"], \"negative\": [\"qqq\"]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("words").toString()).isEqualTo("[\"zzqx\",\"qqq\"]");
    }

    /**
     * A query with no direction (a word whose row is all zeros, or words that cancel) scores every
     * word 0, so its nearest words would be arbitrary (gensim's are, at NaN or 0): a 400 says why.
     */
    @Test
    void queriesWithNoDirectionAreRefusedSayingWhy() {
        String zeros = "the vector of '<pad>' is all zeros in model 'padded' (a row some models pad with): it has no "
                + "direction, so no word is nearer to it than another (its cosine with each is 0)";
        Problems.assertBadRequest(http.get("/neighbors/%3Cpad%3E?model=padded"), zeros);
        Response batch = http.post("/neighbors?model=padded",
                "{\"queries\": [{\"word\": \"king\"}, {\"word\": \"<pad>\"}]}");
        Problems.assertBadRequest(batch, zeros);
        assertThat(batch.get("field").asString()).isEqualTo("queries");
        Problems.assertBadRequest(http.post("/analogy?model=padded", "{\"positive\": [\"<pad>\"]}"), zeros);
        Problems.assertBadRequest(http.post("/analogy?model=padded",
                "{\"positive\": [\"<pad>\"], \"method\": \"mul\"}"), zeros);
        String cancel = "the words cancel out: the sum of their unit vectors, weighted, is a zero vector, which has no "
                + "direction, so no word is nearer to it than another (its cosine with each is 0)";
        Problems.assertBadRequest(http.post("/analogy?model=padded",
                "{\"positive\": [\"king\"], \"negative\": [\"king\"]}"), cancel);
        Problems.assertBadRequest(http.post("/analogy?model=padded", "{\"positive\": [[\"king\", 2], \"queen\"], "
                + "\"negative\": [\"queen\", [\"king\", -2]]}"), cancel); // a weight is used as given, as gensim's
        // A zero row beside words with a direction adds nothing, as in gensim.
        Response withPad = http.post("/analogy?model=padded", "{\"positive\": [\"<pad>\", \"king\", \"woman\"], "
                + "\"negative\": [\"man\"]}");
        assertThat(withPad.status()).as(withPad.body()).isEqualTo(200);
        assertThat(withPad.get("results").get(0).get("word").asString()).isEqualTo("queen");
        Response mul = http.post("/analogy?model=padded", "{\"positive\": [\"<pad>\", \"king\"], \"method\": \"mul\"}");
        assertThat(mul.status()).as(mul.body()).isEqualTo(200);
        assertThat(mul.get("results").get(0).get("word").asString()).isEqualTo("queen");
        assertThat(http.get("/neighbors/king?model=padded&k=1").get("neighbors").get(0).get("word").asString())
                .isEqualTo("queen");
    }

    @Test
    void setSimilarityEqualsGensimNSimilarity() {
        for (GensimExpected.SetSimilarity q : GLOVE.queries().nSimilarity()) {
            Response response = http.post("/similarity", "{\"words1\": " + jsonArray(q.words1()) + ", \"words2\": "
                    + jsonArray(q.words2()) + "}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.get("similarity").asDouble()).isCloseTo(q.similarity(), within(1e-5));
        }
    }

    /** gensim's {@code get_vector(word, norm=True)}: the row over its length, for one word and for many. */
    @Test
    void normalizedVectorsAreUnitRows() {
        for (var entry : GLOVE.vectors().entrySet()) {
            float[] raw = entry.getValue();
            double length = dev.wordvec.testing.Oracle.norm(raw);
            String path = "/vector/" + java.net.URLEncoder.encode(entry.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            float[] one = Http.floats(http.get(path + "?normalize=true").get("vector"));
            float[] many = Http.floats(http.post("/vectors", "{\"words\": [" + Http.quote(entry.getKey())
                    + "], \"normalize\": true}").get("vectors").get(0).get("vector"));
            assertThat(Http.floats(http.get(path).get("vector"))).containsExactly(raw);
            for (int d = 0; d < raw.length; d++) {
                assertThat((double) one[d]).as("%s [%d]", entry.getKey(), d).isCloseTo(raw[d] / length, within(1e-6));
                assertThat(many[d]).isEqualTo(one[d]);
            }
        }
        assertThat(http.get("/vector/the?normalize=maybe").status()).isEqualTo(400);
    }

    /** gensim's {@code rank}, over the whole vocabulary, on two models; only asked for, it is only then given. */
    @Test
    void ranksEqualGensimRank() {
        int compared = 0;
        for (var entry : java.util.Map.of("glove", GLOVE, "lee", LEE).entrySet()) {
            for (GensimExpected.RankQuery q : entry.getValue().queries().ranks()) {
                Response response = http.post("/similarity?model=" + entry.getKey(), "{\"word\": "
                        + Http.quote(q.word()) + ", \"others\": " + jsonArray(q.others()) + ", \"rank\": true}");
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                for (int i = 0; i < q.others().size(); i++) {
                    JsonNode scored = response.get("similarities").get(i);
                    assertThat(scored.get("word").asString()).isEqualTo(q.others().get(i));
                    assertThat(scored.get("rank").asInt()).as("%s: rank(%s, %s)", entry.getKey(), q.word(),
                            q.others().get(i)).isCloseTo(q.ranks()[i], within(q.nearTies()[i]));
                    compared += q.nearTies()[i] == 0 ? 1 : 0;
                }
            }
        }
        assertThat(compared).as("ranks compared exactly").isGreaterThanOrEqualTo(50);
        Response plain = http.post("/similarity", "{\"word\": \"the\", \"others\": [\"of\"]}");
        assertThat(plain.get("similarities").get(0).has("rank")).isFalse();
        Response notOneToMany = http.post("/similarity", "{\"word1\": \"the\", \"word2\": \"of\", \"rank\": true}");
        assertThat(notOneToMany.status()).isEqualTo(400);
        assertThat(notOneToMany.get("field").asString()).isEqualTo("rank");
    }

    @Test
    void oneWordAgainstManyGivesEachPairsSimilarity() {
        Response response = http.post("/similarity", "{\"word\": \"the\", \"others\": [\"of\", \"the\", \"year\"]}");
        JsonNode similarities = response.get("similarities");
        for (int i = 0; i < 3; i++) {
            String other = similarities.get(i).get("word").asString();
            double pair = http.post("/similarity", "{\"word1\": \"the\", \"word2\": " + Http.quote(other) + "}")
                    .get("similarity").asDouble();
            assertThat(similarities.get(i).get("similarity").asDouble()).isCloseTo(pair, within(1e-6));
        }
        assertThat(http.post("/similarity", "{\"word1\": \"the\", \"words2\": [\"of\"]}").status()).isEqualTo(400);
    }

    @Test
    void doesntMatchEqualsGensimAndReportsUnknownWords() {
        for (GensimExpected.GroupQuery q : GLOVE.queries().groups()) {
            List<String> withUnknown = new java.util.ArrayList<>(q.words());
            withUnknown.add("zzqx");
            Response response = http.post("/doesnt-match", "{\"words\": " + jsonArray(withUnknown) + "}");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.get("word").asString()).isEqualTo(q.doesntMatch());
            assertSameRanking(response.get("ranking"), q.centrality());
            assertThat(response.get("unknown").toString()).isEqualTo("[\"zzqx\"]");
        }
        assertThat(http.post("/doesnt-match", "{\"words\": [\"zzqx\"]}").status()).isEqualTo(404);
    }

    @Test
    void wordMoversDistanceEqualsGensim() {
        List<GensimExpected.WmDistance> expected = GLOVE.queries().wmDistances();
        assertThat(expected).isNotEmpty();
        for (GensimExpected.WmDistance q : expected) {
            Response response = http.post("/word-movers-distance", "{\"words1\": " + jsonArray(q.words1())
                    + ", \"words2\": " + jsonArray(q.words2()) + ", \"normalize\": " + q.normalize() + "}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.get("distance").asDouble()).as(response.body()).isCloseTo(q.distance(), within(1e-5));
            double carried = 0;
            for (JsonNode move : response.get("moves")) {
                assertThat(q.words1()).contains(move.get("from").asString());
                assertThat(q.words2()).contains(move.get("to").asString());
                carried += move.get("weight").asDouble();
            }
            assertThat(carried).isCloseTo(1.0, within(1e-9));
        }
        // Texts are split as sentence vectors split them: the same words, the same distance.
        GensimExpected.WmDistance repeated = expected.stream()
                .filter(q -> q.words1().equals(List.of("he", "said", "he", "said")) && q.normalize()).findFirst().orElseThrow();
        Response texts = http.post("/word-movers-distance", "{\"text1\": \"He said, he said.\", \"text2\": \"she said\"}");
        assertThat(texts.status()).as(texts.body()).isEqualTo(200);
        assertThat(texts.get("distance").asDouble()).isCloseTo(repeated.distance(), within(1e-5));
    }

    @Test
    void wordMoversDistanceRequestsAreChecked() {
        Response unknown = http.post("/word-movers-distance", "{\"words1\": [\"zzqx\"], \"words2\": [\"the\"]}");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.get("distance").isNull()).as(unknown.body()).isTrue();
        assertThat(unknown.get("unknown").toString()).isEqualTo("[\"zzqx\"]");
        Response refused = http.post("/word-movers-distance",
                "{\"words1\": [\"zzqx\", \"the\"], \"words2\": [\"the\"], \"oov\": \"error\"}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.get("detail").asString()).contains("zzqx");
        assertThat(http.post("/word-movers-distance", "{\"words1\": [\"the\"], \"words2\": [\"the\"], "
                + "\"oov\": \"zero\"}").status()).isEqualTo(400);
        assertThat(http.post("/word-movers-distance", "{\"words1\": [\"the\"], \"text2\": \"the\"}").status())
                .isEqualTo(400);
        assertThat(http.post("/word-movers-distance", "{}").status()).isEqualTo(400);
        assertThat(http.post("/word-movers-distance", "{\"text1\": \"!!!\", \"text2\": \"the\"}").get("detail")
                .asString()).contains("'text1' has no words");
        Response tooLong = http.post("/word-movers-distance",
                "{\"text1\": \"the year the year the year the\", \"text2\": \"the\"}");
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.get("field").asString()).isEqualTo("text1");
        assertThat(http.post("/word-movers-distance", "{\"words1\": [\"the\"], \"words2\": [\"the\"], "
                + "\"model\": \"lee\"}").get("model").asString()).isEqualTo("lee");
    }

    @Test
    void wordMoversRankingPutsTheNearestFirst() {
        Response ranked = http.post("/word-movers-ranking",
                "{\"text\": \"the year\", \"documents\": [\"he said\", \"The year.\", \"zzqx\"]}");
        assertThat(ranked.status()).as(ranked.body()).isEqualTo(200);
        JsonNode results = ranked.get("results");
        assertThat(results.size()).isEqualTo(3);
        assertThat(results.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(results.get(0).get("distance").asDouble()).isZero();
        assertThat(results.get(0).get("similarity").asDouble()).isEqualTo(1.0);
        double pair = http.post("/word-movers-distance", "{\"text1\": \"the year\", \"text2\": \"he said\"}")
                .get("distance").asDouble();
        assertThat(results.get(1).get("distance").asDouble()).isEqualTo(pair);
        assertThat(results.get(1).get("similarity").asDouble()).isCloseTo(1 / (1 + pair), within(1e-12));
        assertThat(results.get(2).get("index").asInt()).isEqualTo(2);
        assertThat(results.get(2).get("distance").isNull()).isTrue();
        assertThat(ranked.get("unknown").toString()).isEqualTo("[\"zzqx\"]");
        assertThat(http.post("/word-movers-ranking", "{\"text\": \"the year\", \"documents\": [\"he said\", "
                + "\"the year\"], \"k\": 1}").get("results").size()).isEqualTo(1);
    }

    @Test
    void wordMoversRankingRequestsAreChecked() {
        assertThat(http.post("/word-movers-ranking", "{\"text\": \"the\"}").status()).isEqualTo(400);
        assertThat(http.post("/word-movers-ranking", "{\"text\": \"the\", \"documents\": []}").status()).isEqualTo(400);
        assertThat(http.post("/word-movers-ranking", "{\"documents\": [\"the\"]}").status()).isEqualTo(400);
        Response tooMany = http.post("/word-movers-ranking",
                "{\"text\": \"the\", \"documents\": [\"a\", \"b\", \"c\", \"d\"]}");
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.get("field").asString()).isEqualTo("documents");
        Response tooLong = http.post("/word-movers-ranking",
                "{\"text\": \"the\", \"documents\": [\"the year the year the year the\"]}");
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.get("field").asString()).isEqualTo("documents[0]");
        assertThat(http.post("/word-movers-ranking", "{\"text\": \"the\", \"documents\": [\"the\"], \"k\": 0}")
                .status()).isEqualTo(400);
        assertThat(http.post("/word-movers-ranking", "{\"text\": \"the\", \"documents\": [\"!!\"]}").get("field")
                .asString()).isEqualTo("documents[0]");
    }

    @Test
    void vocabularyPagesInFileOrder() {
        Response page = http.get("/models/glove/words?offset=2&limit=3");
        assertThat(page.get("total").asInt()).isEqualTo(76);
        assertThat(page.get("words").toString()).isEqualTo(jsonArray(GLOVE.firstWords().subList(2, 5)));
        assertThat(http.get("/models/glove/words?offset=75&limit=10").get("words").size()).isEqualTo(1);
        Response bigPage = http.get("/models/glove/words?limit=10001");
        assertThat(bigPage.status()).isEqualTo(413);
        // A fixed page size: no setting to point to.
        assertThat(bigPage.get("detail").asString()).isEqualTo("'limit' asks for 10001 words a page; the most is 10000");
        assertThat(http.get("/models/glove/words?offset=-1").status()).isEqualTo(400);
        assertThat(http.get("/models/nope/words").status()).isEqualTo(404);
    }

    @Test
    void openApiDocumentDescribesEveryRoute() {
        Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.get("openapi").asString()).startsWith("3.");
        assertThat(docs.get("info").get("description").asString()).contains("urn:wordvec:problem:malformed-body");
        List<String> paths = new java.util.ArrayList<>();
        docs.get("paths").propertyNames().forEach(paths::add);
        assertThat(paths).contains("/vector/{word}", "/vectors", "/similarity", "/sentence-vector", "/neighbors",
                "/neighbors/{word}", "/analogy", "/doesnt-match", "/models", "/models/{name}/words");
        assertThat(docs.get("paths").get("/vector/{word}").has("head")).isTrue();
        for (String path : paths) {
            docs.get("paths").get(path).properties().forEach(operation -> {
                JsonNode op = operation.getValue();
                assertThat(op.get("summary")).as(operation.getKey() + " " + path).isNotNull();
                // Every route that reads a model declares its problems; /models and /catalogue read none.
                if (!path.equals("/models") && !path.equals("/catalogue") && !path.startsWith("/v1/")
                        && !operation.getKey().equals("head")) {
                    // The reload route reads no input but the model's name: nothing to be a 400.
                    assertThat(op.get("responses").has("400") || path.startsWith("/admin/")).as(path).isTrue();
                    assertThat(op.get("responses").get("503").get("content").has("application/problem+json")).isTrue();
                }
            });
        }
        JsonNode neighbors = docs.get("paths").get("/neighbors/{word}").get("get");
        assertThat(neighbors.get("parameters").toString()).contains("restrict_vocab", "unknown word: error (404) or skip");
        assertThat(docs.get("paths").get("/sentence-vector").get("post").get("description").asString())
                .contains("`sif`", "removePc", "Zipf");
        assertThat(docs.get("paths").get("/similarity").get("post").get("responses").has("413")).isTrue();
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void headTellsMembershipWithoutABody() {
        Response known = http.head("/vector/the");
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.body()).isEmpty();
        assertThat(http.head("/vector/zzqx").status()).isEqualTo(404);
        assertThat(http.head("/vector/the?model=nope").status()).isEqualTo(404);
    }
}
