package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.wordvec.formats.ModelFormat;
import dev.wordvec.models.LoadedModel;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.query.WordModel;
import dev.wordvec.testing.TestModels;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /models/{name}/evaluate}: gensim's scores over HTTP, and clear errors for bad sets. */
@WebMvcTest(controllers = EvaluationController.class)
class EvaluationSliceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WordModel model;
    private static JsonNode gensim;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ModelRegistry registry;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = EvaluationSliceTests.class.getResourceAsStream("/gensim/evaluation.json")) {
            gensim = JSON.readTree(in).get("models").get("lee_fasttext").get("runs").get(0);
        }
        model = TestModels.wordModel("lee", "src/test/resources/fixtures/lee_fasttext.vec");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @BeforeEach
    void serveTheModel() {
        given(registry.require(any())).willReturn(LoadedModel.of(model, ModelFormat.WORD2VEC_TEXT, Duration.ZERO));
    }

    @Test
    void withNoBodyAllBuiltInSetsAreScoredAsGensimScoresThem() throws Exception {
        String body = mvc.perform(post("/models/lee/evaluate"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.analogies.set").value("questions-words"))
                .andExpect(jsonPath("$.analogies.sections.length()").value(14))
                .andReturn().getResponse().getContentAsString();
        assertScoresAreGensims(JSON.readTree(body), gensim);
    }

    /** The totals of the analogies and each built-in pair set's correlations and OOV ratio, against gensim's run. */
    private static void assertScoresAreGensims(JsonNode ours, JsonNode run) {
        JsonNode total = run.get("analogies").get(14);
        assertThat(ours.get("analogies").get("correct").asInt()).isEqualTo(total.get("correct").asInt());
        assertThat(ours.get("analogies").get("incorrect").asInt()).isEqualTo(total.get("incorrect").asInt());
        for (String set : List.of("wordsim353", "simlex999")) {
            for (String measure : List.of("spearman", "pearson")) {
                assertThat(ours.get("pairs").get(set).get(measure).asDouble()).as(set + " " + measure)
                        .isCloseTo(run.get("pairs").get(set).get(measure).asDouble(), within(1e-6));
            }
            assertThat(ours.get("pairs").get(set).get("oovRatio").asDouble()).as(set)
                    .isCloseTo(run.get("pairs").get(set).get("oovRatio").asDouble(), within(1e-9));
        }
    }

    @Test
    void aSetCanBeGivenAsText() throws Exception {
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON).content("""
                        {"analogies": {"name": "mine", "text": ": s\\nthe a the a\\nzzqx a b c\\n"},
                         "pairs": [{"name": "p", "text": "the\\ta\\t1\\nof\\tand\\t2\\nto\\tin\\t3\\nis\\twas\\t4\\n"}],
                         "method": "mul"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.analogies.set").value("mine"))
                .andExpect(jsonPath("$.analogies.method").value("mul"))
                .andExpect(jsonPath("$.analogies.questions").value(2))
                .andExpect(jsonPath("$.analogies.oov").value(1))
                .andExpect(jsonPath("$.pairs.p.pairs").value(4));
        // A blank name is no name: the set is called by its place in the request.
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON).content("""
                        {"pairs": [{"name": " ", "text": "the\\ta\\t1\\nof\\tand\\t2\\nto\\tin\\t3\\n"}]}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pairs['pairs[0]'].pairs").value(3));
    }

    /** gensim's dummy4unknown: unknown words count (wrong answers, similarity 0) instead of being skipped. */
    @Test
    void dummy4unknownScoresAsGensimScoresIt() throws Exception {
        JsonNode dummy;
        try (InputStream in = EvaluationSliceTests.class.getResourceAsStream("/gensim/evaluation.json")) {
            dummy = JSON.readTree(in).get("models").get("lee_fasttext").get("runs").get(3);
        }
        assertThat(dummy.get("options").get("dummy4unknown").asBoolean()).isTrue();
        JsonNode ours = JSON.readTree(mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"restrictVocab\": 5000, \"dummy4unknown\": true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.analogies.dummy4unknown").value(true))
                .andReturn().getResponse().getContentAsString());
        assertScoresAreGensims(ours, dummy);
        assertThat(ours.get("pairs").get("wordsim353").get("dummy4unknown").asBoolean()).isTrue();
    }

    @Test
    void aPairSetCanUseAnotherDelimiter() throws Exception {
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON).content("""
                        {"pairs": [{"name": "men", "text": "the a 1\\nof and 2\\nto in 3\\nis was 4\\n"}], "delimiter": " "}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pairs.men.pairs").value(4))
                .andExpect(jsonPath("$.pairs.men.invalidLines").value(0));
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"pairs\": [\"wordsim353\"], \"delimiter\": \"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("delimiter"));
    }

    @Test
    void badSetsAndOptionsAre400ProblemsThatSayWhy() throws Exception {
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON).content("{\"analogies\": \"nope\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("analogies"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("questions-words")));
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"analogies\": {\"name\": \"bad\", \"text\": \"a b c d\\n\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("bad, line 1: a question before any ': section' line"));
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"pairs\": [{\"name\": \"few\", \"text\": \"zzqx\\tqqqz\\t1\\n\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("a correlation needs at least 2")));
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"pairs\": [{\"name\": \"nan\", \"text\": \"the\\tof\\t1\\nthe\\tand\\tnan\\nof\\tand\\t2\\n\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("nan, line 2: the score of the and and is NaN, not a finite number: "
                        + "a correlation needs finite human scores"));
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON).content("{\"pairs\": []}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("pairs"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("nothing to score")));
        // Two sets of one name: the second's scores would replace the first's in the answer.
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON).content("{\"pairs\": ["
                        + "{\"name\": \"x\", \"text\": \"the\\tof\\t1\\n\"}, \"wordsim353\", "
                        + "{\"name\": \"x\", \"text\": \"the\\tand\\t2\\n\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'pairs[2]' is named 'x', as 'pairs[0]' is: the answer is keyed "
                        + "by name, so each set needs its own"));
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON).content("{\"method\": \"div\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("method"));
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON).content("{\"pairs\": [3]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("pairs"));
        // A mistyped key in a set given as text is named, as unknown fields are elsewhere in bodies.
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"pairs\": [\"wordsim353\", {\"name\": \"mine\", \"txt\": \"a\\tb\\t1\\n\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("pairs[1].txt"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("unknown field 'txt'")));
        mvc.perform(post("/models/lee/evaluate").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"analogies\": {\"text\": \": s\\na b c d\\n\", \"nmae\": \"x\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("analogies.nmae"));
    }
}
