package dev.wordvec.web;

import dev.wordvec.testing.TestModels;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelNotReadyException;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.ModelStatus;
import dev.wordvec.models.UnknownModelException;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.SentenceEncoder;
import dev.wordvec.query.TokenWeights;
import dev.wordvec.query.WordModel;
import dev.wordvec.vectors.CaseForm;
import dev.wordvec.vectors.SearchBatcher;
import dev.wordvec.vectors.Vocabulary;
import dev.wordvec.vectors.WordLookup;
import dev.wordvec.vectors.WordVectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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

/**
 * Request and response shapes of the word routes, and their errors, on the controllers alone:
 * no server, no model file, a registry that hands out a five-word model built here.
 */
@WebMvcTest(controllers = {VectorController.class, NeighborsController.class, SimilarityController.class})
@EnableConfigurationProperties(WordvecProperties.class)
class WordRoutesSliceTests {

    private static final List<String> WORDS = List.of("king", "queen", "man", "woman", "apple");
    private static final float[][] ROWS = {{1, 0, 0}, {0.9f, 0.1f, 0}, {0.6f, 0, 0.8f}, {0.5f, 0.2f, 0.8f}, {0, 1, 0}};
    private static WordModel model;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelRegistry registry;

    @BeforeAll
    static void buildModel() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(WORDS.size() * 3 * 4).order(ByteOrder.nativeOrder());
        for (float[] row : ROWS) {
            for (float v : row) {
                buffer.putFloat(v);
            }
        }
        Vocabulary vocabulary = new Vocabulary(WORDS);
        WordVectors vectors = TestModels.float32(vocabulary, 3, buffer.flip());
        WordLookup lookup = new WordLookup(vocabulary, List.of(CaseForm.EXACT, CaseForm.LOWER), false);
        model = new WordModel("tiny", vectors, new SearchBatcher(vectors, "tiny", 1, 8, 0), lookup,
                new SentenceEncoder("tiny", vectors, lookup), TokenWeights.uniform(), null, null);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @BeforeEach
    void serveTheModel() {
        given(registry.require(any())).willReturn(LoadedModel.of(model, ModelFormat.WORD2VEC_TEXT, Duration.ZERO));
    }

    @Test
    void aWordsVectorIsItsRowAsStored() throws Exception {
        mvc.perform(get("/vector/King"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.model").value("tiny"))
                .andExpect(jsonPath("$.word").value("King"))
                .andExpect(jsonPath("$.matched").value("king"))
                .andExpect(jsonPath("$.dimension").value(3))
                .andExpect(jsonPath("$.vector[0]").value(1.0))
                .andExpect(jsonPath("$.unknown").isEmpty());
    }

    @Test
    void anUnknownWordIsA404ProblemNamingIt() throws Exception {
        mvc.perform(get("/vector/zebra"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:unknown-word"))
                .andExpect(jsonPath("$.word").value("zebra"))
                .andExpect(jsonPath("$.words[0]").value("zebra"))
                .andExpect(jsonPath("$.model").value("tiny"));
    }

    @Test
    void neighboursAreRankedByCosineWithoutTheQueryWord() throws Exception {
        // Cosines with king (1, 0, 0): queen 0.994, man 0.6, woman 0.518, apple 0.
        mvc.perform(post("/neighbors").contentType(MediaType.APPLICATION_JSON).content("{\"word\": \"king\", \"k\": 3}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.word").value("king"))
                .andExpect(jsonPath("$.neighbors.length()").value(3))
                .andExpect(jsonPath("$.neighbors[0].word").value("queen"))
                .andExpect(jsonPath("$.neighbors[1].word").value("man"))
                .andExpect(jsonPath("$.neighbors[1].similarity").value(0.6))
                .andExpect(jsonPath("$.neighbors[2].word").value("woman"));
    }

    @Test
    void badParametersAre400And413ProblemsNamingTheField() throws Exception {
        mvc.perform(get("/neighbors/king").param("k", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:invalid-request"))
                .andExpect(jsonPath("$.field").value("k"));
        mvc.perform(get("/neighbors/king").param("k", "5000"))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:limit-exceeded"))
                .andExpect(jsonPath("$.limit").value(1000));
        mvc.perform(post("/neighbors").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"word\": \"king\", \"queries\": [{\"word\": \"man\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("queries"));
        mvc.perform(get("/neighbors/king").param("oov", "zero"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("oov"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("no direction")));
    }

    @Test
    void malformedJsonSaysWhere() throws Exception {
        mvc.perform(post("/similarity").contentType(MediaType.APPLICATION_JSON).content("{\"word1\": \"king\", }"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:malformed-body"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("line 1")));
    }

    /** On a machine whose language is Turkish, "LOADING" lower-cased by its rules is "loadıng". */
    @Test
    void aModelsStatusIsTheSameWordOnATurkishMachine() throws Exception {
        Locale machine = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            given(registry.require(any())).willThrow(new ModelNotReadyException("tiny", ModelStatus.LOADING));
            mvc.perform(get("/vector/king"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.modelStatus").value("loading"))
                    .andExpect(jsonPath("$.detail").value("model 'tiny' is not ready yet (loading)"));
        } finally {
            Locale.setDefault(machine);
        }
    }

    @Test
    void aModelNotReadyOrUnknownIsAProblemToo() throws Exception {
        given(registry.require(any())).willThrow(new ModelNotReadyException("tiny", ModelStatus.LOADING));
        mvc.perform(get("/vector/king"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:model-not-ready"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.modelStatus").value("loading"));
        willThrow(new UnknownModelException("other", List.of("tiny"))).given(registry).require(any());
        mvc.perform(get("/vector/king").param("model", "other"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:unknown-model"))
                .andExpect(jsonPath("$.models[0]").value("tiny"));
    }

    @Test
    void aModelWithoutWordVectorsRefusesWordRoutesByKind() throws Exception {
        given(registry.require(any())).willReturn(new LoadedModel("minilm", model, null, ModelFormat.AUTO, Duration.ZERO, null));
        mvc.perform(get("/vector/king"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:not-a-word-model"))
                .andExpect(jsonPath("$.model").value("minilm"))
                .andExpect(jsonPath("$.kind").value("contextual"));
        // The text routes answer through the model's text encoder.
        mvc.perform(post("/similarity").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text1\": \"king\", \"text2\": \"queen\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.model").value("tiny"));
    }

    @Test
    void aSearchOnAClosedModelIsA503ToRetry() throws Exception {
        SearchBatcher closed = new SearchBatcher(model.vectors(), "closed", 1, 8, 0);
        closed.close();
        WordModel closing = new WordModel("tiny", model.vectors(), closed, model.lookup(), model.sentences(),
                model.sifWeights(), null, null);
        given(registry.require(any())).willReturn(LoadedModel.of(closing, ModelFormat.AUTO, Duration.ZERO));
        mvc.perform(get("/neighbors/king"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value("urn:wordvec:problem:model-closed"));
    }
}
