package dev.wordvec.contextual;

import static dev.wordvec.contextual.ContextualApiIntegrationTests.body;
import static dev.wordvec.testing.Oracle.cosine;
import static dev.wordvec.testing.Oracle.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A directory as sentence-transformers saves it (the network in {@code onnx/model.onnx}, its
 * {@code modules.json}, pooling config and {@code sentence_bert_config.json}) is served as
 * sentence-transformers would use it, with no settings of ours; settings given in the
 * configuration win over the directory's.
 *
 * <p>The directory holds MiniLM's networks (float32, and the quantised one under the name
 * sentence-transformers gives it) with a tokenizer that no longer lower-cases (and sets no
 * length), CLS pooling, no Normalize module, 256 tokens and {@code do_lower_case}: every one of
 * those shows in the answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.minilm.kind=contextual",
    "wordvec.models.st.kind=contextual",
    "wordvec.models.explicit.kind=contextual",
    "wordvec.models.st-q.kind=contextual",
    "wordvec.models.st-dense.kind=contextual",
    "wordvec.models.bare.kind=contextual",
    "wordvec.models.explicit.pooling=mean",
    "wordvec.models.explicit.normalize=true",
    "wordvec.models.explicit.max-tokens=128",
    "wordvec.default-model=minilm",
})
class SentenceTransformersDirectoryIntegrationTests extends RunningService {

    private static final Path DIR = directory();
    /** The same network through mean pooling, two Dense modules and Normalize (reference/minilm-dense). */
    private static final Path DENSE_DIR = denseDirectory();
    /** The network, a tokenizer that sets no length and config.json: no sentence-transformers file. */
    private static final Path BARE_DIR = bareDirectory();

    /** The copies of the networks are 113 MB: leave nothing behind in the temporary directory. */
    @AfterAll
    static void deleteDirectory() throws IOException {
        FileSystemUtils.deleteRecursively(DIR);
        FileSystemUtils.deleteRecursively(DENSE_DIR);
        FileSystemUtils.deleteRecursively(BARE_DIR);
    }

    @DynamicPropertySource
    static void paths(DynamicPropertyRegistry registry) {
        registry.add("wordvec.models.st.path", DIR::toString);
        registry.add("wordvec.models.explicit.path", DIR::toString);
        registry.add("wordvec.models.st-dense.path", DENSE_DIR::toString);
        registry.add("wordvec.models.bare.path", BARE_DIR::toString);
        registry.add("wordvec.models.st-q.path", () -> DIR.resolve("onnx/model_qint8_avx512_vnni.onnx").toString());
    }

    private static Path directory() {
        try {
            Path dir = Files.createTempDirectory("wordvec-st-export");
            Files.createDirectories(dir.resolve("onnx"));
            Files.createDirectories(dir.resolve("1_Pooling"));
            try (InputStream in = EncoderFiles.builtIn(false).onnx().open()) {
                Files.copy(in, dir.resolve("onnx/model.onnx"));
            }
            try (InputStream in = EncoderFiles.builtIn(true).onnx().open()) {
                Files.copy(in, dir.resolve("onnx/model_qint8_avx512_vnni.onnx"));
            }
            JsonMapper json = JsonMapper.builder().build();
            ObjectNode tokenizer;
            try (InputStream in = EncoderFiles.builtIn(false).tokenizer().open()) {
                tokenizer = (ObjectNode) json.readTree(in);
            }
            ((ObjectNode) tokenizer.get("normalizer")).put("lowercase", false);
            tokenizer.putNull("truncation");
            Files.writeString(dir.resolve("tokenizer.json"), json.writeValueAsString(tokenizer));
            Files.writeString(dir.resolve("modules.json"), """
                    [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                     {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]""");
            Files.writeString(dir.resolve("1_Pooling/config.json"), """
                    {"word_embedding_dimension": 384, "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}""");
            Files.writeString(dir.resolve("sentence_bert_config.json"), """
                    {"max_seq_length": 256, "do_lower_case": true}""");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path denseDirectory() {
        try {
            Path dir = Files.createTempDirectory("wordvec-st-dense");
            Files.createSymbolicLink(dir.resolve("model.onnx"), DIR.resolve("onnx/model.onnx"));
            try (InputStream in = EncoderFiles.builtIn(false).tokenizer().open()) {
                Files.copy(in, dir.resolve("tokenizer.json"));
            }
            Files.writeString(dir.resolve("modules.json"), DirectorySettingsTests.MODULES_WITH_DENSE);
            Files.createDirectories(dir.resolve("1_Pooling"));
            Files.writeString(dir.resolve("1_Pooling/config.json"), """
                    {"word_embedding_dimension": 384, "pooling_mode_mean_tokens": true}""");
            DirectorySettingsTests.copyDenseFolders(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The network's positions are given as 300 (BERT's are 512): a length nothing else sets is
     * taken from there, as sentence-transformers takes it.
     */
    private static Path bareDirectory() {
        try {
            Path dir = Files.createTempDirectory("wordvec-bare");
            Files.createSymbolicLink(dir.resolve("model.onnx"), DIR.resolve("onnx/model.onnx"));
            Files.copy(DIR.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
            Files.writeString(dir.resolve("config.json"), """
                    {"model_type": "bert", "max_position_embeddings": 300}""");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Dense modules change the sentence vectors (and their length) on every route that gives them,
     * never the token vectors: sentence-transformers' values (the reference's two texts), 16
     * dimensions on /sentence-vector, TEI's /embed and /v1/embeddings; 384 on /token-vectors.
     */
    @Test
    void denseModulesMakeTheSentenceVectors() throws IOException {
        JsonNode expected = JsonMapper.builder().build().readTree(
                DirectorySettingsTests.DENSE.resolve("expected.json").toFile());
        for (JsonNode sentence : expected.get("sentences")) {
            String text = sentence.get("text").asString();
            float[] vector = sentenceVector("st-dense", text);
            assertThat(cosine(vector, MiniLmReferenceTests.floats(sentence.get("embedding")))).as(text)
                    .isGreaterThanOrEqualTo(0.99999);
            Response tei = http.post("/embed?model=st-dense", body(Map.of("inputs", text)));
            assertThat(tei.status()).as(tei.body()).isEqualTo(200);
            assertThat(Http.floats(tei.json().get(0))).containsExactly(vector, within(1e-6f));
            Response openAi = http.post("/v1/embeddings", body(Map.of("model", "st-dense", "input", text)));
            assertThat(openAi.status()).as(openAi.body()).isEqualTo(200);
            assertThat(Http.floats(openAi.get("data").get(0).get("embedding"))).containsExactly(vector, within(1e-6f));
        }
        Response tokens = tokenVectors("st-dense", "The bat flew.");
        assertThat(tokens.get("dimension").asInt()).isEqualTo(384);
        assertThat(tokens.get("tokens").get(0).get("vector").size()).isEqualTo(384);
        Response sentence = http.post("/sentence-vector", body(Map.of("model", "st-dense", "text", "The bat flew.")));
        assertThat(sentence.get("dimension").asInt()).isEqualTo(16);
    }

    @Test
    void theDirectorysFilesSayHowItsVectorsAreMade() {
        String text = "The Cat SAT on the MAT.";
        Response tokens = tokenVectors("st", text);
        // do_lower_case: the tokenizer (which here keeps case) sees "the cat sat on the mat."
        assertThat(tokens.get("tokens").get(1).get("token").asString()).isEqualTo("the");
        assertThat(tokens.get("tokens").get(3).get("token").asString()).isEqualTo("sat");
        float[] cls = Http.floats(tokens.get("tokens").get(0).get("vector"));
        // CLS pooling and no Normalize module: the sentence vector is [CLS]'s hidden state as it is.
        float[] sentence = sentenceVector("st", text);
        assertThat(sentence).containsExactly(cls);
        assertThat(norm(sentence)).isGreaterThan(1.5);
        // The answers name the pooling that made the vector, not a word weighting.
        Response answer = http.post("/sentence-vector", body(Map.of("model", "st", "text", text)));
        assertThat(answer.get("pooling").asString()).isEqualTo("cls");
        assertThat(answer.get("weighting").isNull()).as(answer.body()).isTrue();
        Response compared = http.post("/similarity", body(Map.of("model", "st", "text1", text, "text2", "A dog.")));
        assertThat(compared.get("pooling").asString()).isEqualTo("cls");
    }

    @Test
    void modelsSaysWhereEachSettingLanded() {
        Map<String, String> encoders = new java.util.HashMap<>();
        http.get("/models").get("models").forEach(m -> encoders.put(m.get("name").asString(), m.get("encoder").toString()));
        assertThat(encoders).containsEntry("st",
                "{\"pooling\":\"cls\",\"normalize\":false,\"maxTokens\":256,\"lowerCase\":true,\"prompts\":[],\"defaultPrompt\":null,\"dense\":[],\"truncateDim\":null}");
        assertThat(encoders).containsEntry("explicit",
                "{\"pooling\":\"mean\",\"normalize\":true,\"maxTokens\":128,\"lowerCase\":true,\"prompts\":[],\"defaultPrompt\":null,\"dense\":[],\"truncateDim\":null}");
        // One network of the export, the quantised one: the export's settings, and found to quantise.
        assertThat(encoders).containsEntry("st-q",
                "{\"pooling\":\"cls\",\"normalize\":false,\"maxTokens\":256,\"lowerCase\":true,\"prompts\":[],\"defaultPrompt\":null,\"dense\":[],\"truncateDim\":null}");
        http.get("/models").get("models").forEach(m -> assertThat(m.get("dtype").asString())
                .as(m.get("name").asString()).isEqualTo(m.get("name").asString().equals("st-q") ? "int8" : "float32"));
        assertThat(encoders).containsEntry("st-dense", "{\"pooling\":\"mean\",\"normalize\":true,\"maxTokens\":128,"
                + "\"lowerCase\":false,\"prompts\":[],\"defaultPrompt\":null,\"dense\":[{\"in\":384,\"out\":48,"
                + "\"activation\":\"tanh\"},{\"in\":48,\"out\":16,\"activation\":\"identity\"}],\"truncateDim\":null}");
        assertThat(encoders).containsEntry("minilm",
                "{\"pooling\":\"mean\",\"normalize\":true,\"maxTokens\":128,\"lowerCase\":false,\"prompts\":[],\"defaultPrompt\":null,\"dense\":[],\"truncateDim\":null}");
    }

    @Test
    void settingsInTheConfigurationWinOverTheDirectorys() {
        String text = "The Cat SAT on the MAT.";
        float[] builtIn = sentenceVector("minilm", text);
        float[] explicit = sentenceVector("explicit", text);
        assertThat(cosine(explicit, builtIn)).isGreaterThan(0.999999);
        assertThat(norm(explicit)).isCloseTo(1.0, within(1e-6));
    }

    /** max_seq_length 256 cuts where the tokenizer file sets no length; the configured 128 cuts there. */
    @Test
    void theLengthIsSentenceBertConfigs() {
        String text = "word ".repeat(300).trim();
        Response st = tokenVectors("st", text);
        assertThat(st.get("truncated").asBoolean()).isTrue();
        assertThat(st.get("tokens").size()).isEqualTo(256);
        String shorter = "word ".repeat(198).trim();
        assertThat(tokenVectors("st", shorter).get("truncated").asBoolean()).isFalse();
        assertThat(tokenVectors("st", shorter).get("tokens").size()).isEqualTo(200);
        Response explicit = tokenVectors("explicit", shorter);
        assertThat(explicit.get("truncated").asBoolean()).isTrue();
        assertThat(explicit.get("tokens").size()).isEqualTo(128);
    }

    /**
     * With no length in any settings file and none in tokenizer.json, texts are cut at the
     * network's positions (DJL's tokenizer would take the file's fixed padding, 128, or 512).
     */
    @Test
    void withNoLengthSetTheNetworksPositionsCut() {
        Response cut = tokenVectors("bare", "word ".repeat(400).trim());
        assertThat(cut.get("truncated").asBoolean()).isTrue();
        assertThat(cut.get("tokens").size()).isEqualTo(300);
        Response whole = tokenVectors("bare", "word ".repeat(298).trim());
        assertThat(whole.get("truncated").asBoolean()).isFalse();
        assertThat(whole.get("tokens").size()).isEqualTo(300);
    }

    private Response tokenVectors(String model, String text) {
        Response response = http.post("/token-vectors", body(Map.of("model", model, "text", text)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private float[] sentenceVector(String model, String text) {
        Response response = http.post("/sentence-vector", body(Map.of("model", model, "text", text)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Http.floats(response.get("results").get(0).get("vector"));
    }


}
