package dev.wordvec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/** The setting a start-up report suggests for one that does not exist. */
class SettingFailureAnalyzerTests {

    private static String advice(String name) {
        return SettingFailureAnalyzer.advice(ConfigurationPropertyName.of(name));
    }

    @Test
    void aTypoGetsTheSettingMeant() {
        assertThat(advice("wordvec.models.glove.dtpye")).startsWith("Did you mean wordvec.models.glove.dtype? "
                + "The settings there are wordvec.models.glove.path, wordvec.models.glove.format, ");
        assertThat(advice("wordvec.limits.max-wrods")).startsWith("Did you mean wordvec.limits.max-words? ");
        assertThat(advice("wordvec.http.api-kyes")).startsWith("Did you mean wordvec.http.api-keys? ");
        assertThat(advice("wordvec.models.glove.hnsw.efsearch")).doesNotStartWith("Did you mean");
        assertThat(advice("wordvec.models.glove.hnsw.ef-serach")).startsWith("Did you mean wordvec.models.glove.hnsw.ef-search? ");
    }

    @Test
    void aSectionOfItsOwnAndAnotherWordForAFileAreSuggestedToo() {
        assertThat(advice("wordvec.htp.api-keys")).startsWith("Did you mean wordvec.http? ");
        assertThat(advice("wordvec.models.glove.file")).startsWith("Did you mean wordvec.models.glove.path? ");
        assertThat(advice("wordvec.models.glove.file")).contains("wordvec.models.glove.unicode-errors.");
        assertThat(advice("wordvec.bogus")).startsWith("The settings there are wordvec.default-model, wordvec.models, ");
        // A model's dimensions are not its dtype, and a path takes no URL: no suggestion rather than a wrong one.
        assertThat(advice("wordvec.models.glove.dim")).startsWith("The settings there are ");
        assertThat(advice("wordvec.models.glove.url")).startsWith("The settings there are ");
        // A model named with a dot, which Spring reads as a name and a setting unless in brackets.
        assertThat(advice("wordvec.models.glove.6b.path")).isEqualTo("Did you mean wordvec.models.[glove.6b].path? "
                + "A name with a dot in it is written in brackets, or it is read as a name and a setting (in YAML, "
                + "the key \"[glove.6b]\", quoted).");
        assertThat(advice("wordvec.models.glove.6b.300d.hnsw.m")).startsWith("Did you mean "
                + "wordvec.models.[glove.6b.300d].hnsw.m? ");
        assertThat(advice("wordvec.models.glove.6b.bogus")).startsWith("The settings there are ");
        assertThat(SettingFailureAnalyzer.advice(ConfigurationPropertyName.of("wordvec.models.glove.6b.path"), true))
                .isEqualTo("In an environment variable _ separates the parts of a name, so a name there holds no _ or "
                        + "dot: WORDVEC_MODELS_GLOVE6B_PATH names the entry glove6b (a name with a dot is set in a "
                        + "configuration file, or in SPRING_APPLICATION_JSON).");
    }
}
