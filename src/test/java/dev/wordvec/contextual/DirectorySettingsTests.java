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
        assertThat(DirectorySettings.read(dir)).isEqualTo(new DirectorySettings(Pooling.CLS, true, 512, true));
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
        assertThat(DirectorySettings.read(dir)).isEqualTo(new DirectorySettings(Pooling.LAST_TOKEN, false, 0, false));
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
