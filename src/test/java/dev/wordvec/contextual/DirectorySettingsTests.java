package dev.wordvec.contextual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wordvec.contextual.SentenceTransformer.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                Prompts.NONE));
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
                Prompts.NONE));
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
                .hasMessageContaining("sentence_bert_config.json: max_seq_length must be a whole number");
        write("sentence_bert_config.json", "{}");
        write("modules.json", "{\"0\": \"Transformer\"}");
        assertThatThrownBy(() -> DirectorySettings.read(dir)).hasMessageContaining("modules.json: not a list of modules");
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
