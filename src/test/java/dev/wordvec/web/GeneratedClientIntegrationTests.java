package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.client.ApiClient;
import dev.wordvec.client.ApiException;
import dev.wordvec.client.api.ModelsApi;
import dev.wordvec.client.api.OpenaiApi;
import dev.wordvec.client.api.TextsApi;
import dev.wordvec.client.api.WordsApi;
import dev.wordvec.client.model.AnalogyRequest;
import dev.wordvec.client.model.AnalogyTerm;
import dev.wordvec.client.model.EmbeddingsInput;
import dev.wordvec.client.model.EmbeddingsRequest;
import dev.wordvec.client.model.EmbeddingsResponse;
import dev.wordvec.client.model.NeighborsRequest;
import dev.wordvec.client.model.NeighborsResponse;
import dev.wordvec.client.model.OpenAiError;
import dev.wordvec.client.model.Problem;
import dev.wordvec.client.model.Query;
import dev.wordvec.client.model.SentenceRequest;
import dev.wordvec.client.model.SimilarityRequest;
import dev.wordvec.client.model.SimilarityResponse;
import dev.wordvec.client.model.SetsSimilarity;
import dev.wordvec.client.model.Texts;
import dev.wordvec.client.model.VectorResponse;
import dev.wordvec.client.model.WordsSimilarity;
import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.RunningService;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A Java client generated from {@code docs/openapi.json} by openapi-generator (at
 * generate-test-sources, into target), calling the service on its built-in model with an API key,
 * as an application would: if the document stops describing the API, this fails to compile or to
 * parse the answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wordvec.http.api-keys=client-secret")
class GeneratedClientIntegrationTests extends RunningService {

    private static final GensimExpected.Model DEMO = GensimExpected.load().model("demo");

    private ApiClient client;

    @BeforeEach
    void client() {
        client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer client-secret"));
    }

    @Test
    void wordRoutesAnswerThroughTheClient() throws ApiException {
        WordsApi words = new WordsApi(client);
        VectorResponse king = words.vector("king", null, null, null);
        assertThat(king.getModel()).isEqualTo("demo");
        assertThat(king.getDimension()).isEqualTo(100);
        float[] expected = DEMO.vectors().get("king");
        for (int i = 0; i < expected.length; i++) {
            assertThat(king.getVector().get(i)).isEqualTo(expected[i]);
        }

        NeighborsResponse january = words.neighborsOfWord("january", 3, null, null, null, null, null);
        assertThat(january.getNeighbors()).hasSize(3);
        assertThat(january.getSearch()).isEqualTo(NeighborsResponse.SearchEnum.EXACT);
        assertThat(january.getNeighbors().get(0).getWord()).isEqualTo("february");
        NeighborsResponse batch = words.neighbors(new NeighborsRequest().k(2)
                .queries(List.of(new Query().word("king"), new Query().word("cat"))), null);
        assertThat(batch.getResults()).hasSize(2);
        assertThat(batch.getResults().get(1).getWord()).isEqualTo("cat");

        var analogy = words.analogy(new AnalogyRequest().k(1)
                .positive(List.of(new AnalogyTerm("king"), new AnalogyTerm("woman")))
                .negative(List.of(new AnalogyTerm("man"))), null);
        assertThat(analogy.getResults().get(0).getWord()).isEqualTo("queen");
    }

    /** The five similarity forms come back as one type; the client tells them apart by their fields. */
    @Test
    void similarityFormsAreToldApart() throws ApiException {
        WordsApi words = new WordsApi(client);
        SimilarityResponse pair = words.similarity(new SimilarityRequest().word1("king").word2("queen"), null);
        assertThat(pair.getActualInstance()).isInstanceOf(WordsSimilarity.class);
        float gensim = DEMO.similarities().stream().filter(s -> s.word1().equals("king") && s.word2().equals("queen"))
                .findFirst().orElseThrow().similarity();
        assertThat(pair.getWordsSimilarity().getSimilarity()).isCloseTo(gensim, within(1e-5f));

        SimilarityResponse sets = words.similarity(new SimilarityRequest().words1(List.of("king", "queen"))
                .words2(List.of("man", "woman")), null);
        assertThat(sets.getActualInstance()).isInstanceOf(SetsSimilarity.class);
        assertThat(sets.getSetsSimilarity().getSimilarity()).isBetween(-1f, 1f);
    }

    @Test
    void textsAndTheOpenAiRoute() throws ApiException {
        var sentences = new TextsApi(client).sentenceVector(new SentenceRequest()
                .texts(List.of("a cat sat", "zzqx")), null);
        assertThat(sentences.getResults()).hasSize(2);
        assertThat(sentences.getResults().get(1).getVector()).isNull();
        assertThat(sentences.getResults().get(1).getUnknown()).containsExactly("zzqx");

        Texts texts = new Texts();
        texts.addAll(List.of("the king", "1234"));
        EmbeddingsResponse embeddings = new OpenaiApi(client).embeddings(new EmbeddingsRequest().model("demo")
                .input(new EmbeddingsInput(texts)).dimensions(50));
        assertThat(embeddings.getData()).hasSize(2);
        assertThat(embeddings.getData().get(0).getEmbedding().getFloats()).hasSize(50);
        assertThat(embeddings.getZeroVectors()).containsExactly(1);
        assertThat(new ModelsApi(client).listModels().getDefaultModel()).isEqualTo("demo");
    }

    /** Errors arrive as the document says: problems on the word routes, OpenAI's shape under /v1. */
    @Test
    void errorsParseAsTheDocumentedShapes() throws Exception {
        WordsApi words = new WordsApi(client);
        ApiException unknown = catchApi(() -> words.vector("zzqx", null, null, null));
        assertThat(unknown.getCode()).isEqualTo(404);
        Problem problem = client.getObjectMapper().readValue(unknown.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo("urn:wordvec:problem:unknown-word");
        assertThat(problem.getWords()).containsExactly("zzqx");

        ApiException noModel = catchApi(() -> new OpenaiApi(client).embeddings(new EmbeddingsRequest()
                .model("nope").input(new EmbeddingsInput("the king"))));
        assertThat(noModel.getCode()).isEqualTo(404);
        OpenAiError error = client.getObjectMapper().readValue(noModel.getResponseBody(), OpenAiError.class);
        assertThat(error.getError().getCode()).isEqualTo("model_not_found");

        client.setRequestInterceptor(null);
        WordsApi withoutKey = new WordsApi(client);
        assertThat(catchApi(() -> withoutKey.vector("king", null, null, null)).getCode()).isEqualTo(401);
    }

    private interface Call {
        void run() throws ApiException;
    }

    private static ApiException catchApi(Call call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }
}
