package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.wordvec.testing.Rankings.assertSameRanking;
import static dev.wordvec.testing.Rankings.jsonArray;

import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.GensimExpected.Scored;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * Routes on models with an HNSW index: answers through the index say {@code "search": "hnsw"}
 * and, with a search broad enough to visit the whole graph, equal gensim's; {@code exact} forces
 * the exact search; 3CosMul and small restrictions stay exact; {@code /models} describes the
 * index, and the graph is kept beside the converted cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.models.glove.index=hnsw",
    "wordvec.models.glove.hnsw.ef-search=1000",
    "wordvec.models.lee.path=src/test/resources/fixtures/lee_fasttext.vec",
    "wordvec.models.lee.index=hnsw",
    "wordvec.models.lee.dtype=float16",
    "wordvec.models.lee.hnsw.m=8",
    "wordvec.models.lee.hnsw.ef-search=2000",
    "wordvec.models.plain.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.models.small.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.models.small.index=hnsw",
    "wordvec.models.small.dtype=int8",
    "wordvec.default-model=glove",
})
class HnswRoutesIntegrationTests extends RunningService {

    private static final GensimExpected.Model GLOVE = GensimExpected.load().model("test_glove");
    private static final GensimExpected.Model LEE = GensimExpected.load().model("lee_fasttext");
    private static final Path CACHE;

    static {
        try {
            CACHE = Files.createTempDirectory("wordvec-hnsw-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void deleteTemporaryFiles() throws IOException {
        FileSystemUtils.deleteRecursively(CACHE);
    }

    @DynamicPropertySource
    static void cache(DynamicPropertyRegistry registry) {
        registry.add("wordvec.cache-dir", CACHE::toString);
    }


    @Test
    void neighboursThroughTheIndexEqualGensimAndSaySo() {
        for (GensimExpected.NeighborsQuery q : GLOVE.queries().neighbors()) {
            if (q.word() == null || q.restrictVocab() != null) {
                continue;
            }
            Response response = http.get("/neighbors/" + q.word() + "?k=" + q.k());
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.get("search").asString()).isEqualTo("hnsw");
            assertSameRanking(response.get("neighbors"), q.result(), 1e-5);

            Response exact = http.get("/neighbors/" + q.word() + "?k=" + q.k() + "&exact=true");
            assertThat(exact.get("search").asString()).isEqualTo("exact");
            assertSameRanking(exact.get("neighbors"), q.result(), 1e-5);
        }
    }

    @Test
    void aFloat16ModelSearchesItsIndexToo() {
        GensimExpected.NeighborsQuery q = LEE.queries().neighbors().get(0);
        Response response = http.get("/neighbors/" + q.word() + "?model=lee&k=" + q.k());
        assertThat(response.get("search").asString()).isEqualTo("hnsw");
        // float16 rows: cosines within float16's precision of gensim's float32 ones.
        assertSameRanking(response.get("neighbors"), q.result(), 2e-3);
    }

    @Test
    void batchesVectorsMinSimilarityAndTheExactSwitchInBodies() {
        Response batch = http.post("/neighbors", "{\"queries\": [{\"word\": \"the\"}, {\"word\": \"year\"}], \"k\": 10}");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.get("search").asString()).isEqualTo("hnsw");
        assertSameRanking(batch.get("results").get(0).get("neighbors"), GLOVE.queries().neighbors().get(0).result(), 1e-5);

        List<Scored> gensim = GLOVE.queries().neighbors().get(0).result();
        // Just below the 4th answer's cosine: the index sums the dot product in another order than
        // the engine, so a threshold exactly at an answer's cosine may fall either side of it.
        float threshold = gensim.get(3).similarity() - 1e-6f;
        Response least = http.post("/neighbors", "{\"word\": \"the\", \"k\": 10, \"minSimilarity\": " + threshold + "}");
        assertThat(least.get("search").asString()).isEqualTo("hnsw");
        assertSameRanking(least.get("neighbors"), gensim.subList(0, 4), 1e-5);

        Response exact = http.post("/neighbors", "{\"word\": \"the\", \"k\": 10, \"exact\": true}");
        assertThat(exact.get("search").asString()).isEqualTo("exact");
        assertSameRanking(exact.get("neighbors"), gensim, 1e-5);
    }

    @Test
    void addAnalogiesUseTheIndexAndMulOnesStayExact() {
        for (GensimExpected.AnalogyQuery q : GLOVE.queries().analogies()) {
            StringBuilder positive = new StringBuilder("[");
            for (int i = 0; i < q.positive().size(); i++) {
                String word = Http.quote(q.positive().get(i));
                positive.append(i > 0 ? "," : "")
                        .append(q.weights() == null ? word : "[" + word + "," + q.weights().get(i) + "]");
            }
            String body = "{\"positive\": " + positive + "], \"negative\": " + jsonArray(q.negative())
                    + ", \"method\": \"" + q.method() + "\"";
            Response response = http.post("/analogy", body + "}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.get("search").asString()).isEqualTo(q.method().equals("mul") ? "exact" : "hnsw");
            assertSameRanking(response.get("results"), q.result(), 1e-5);
            Response exact = http.post("/analogy", body + ", \"exact\": true}");
            assertThat(exact.get("search").asString()).isEqualTo("exact");
            assertSameRanking(exact.get("results"), q.result(), 1e-5);
        }
    }

    @Test
    void aRestrictionToAFewWordsIsSearchedExactly() {
        GensimExpected.NeighborsQuery q = GLOVE.queries().neighbors().stream()
                .filter(n -> n.restrictVocab() != null).findFirst().orElseThrow();
        Response response = http.get("/neighbors/" + q.word() + "?k=" + q.k() + "&restrictVocab=" + q.restrictVocab());
        assertThat(response.get("search").asString()).isEqualTo(q.restrictVocab() * 10 >= GLOVE.vocabularySize()
                ? "hnsw" : "exact");
        assertSameRanking(response.get("neighbors"), q.result(), 1e-5);
        Response few = http.get("/neighbors/the?restrictVocab=5&k=3");
        assertThat(few.get("search").asString()).isEqualTo("exact");
    }

    @Test
    void aModelWithoutAnIndexSearchesExactly() {
        assertThat(http.get("/neighbors/the?model=plain").get("search").asString()).isEqualTo("exact");
    }

    @Test
    void modelsDescribeTheIndexKeptBesideTheCache() throws IOException {
        JsonNode glove = null;
        String smallFile = null;
        for (JsonNode model : http.get("/models").get("models")) {
            if (model.get("name").asString().equals("glove")) {
                glove = model;
            }
            if (model.get("name").asString().equals("lee")) {
                assertThat(model.get("index").get("walk").asString()).isEqualTo("codes");
            }
            if (model.get("name").asString().equals("small")) {
                // An int8 model's rows are codes already: the walk reads them.
                assertThat(model.get("index").get("walk").asString()).isEqualTo("rows");
                smallFile = model.get("index").get("file").asString();
            }
            if (model.get("name").asString().equals("plain")) {
                assertThat(model.has("index")).isFalse();
            }
        }
        assertThat(glove).isNotNull();
        JsonNode index = glove.get("index");
        assertThat(index.get("kind").asString()).isEqualTo("hnsw");
        assertThat(index.get("m").asInt()).isEqualTo(16);
        assertThat(index.get("beamWidth").asInt()).isEqualTo(100);
        assertThat(index.get("efSearch").asInt()).isEqualTo(1000);
        assertThat(index.get("bytes").asLong()).isPositive();
        assertThat(index.get("walk").asString()).isEqualTo("codes");
        assertThat(index.get("origin").asString()).isIn("built", "mapped");
        Path file = Path.of(index.get("file").asString());
        assertThat(file.getParent()).isEqualTo(CACHE);
        assertThat(file.getFileName().toString()).endsWith(".wvc.float32-m16-beam100.hnsw");
        // The same file as int8: an index of its own, not one the two models would rebuild in turn.
        assertThat(smallFile).isEqualTo(file.toString().replace(".float32-", ".int8-"));
        assertThat(Files.size(file)).isGreaterThan(72);
        try (Stream<Path> files = Files.list(CACHE)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hnsw")).count())
                    .isEqualTo(3);
        }
    }

    @Test
    void theExactSwitchIsChecked() {
        Response wrong = http.get("/neighbors/the?exact=perhaps");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(http.post("/neighbors", "{\"word\": \"the\", \"exact\": \"perhaps\"}").status()).isEqualTo(400);
    }

}
