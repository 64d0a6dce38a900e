package dev.wordvec.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelSettingTests {

    @Test
    void aNameWithADotIsWrittenInBrackets() {
        assertThat(ModelSetting.of("glove", "path")).isEqualTo("wordvec.models.glove.path");
        assertThat(ModelSetting.of("my_Model-2")).isEqualTo("wordvec.models.my_Model-2");
        assertThat(ModelSetting.of("glove.6B", "sif-reference")).isEqualTo("wordvec.models[glove.6B].sif-reference");
        assertThat(ModelSetting.of("glove.6B")).isEqualTo("wordvec.models[glove.6B]");
    }
}
