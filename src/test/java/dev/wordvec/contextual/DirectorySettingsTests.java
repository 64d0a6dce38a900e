package dev.wordvec.contextual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.wordvec.contextual.SentenceTransformer.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sentence-transformers directory's own files say, as {@code SentenceTransformer.save} writes them. */
class DirectorySettingsTests {

    @TempDir
    Path dir;

    /** BAAI/bge-small-en-v1.5's files, abridged: CLS pooling, a Normalize module, 512 tokens. */
    @Test
    void readsPoolingNormalisationAndLength() throws IOException {
        write("modules.json", """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]""");
        write("1_Pooling/config.json", """
                {"word_embedding_dimension": 384, "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false,
                 "pooling_mode_max_tokens": false, "pooling_mode_mean_sqrt_len_tokens": false}""");
        write("sentence_bert_config.json", """
                {"max_seq_length": 512, "do_lower_case": true}""");
        assertThat(DirectorySettings.read(dir)).isEqualTo(new DirectorySettings(Pooling.CLS, true, 512, true,
                Prompts.NONE, List.of(), 0));
    }

    @Test
    void modulesNameWhereThePoolingConfigIs() throws IOException {
        write("modules.json", """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "pool", "type": "sentence_transformers.models.Pooling"}]""");
        write("pool/config.json", """
                {"pooling_mode_lasttoken": true}""");
        write("1_Pooling/config.json", """
                {"pooling_mode_max_tokens": true}""");
        assertThat(DirectorySettings.read(dir)).isEqualTo(new DirectorySettings(Pooling.LAST_TOKEN, false, 0, false,
                Prompts.NONE, List.of(), 0));
    }

    /**
     * config_sentence_transformers.json as sentence-transformers 3 writes it for a model with
     * prompts (Snowflake's arctic-embed, abridged), and a Pooling config that leaves the prompt out.
     */
    @Test
    void readsThePromptsAndWhetherTheyArePooled() throws IOException {
        write("config_sentence_transformers.json", """
                {"__version__": {"sentence_transformers": "3.0.1"},
                 "prompts": {"query": "Represent this sentence for searching relevant passages: ", "document": ""},
                 "default_prompt_name": null, "similarity_fn_name": "cosine"}""");
        Prompts prompts = DirectorySettings.read(dir).prompts();
        assertThat(prompts.byName()).containsExactly(
                java.util.Map.entry("query", "Represent this sentence for searching relevant passages: "),
                java.util.Map.entry("document", ""));
        assertThat(prompts.defaultName()).isNull();
        assertThat(prompts.pooled()).isTrue();
        assertThat(prompts.text(null)).isNull();
        assertThat(prompts.text("document")).isEmpty();
        assertThatThrownBy(() -> prompts.text("passage")).hasMessage("its prompts are query, document");
        write("1_Pooling/config.json", """
                {"pooling_mode_mean_tokens": true, "include_prompt": false}""");
        write("config_sentence_transformers.json", """
                {"prompts": {"query": "query: "}, "default_prompt_name": "query"}""");
        Prompts instructed = DirectorySettings.read(dir).prompts();
        assertThat(instructed).isEqualTo(new Prompts(java.util.Map.of("query", "query: "), "query", false));
        assertThat(instructed.text(null)).isEqualTo("query: ");

        write("config_sentence_transformers.json", """
                {"prompts": {"query": "query: "}, "default_prompt_name": "passage"}""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("config_sentence_transformers.json: default_prompt_name 'passage' is not among "
                        + "the prompts [query]");
        write("config_sentence_transformers.json", """
                {"prompts": ["query: "]}""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("prompts must be an object");
        write("config_sentence_transformers.json", """
                {"prompts": {"query": 1}}""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("prompt 'query' must be a text");
    }

    @Test
    void absentFilesLeaveEverythingUnknown() throws IOException {
        assertThat(DirectorySettings.read(dir)).isEqualTo(DirectorySettings.NONE);
        // transformers' "no limit" is not a limit; a real one is.
        write("tokenizer_config.json", """
                {"model_max_length": 1000000000000000019884624838656}""");
        assertThat(DirectorySettings.read(dir).maxTokens()).isZero();
        write("tokenizer_config.json", """
                {"model_max_length": 512}""");
        assertThat(DirectorySettings.read(dir).maxTokens()).isEqualTo(512);
        // sentence_bert_config.json's length wins over the tokenizer's.
        write("sentence_bert_config.json", """
                {"max_seq_length": 256}""");
        assertThat(DirectorySettings.read(dir).maxTokens()).isEqualTo(256);
    }

    @Test
    void aWrongFileFailsNamingItAndTheReason() throws IOException {
        write("1_Pooling/config.json", """
                {"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": true}""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("1_Pooling/config.json").toString())
                .hasMessageContaining("[pooling_mode_cls_token, pooling_mode_mean_tokens] are all on");
        write("1_Pooling/config.json", "{}");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("no pooling mode is on");
        write("1_Pooling/config.json", "{\"pooling_mode_mean_tokens\": true");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("config.json: not valid JSON");
        write("1_Pooling/config.json", "{\"pooling_mode_mean_tokens\": true}");
        write("sentence_bert_config.json", "{\"max_seq_length\": \"long\"}");
        assertThatThrownBy(() -> DirectorySettings.read(dir))
                .hasMessageContaining("sentence_bert_config.json: the maximum length (max_seq_length, or "
                        + "processing_kwargs' max_length) must be a whole number of tokens (at least 2), not \"long\"");
        write("sentence_bert_config.json", "{}");
        write("modules.json", "{\"0\": \"Transformer\"}");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("modules.json: not a list of modules");
    }

    /**
     * Dense modules after the pooling, read from their folders (the two of
     * src/test/resources/reference/minilm-dense, made by its make_dense.py): sizes, bias,
     * activation and weights as the safetensors file holds them.
     */
    @Test
    void readsTheDenseModulesInOrder() throws IOException {
        copyDenseFolders();
        write("modules.json", MODULES_WITH_DENSE);
        List<DenseLayer> dense = DirectorySettings.read(dir).dense();
        assertThat(dense).extracting(DenseLayer::in, DenseLayer::out, DenseLayer::activation)
                .containsExactly(tuple(384, 48, "tanh"), tuple(48, 16, "identity"));
        assertThat(dense.get(0).bias()).hasSize(48);
        assertThat(dense.get(1).bias()).isNull();
        assertThat(dense.get(0).weights()).hasSize(48 * 384);
        // With x the first unit vector, a layer with no bias and no activation gives the weights' first column.
        float[] x = new float[48];
        x[0] = 1;
        assertThat(dense.get(1).apply(x)[1]).isEqualTo(dense.get(1).weights()[48]);
        assertThatThrownBy(() -> dense.get(1).apply(new float[47])).hasMessageContaining("takes vectors of 48 values, not 47");
    }

    /** What sentence-transformers would run but wordvec does not fails the load, naming the file and the module. */
    @Test
    void modulesWordvecDoesNotRunFailTheLoad() throws IOException {
        copyDenseFolders();
        write("modules.json", """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_LayerNorm", "type": "sentence_transformers.models.LayerNorm"}]""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("modules.json") + ": module '2_LayerNorm' is "
                        + "sentence_transformers.models.LayerNorm, which wordvec does not run");
        write("modules.json", """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
                 {"idx": 2, "name": "2", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("Dense module '2_Dense' comes before "
                + "the Pooling module");
        write("modules.json", """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
                 {"idx": 3, "name": "3", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}]""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("module '2_Dense' "
                + "(sentence_transformers.models.Dense) comes after Normalize");
    }

    @Test
    void aWrongDenseModuleFailsNamingItsFile() throws IOException {
        copyDenseFolders();
        write("modules.json", MODULES_WITH_DENSE);
        Path weights = dir.resolve("2_Dense/model.safetensors");
        Path config = dir.resolve("2_Dense/config.json");
        String original = Files.readString(config);

        write("2_Dense/config.json", original.replace("\"in_features\": 384", "\"in_features\": 768"));
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining(weights
                + ": linear.weight has shape [48, 384], but config.json says 768 in and 48 out");
        write("2_Dense/config.json", original.replace("Tanh", "GELU"));
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining(config
                + ": activation_function torch.nn.modules.activation.GELU is not one wordvec computes");
        write("2_Dense/config.json", original.replace("\"out_features\": 48", "\"out_features\": \"48\""));
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining(config
                + ": out_features must be a positive whole number, not \"48\"");
        write("2_Dense/config.json", original.replace("\"out_features\": 48", "\"out_features\": 4800000000"));
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining(config
                + ": out_features must be a positive whole number, not 4800000000");
        write("2_Dense/config.json", original);

        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining(weights
                + ": not a safetensors file wordvec can read");
        Files.delete(weights);
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining(dir.resolve("2_Dense")
                + ": a Dense module's weights are in model.safetensors or pytorch_model.bin, and the folder has neither");
        write("2_Dense/pytorch_model.bin", "a pickle");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining(dir.resolve("2_Dense/pytorch_model.bin")
                + ": not a zip");
        Files.delete(dir.resolve("2_Dense/pytorch_model.bin"));
        // The bias that config.json asks for must be there.
        Files.copy(DENSE.resolve("3_Dense/model.safetensors"), weights);
        write("2_Dense/config.json", "{\"in_features\": 48, \"out_features\": 16, \"bias\": true}");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining(weights + ": holds no linear.bias, "
                + "which config.json's bias asks for");
    }

    /** Older modules keep their weights in PyTorch's pytorch_model.bin: the same layer as from safetensors. */
    @Test
    void aDenseModuleReadsPyTorchsCheckpointAsItsSafetensors() throws IOException {
        DenseLayer safetensors = DenseLayer.read(DENSE.resolve("2_Dense"));
        DenseLayer checkpoint = DenseLayer.read(DENSE.resolve("2_Dense_bin"));
        java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 3; trial++) {
            float[] vector = new float[384];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) random.nextGaussian();
            }
            assertThat(checkpoint.apply(vector)).containsExactly(safetensors.apply(vector));
        }
    }

    /**
     * A directory in sentence-transformers 6's form: {@code pooling_mode} as one setting (the
     * Pooling config is google/embeddinggemma-2's), the length in {@code processing_kwargs}, module
     * settings naming their input and output. The modules' package path is not checked, only
     * their class name.
     */
    @Test
    void readsSentenceTransformers6Files() throws IOException {
        write("modules.json", """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.base.modules.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.base.modules.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.base.modules.Normalize"}]""");
        write("1_Pooling/config.json", """
                {"embedding_dimension": 768, "pooling_mode": "mean", "include_prompt": true}""");
        write("2_Normalize/config.json", """
                {"module_input_name": "sentence_embedding", "module_output_name": "sentence_embedding"}""");
        write("sentence_bert_config.json", """
                {"transformer_task": "feature-extraction", "max_seq_length": 512,
                 "processing_kwargs": {"text": {"truncation": true, "max_length": 2048}},
                 "modality_config": {"text": {"method": "forward", "method_output_name": "last_hidden_state"}},
                 "module_output_name": "token_embeddings"}""");
        assertThat(DirectorySettings.read(dir)).isEqualTo(new DirectorySettings(Pooling.MEAN, true, 2048, false,
                Prompts.NONE, List.of(), 0));
        write("sentence_bert_config.json", """
                {"processing_kwargs": {"common": {"max_length": 300}}}""");
        assertThat(DirectorySettings.read(dir).maxTokens()).isEqualTo(300);
        for (var mode : java.util.Map.of("\"cls\"", Pooling.CLS, "[\"lasttoken\"]", Pooling.LAST_TOKEN, "\"weightedmean\"",
                Pooling.WEIGHTED_MEAN, "\"mean_sqrt_len_tokens\"", Pooling.MEAN_SQRT_LEN, "\"max\"", Pooling.MAX).entrySet()) {
            write("1_Pooling/config.json", "{\"pooling_mode\": " + mode.getKey() + "}");
            assertThat(DirectorySettings.read(dir).pooling()).as(mode.getKey()).isEqualTo(mode.getValue());
        }
        write("1_Pooling/config.json", "{\"pooling_mode\": [\"cls\", \"mean\"]}");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("pooling_mode [\"cls\",\"mean\"] names "
                + "2 modes (sentence-transformers concatenates them)");
        write("1_Pooling/config.json", "{\"pooling_mode\": \"avg\"}");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("pooling_mode \"avg\" is not one of "
                + "[cls, lasttoken, max, mean, mean_sqrt_len_tokens, weightedmean]");
        write("1_Pooling/config.json", "{\"pooling_mode\": \"mean\"}");
        // A Normalize (or Dense) module over something else than the sentence vector is refused.
        write("2_Normalize/config.json", """
                {"module_input_name": "token_embeddings"}""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining(dir.resolve("2_Normalize/config.json")
                + ": this Normalize module's module_input_name is \"token_embeddings\"");
    }

    /** Older sentence-transformers named the Transformer's settings file after the network. */
    @Test
    void readsTheTransformerSettingsUnderTheirOlderNames() throws IOException {
        write("sentence_xlm-roberta_config.json", """
                {"max_seq_length": 128, "do_lower_case": true}""");
        assertThat(DirectorySettings.read(dir).maxTokens()).isEqualTo(128);
        assertThat(DirectorySettings.read(dir).lowerCase()).isTrue();
        write("sentence_bert_config.json", """
                {"max_seq_length": 256}""");
        assertThat(DirectorySettings.read(dir).maxTokens()).isEqualTo(256);
    }

    @Test
    void aDenseModuleOverTokenVectorsIsRefused() throws IOException {
        copyDenseFolders();
        write("modules.json", MODULES_WITH_DENSE);
        String config = Files.readString(dir.resolve("2_Dense/config.json"));
        write("2_Dense/config.json", config.replace("}", ", \"module_input_name\": \"token_embeddings\"}"));
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("2_Dense/config.json: this Dense "
                + "module's module_input_name is \"token_embeddings\"; wordvec runs Dense on the sentence vector only");
        write("2_Dense/config.json", config.replace("}", ", \"module_input_name\": \"sentence_embedding\", "
                + "\"module_output_name\": \"sentence_embedding\"}"));
        assertThat(DirectorySettings.read(dir).dense()).hasSize(2);
    }

    /** config_sentence_transformers.json's truncate_dim, and a model_type that is not a sentence embedder. */
    @Test
    void readsTruncateDimAndRefusesOtherModelTypes() throws IOException {
        write("config_sentence_transformers.json", """
                {"model_type": "SentenceTransformer", "truncate_dim": 256, "prompts": {}}""");
        assertThat(DirectorySettings.read(dir).truncateDim()).isEqualTo(256);
        write("config_sentence_transformers.json", """
                {"truncate_dim": 0}""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("truncate_dim must be a positive "
                + "whole number, not 0");
        write("config_sentence_transformers.json", """
                {"truncate_dim": 100000000000000000000}""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("truncate_dim must be a positive "
                + "whole number, not 100000000000000000000");
        write("config_sentence_transformers.json", """
                {"model_type": "CrossEncoder", "activation_fn": "torch.nn.modules.activation.Sigmoid"}""");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("config_sentence_transformers.json: "
                + "model_type is \"CrossEncoder\"; wordvec serves SentenceTransformer models");
        write("config_sentence_transformers.json", "{}");
        assertThat(DirectorySettings.read(dir).truncateDim()).isZero();
    }

    static final Path DENSE = Path.of("src/test/resources/reference/minilm-dense");

    static final String MODULES_WITH_DENSE = """
            [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
             {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
             {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
             {"idx": 3, "name": "3", "path": "3_Dense", "type": "sentence_transformers.models.Dense"},
             {"idx": 4, "name": "4", "path": "4_Normalize", "type": "sentence_transformers.models.Normalize"}]""";

    /** Copies the reference's two Dense folders into {@code target}. */
    static void copyDenseFolders(Path target) throws IOException {
        for (String folder : List.of("2_Dense", "3_Dense")) {
            Files.createDirectories(target.resolve(folder));
            for (String file : List.of("config.json", "model.safetensors")) {
                Files.copy(DENSE.resolve(folder).resolve(file), target.resolve(folder).resolve(file));
            }
        }
    }

    private void copyDenseFolders() throws IOException {
        copyDenseFolders(dir);
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
