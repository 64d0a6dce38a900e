package dev.wordvec.word2vecapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.pickle.Pickle;
import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * word2vec-api's routes on the built-in model answer as word2vec-api would (gensim's values,
 * computed by {@code src/test/python/gensim_expected.py}), in its shapes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Word2VecApiIntegrationTests {

    private static final GensimExpected.Model DEMO = GensimExpected.load().model("demo");

    @LocalServerPort
    int port;

    private static String repeated(String name, List<String> words) {
        return words.stream().map(w -> name + "=" + URLEncoder.encode(w, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Test
    void similarityIsGensimsAsAJsonNumber() {
        Http http = new Http(port);
        for (GensimExpected.Similarity expected : DEMO.similarities()) {
            Response response = http.get("/word2vec/similarity?w1=" + URLEncoder.encode(expected.word1(),
                    StandardCharsets.UTF_8) + "&w2=" + expected.word2());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.json().isNumber()).as(response.body()).isTrue();
            assertThat(response.json().asDouble()).isCloseTo(expected.similarity(), within(1e-5));
        }
    }

    @Test
    void nSimilarityTakesRepeatedParametersAndLeavesUnknownWordsOutAsWord2vecApiDoes() {
        Http http = new Http(port);
        for (GensimExpected.SetSimilarity expected : DEMO.queries().nSimilarity()) {
            Response response = http.get("/word2vec/n_similarity?" + repeated("ws1", expected.words1()) + "&"
                    + repeated("ws2", expected.words2()));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().asDouble()).isCloseTo(expected.similarity(), within(1e-5));
            assertThat(response.header(Word2VecApiController.UNKNOWN_WORDS)).isNull();
        }
        GensimExpected.SetSimilarity first = DEMO.queries().nSimilarity().get(0);
        List<String> words1 = new ArrayList<>(first.words1());
        words1.add(1, "zzqxq");
        List<String> words2 = new ArrayList<>(first.words2());
        words2.add("übelqx");
        Response response = http.get("/word2vec/n_similarity?" + repeated("ws1", words1) + "&"
                + repeated("ws2", words2));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().asDouble()).isCloseTo(first.similarity(), within(1e-5));
        assertThat(response.header(Word2VecApiController.UNKNOWN_WORDS)).isEqualTo("zzqxq,%C3%BCbelqx");
    }

    @Test
    void mostSimilarIsGensimsMostSimilarCosmulAsWordScorePairs() {
        Http http = new Http(port);
        int asked = 0;
        for (GensimExpected.AnalogyQuery expected : DEMO.queries().analogies()) {
            if (!expected.method().equals("mul")) {
                continue;
            }
            String query = repeated("positive", expected.positive())
                    + (expected.negative().isEmpty() ? "" : "&" + repeated("negative", expected.negative()));
            JsonNode answer = http.get("/word2vec/most_similar?" + query).json();
            assertThat(answer.isArray()).isTrue();
            assertThat(answer.size()).isEqualTo(10);
            for (int i = 0; i < 10; i++) {
                assertThat(answer.get(i).size()).isEqualTo(2);
                assertThat(answer.get(i).get(0).asString()).isEqualTo(expected.result().get(i).word());
                assertThat(answer.get(i).get(1).asDouble()).isCloseTo(expected.result().get(i).similarity(),
                        within(1e-5));
            }
            JsonNode three = http.get("/word2vec/most_similar?" + query + "&topn=3").json();
            assertThat(three.size()).isEqualTo(3);
            assertThat(three.get(2).get(0).asString()).isEqualTo(expected.result().get(2).word());
            asked++;
        }
        assertThat(asked).isGreaterThanOrEqualTo(3);

        GensimExpected.AnalogyQuery kingWoman = DEMO.queries().analogies().stream()
                .filter(q -> q.method().equals("mul") && !q.negative().isEmpty()).findFirst().orElseThrow();
        Response withUnknown = http.get("/word2vec/most_similar?" + repeated("positive", kingWoman.positive())
                + "&positive=zzqxq&" + repeated("negative", kingWoman.negative()) + "&negative=qqzx");
        assertThat(withUnknown.status()).isEqualTo(200);
        assertThat(withUnknown.json().get(0).get(0).asString()).isEqualTo(kingWoman.result().get(0).word());
        assertThat(withUnknown.header(Word2VecApiController.UNKNOWN_WORDS)).isEqualTo("zzqxq,qqzx");
    }

    @Test
    void modelIsTheVectorsFloat32BytesLittleEndianInBase64() {
        Http http = new Http(port);
        for (String word : List.of("king", "queen", "the", "cat")) {
            Response response = http.get("/word2vec/model?word=" + word);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().isString()).isTrue();
            byte[] bytes = Base64.getDecoder().decode(response.json().asString());
            float[] vector = new float[bytes.length / Float.BYTES];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
            assertThat(vector).containsExactly(DEMO.vectors().get(word));
        }
    }

    @Test
    void modelWordSetIsAPickledSetOfTheVocabularyInBase64() throws Exception {
        Response response = new Http(port).get("/word2vec/model_word_set");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        byte[] pickle = Base64.getDecoder().decode(response.json().asString());
        // Read back as Python would run it: set([...]), a call of __builtin__.set on one list.
        Object read = Pickle.read(new ByteArrayInputStream(pickle));
        assertThat(read).isInstanceOf(Pickle.Instance.class);
        Pickle.Instance call = (Pickle.Instance) read;
        assertThat(call.type).isEqualTo(new Pickle.Global("__builtin__", "set"));
        assertThat(call.args).hasSize(1);
        List<Object> words = new ArrayList<>((Collection<?>) call.args.get(0));
        assertThat(words).hasSize(DEMO.vocabularySize());
        assertThat(words.subList(0, DEMO.firstWords().size())).isEqualTo(DEMO.firstWords());
        assertThat(words.get(words.size() - 1)).isEqualTo(DEMO.lastWord());
    }

    @Test
    void mistakesAreProblemsWhereWord2vecApiFailedWithA500() {
        Http http = new Http(port);
        Response unknown = http.get("/word2vec/similarity?w1=king&w2=zzqxq");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.get("type").asString()).isEqualTo("urn:wordvec:problem:unknown-word");
        assertThat(unknown.get("words").get(0).asString()).isEqualTo("zzqxq");

        Response noneKnown = http.get("/word2vec/most_similar?positive=zzqxq&positive=qqzx");
        assertThat(noneKnown.status()).isEqualTo(404);
        assertThat(noneKnown.get("detail").asString()).contains("'positive' needs at least one known word");

        Response missing = http.get("/word2vec/similarity?w1=king");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.get("type").asString()).isEqualTo("urn:wordvec:problem:invalid-request");
        assertThat(missing.get("field").asString()).isEqualTo("w2");
        assertThat(missing.get("detail").asString()).contains("'w2' is missing");

        Response empty = http.get("/word2vec/n_similarity?ws1=&ws2=king");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.get("detail").asString()).isEqualTo("'ws1' needs at least one word");

        assertThat(http.get("/word2vec/most_similar?positive=king&topn=0").status()).isEqualTo(400);
        assertThat(http.get("/word2vec/most_similar?positive=king&topn=5000").status()).isEqualTo(413);
        assertThat(http.get("/word2vec/model?word=zzqxq").status()).isEqualTo(404);
        Response twice = http.get("/word2vec/similarity?w1=king&w2=queen&w2=man");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.get("field").asString()).isEqualTo("w2");
    }
}
