package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.WordModel;
import dev.wordvec.testing.TestModels;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fastText {@code .bin} model answers words outside its vocabulary on every word route with
 * their n-grams' vector ({@code subword}, its default): vectors equal gensim's, nearest words
 * equal {@code fasttext nn}'s.
 */
@WebMvcTest(controllers = {VectorController.class, NeighborsController.class, SimilarityController.class,
    AnalogyController.class, DoesntMatchController.class, SentenceController.class})
@EnableConfigurationProperties(WordvecProperties.class)
class SubwordRoutesSliceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OOV = "раскольниковым";
    private static WordModel model;
    /** A quantised classifier pruned by {@code -cutoff}: fastText answers "jjj" and "q" with zeros (no kept n-gram). */
    private static WordModel pruned;
    private static JsonNode expected;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelRegistry registry;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = SubwordRoutesSliceTests.class.getResourceAsStream("/fasttext/expected.json")) {
            expected = JSON.readTree(in).get("crime-and-punishment.bin");
        }
        model = TestModels.wordModel("ru", expected.get("file").asString());
        pruned = TestModels.wordModel("pruned", "src/test/resources/fasttext/supervised-pruned.ftz");
    }

    @AfterAll
    static void close() {
        model.close();
        pruned.close();
    }

    @BeforeEach
    void serveTheModel() {
        given(registry.require(any())).willReturn(LoadedModel.of(model, ModelFormat.FASTTEXT_BIN, Duration.ZERO));
        given(registry.require("pruned")).willReturn(LoadedModel.of(pruned, ModelFormat.FASTTEXT_BIN, Duration.ZERO));
    }

    private JsonNode json(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    @Test
    void anUnknownWordsVectorIsItsNgramsMean() throws Exception {
        JsonNode answer = json(mvc.perform(get("/vector/" + OOV)).andExpect(status().isOk())
                .andExpect(jsonPath("$.matched").value("(subwords)"))
                .andExpect(jsonPath("$.unknown").isEmpty()));
        JsonNode gensim = expected.get("outOfVocabulary").get(OOV);
        for (int d = 0; d < gensim.size(); d++) {
            assertThat(answer.get("vector").get(d).asDouble()).isCloseTo(gensim.get(d).asDouble(), within(1e-5));
        }
        mvc.perform(head("/vector/" + OOV)).andExpect(status().isOk());
        // Asked not to, the route refuses it as before.
        mvc.perform(get("/vector/" + OOV).param("oov", "error")).andExpect(status().isNotFound());
    }

    @Test
    void nearestWordsOfKnownAndUnknownWordsEqualFastTextNn() throws Exception {
        for (var query : expected.get("fasttextNn").properties()) {
            JsonNode answer = json(mvc.perform(post("/neighbors").contentType(MediaType.APPLICATION_JSON)
                    .content(JSON.writeValueAsString(java.util.Map.of("word", query.getKey(), "k", 5))))
                    .andExpect(status().isOk()));
            for (int i = 0; i < 5; i++) {
                JsonNode ours = answer.get("neighbors").get(i);
                assertThat(ours.get("word").asString()).as("%s #%d", query.getKey(), i)
                        .isEqualTo(query.getValue().get(i).get(0).asString());
                assertThat(ours.get("similarity").asDouble()).isCloseTo(query.getValue().get(i).get(1).asDouble(),
                        within(1e-5));
            }
        }
    }

    @Test
    void everyWordRouteAnswersTheUnknownWord() throws Exception {
        mvc.perform(post("/similarity").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"word1\": \"" + OOV + "\", \"word2\": \"и\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.similarity").isNumber())
                .andExpect(jsonPath("$.matched." + OOV).value("(subwords)"));
        mvc.perform(post("/similarity").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"words1\": [\"" + OOV + "\", \"и\"], \"words2\": [\"zzqx\"]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.similarity").isNumber());
        mvc.perform(post("/analogy").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"positive\": [\"" + OOV + "\", \"и\"], \"negative\": [\"zzqx\"], \"k\": 3}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.results.length()").value(3));
        mvc.perform(post("/analogy").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"positive\": [\"" + OOV + "\", \"и\"], \"negative\": [\"zzqx\"], \"k\": 3, \"method\": \"mul\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.results.length()").value(3));
        mvc.perform(post("/doesnt-match").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"words\": [\"" + OOV + "\", \"и\", \"в\", \"zzqx\"]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ranking.length()").value(4));
        mvc.perform(post("/sentence-vector").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"zzqx " + OOV + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.results[0].unknown").isEmpty())
                .andExpect(jsonPath("$.results[0].vector.length()").value(5));
    }

    /**
     * With {@code preNormalize}, a text's vector is fastText's {@code print-sentence-vectors} and
     * gensim's {@code get_sentence_vector}: the mean of the words' unit vectors, unknown words from
     * their n-grams.
     */
    @Test
    void preNormalizedTextsEqualFastTextsSentenceVectors() throws Exception {
        var gensim = expected.get("sentenceVectors").properties();
        assertThat(gensim).hasSize(6);
        for (var sentence : gensim) {
            JsonNode answer = json(mvc.perform(post("/sentence-vector").contentType(MediaType.APPLICATION_JSON)
                    .content(JSON.writeValueAsString(java.util.Map.of("text", sentence.getKey(), "preNormalize", true))))
                    .andExpect(status().isOk())).get("results").get(0);
            assertThat(answer.get("unknown").size()).isZero();
            JsonNode fastText = expected.get("fasttextSentenceVectors").get(sentence.getKey());
            for (int d = 0; d < 5; d++) {
                double ours = answer.get("vector").get(d).asDouble();
                assertThat(ours).as("%s [%d]", sentence.getKey(), d)
                        .isCloseTo(sentence.getValue().get(d).asDouble(), within(1e-5));
                // fastText prints 5 significant digits.
                assertThat(ours).isCloseTo(fastText.get(d).asDouble(), within(5e-5));
            }
        }
    }

    @Test
    void aTextOfUnknownWordsIsTheMeanOfTheirNgramVectors() throws Exception {
        JsonNode answer = json(mvc.perform(post("/sentence-vector").contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"zzqx " + OOV + "\"}")).andExpect(status().isOk()));
        JsonNode a = expected.get("outOfVocabulary").get("zzqx");
        JsonNode b = expected.get("outOfVocabulary").get(OOV);
        for (int d = 0; d < 5; d++) {
            assertThat(answer.get("results").get(0).get("vector").get(d).asDouble())
                    .isCloseTo((a.get(d).asDouble() + b.get(d).asDouble()) / 2, within(1e-5));
        }
    }

    /**
     * A word none of whose n-grams a pruned model kept is unknown as in any other model: by default
     * a 404 where a route refuses unknown words, left out where it skips them; {@code oov=subword}
     * asked for leaves it out everywhere.
     */
    @Test
    void aWordWithNoKeptNgramMeetsTheRoutesDefault() throws Exception {
        mvc.perform(get("/vector/hello?model=pruned")).andExpect(status().isOk())
                .andExpect(jsonPath("$.matched").value("(subwords)"));
        mvc.perform(get("/vector/jjj?model=pruned")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("'jjj' is not in the vocabulary of model 'pruned'; the model has "
                        + "no character n-gram of it"));
        mvc.perform(head("/vector/jjj?model=pruned")).andExpect(status().isNotFound());
        mvc.perform(get("/vector/jjj?model=pruned&oov=subword")).andExpect(status().isOk())
                .andExpect(jsonPath("$.vector").value(org.hamcrest.Matchers.nullValue())).andExpect(jsonPath("$.unknown[0]").value("jjj"));
        mvc.perform(get("/neighbors/q?model=pruned")).andExpect(status().isNotFound());
        mvc.perform(post("/similarity?model=pruned").contentType(MediaType.APPLICATION_JSON)
                .content("{\"word1\": \"jjj\", \"word2\": \"big\"}")).andExpect(status().isNotFound());
        mvc.perform(post("/analogy?model=pruned").contentType(MediaType.APPLICATION_JSON)
                .content("{\"positive\": [\"big\", \"jjj\"], \"negative\": [\"slow\"]}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/vectors?model=pruned").contentType(MediaType.APPLICATION_JSON)
                .content("{\"words\": [\"jjj\", \"hello\"]}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.unknown").value(org.hamcrest.Matchers.contains("jjj")))
                .andExpect(jsonPath("$.vectors[1].matched").value("(subwords)"));
        mvc.perform(post("/sentence-vector?model=pruned").contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"jjj hello\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].unknown").value(org.hamcrest.Matchers.contains("jjj")));
    }
}
