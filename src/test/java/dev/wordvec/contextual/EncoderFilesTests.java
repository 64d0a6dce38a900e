package dev.wordvec.contextual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a contextual model's files are found, and whether its network quantises as it runs. */
class EncoderFilesTests {

    @TempDir
    Path dir;

    /** The positions a network has, from config.json as transformers writes it; RoBERTa's start after padding. */
    @Test
    void theNetworksPositionsComeFromItsConfig() throws IOException {
        assertThat(EncoderFiles.builtIn(false).positions()).isEqualTo(512);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("model.onnx"), "float32");
        assertThat(EncoderFiles.directory(dir).positions()).as("no config.json").isZero();
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\", \"max_position_embeddings\": 8192}");
        assertThat(EncoderFiles.directory(dir).positions()).isEqualTo(8192);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"xlm-roberta\", \"pad_token_id\": 1, "
                + "\"max_position_embeddings\": 514}");
        assertThat(EncoderFiles.directory(dir).positions()).isEqualTo(512);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"mpnet\", \"max_position_embeddings\": 514}");
        assertThat(EncoderFiles.directory(dir).positions()).isEqualTo(512);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\"");
        assertThatThrownBy(() -> EncoderFiles.directory(dir).positions()).isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir.resolve("config.json") + ": not valid JSON");
    }

    /** The length tokenizer.json cuts at itself: its truncation's max_length, none when it sets no truncation. */
    @Test
    void theTokenizerFilesOwnLength() throws IOException {
        assertThat(EncoderFiles.builtIn(false).tokenizerLength()).isEqualTo(128);
        Files.writeString(dir.resolve("model.onnx"), "float32");
        Files.writeString(dir.resolve("tokenizer.json"), "{\"truncation\": null, \"padding\": {\"strategy\": "
                + "{\"Fixed\": 128}}}");
        assertThat(EncoderFiles.directory(dir).tokenizerLength()).isZero();
        Files.writeString(dir.resolve("tokenizer.json"), "{\"truncation\": {\"max_length\": 8192}}");
        assertThat(EncoderFiles.directory(dir).tokenizerLength()).isEqualTo(8192);
        Files.writeString(dir.resolve("tokenizer.json"), "{\"truncation\": ");
        assertThatThrownBy(() -> EncoderFiles.directory(dir).tokenizerLength()).isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir.resolve("tokenizer.json") + ": not valid JSON");
    }

    @Test
    void aDirectoryOrOneOfItsNetworksFindsTheTokenizerAndTheSettings() throws IOException {
        Files.createDirectories(dir.resolve("onnx"));
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("onnx/model.onnx"), "float32");
        Files.writeString(dir.resolve("onnx/model_qint8_avx512_vnni.onnx"), "int8");

        EncoderFiles whole = EncoderFiles.directory(dir);
        assertThat(whole.onnxFile()).isEqualTo(dir.resolve("onnx/model.onnx"));
        assertThat(whole.export()).isEqualTo(dir);

        // One network of the export, in onnx/: the tokenizer and settings are one level up.
        EncoderFiles one = EncoderFiles.directory(dir.resolve("onnx/model_qint8_avx512_vnni.onnx"));
        assertThat(one.onnxFile()).isEqualTo(dir.resolve("onnx/model_qint8_avx512_vnni.onnx"));
        assertThat(one.export()).isEqualTo(dir);
        try (var in = one.tokenizer().open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
        }

        // Optimum's layout: model.onnx beside tokenizer.json, which wins over onnx/.
        Files.writeString(dir.resolve("model.onnx"), "optimum");
        assertThat(EncoderFiles.directory(dir).onnxFile()).isEqualTo(dir.resolve("model.onnx"));
        assertThat(EncoderFiles.directory(dir.resolve("model.onnx")).export()).isEqualTo(dir);
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Files.createDirectories(dir.resolve("onnx"));
        Files.writeString(dir.resolve("onnx/model.onnx"), "float32");
        assertThatThrownBy(() -> EncoderFiles.directory(dir.resolve("onnx/model.onnx")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageStartingWith(dir.resolve("tokenizer.json") + " is missing");
        Files.createDirectories(dir.resolve("elsewhere"));
        assertThatThrownBy(() -> EncoderFiles.directory(dir.resolve("elsewhere")))
                .hasMessageStartingWith(dir.resolve("elsewhere/model.onnx") + " is missing");
        assertThatThrownBy(() -> EncoderFiles.directory(dir.resolve("nowhere")))
                .hasMessageStartingWith(dir.resolve("nowhere") + " does not exist: a contextual model's path is");
        // A word-vector file given to a contextual model by mistake.
        Path vectors = Files.writeString(dir.resolve("glove.txt"), "the 0.1 0.2\n");
        assertThatThrownBy(() -> EncoderFiles.directory(vectors)).isInstanceOf(FileNotFoundException.class)
                .hasMessageStartingWith(vectors + " is a file, not an .onnx file or a directory")
                .hasMessageEndingWith("(a word-vector file is a model of kind words, the default)");
        // A model as its page on Hugging Face holds it, with PyTorch weights and no ONNX export.
        Path hub = Files.createDirectories(dir.resolve("hub"));
        Files.writeString(hub.resolve("tokenizer.json"), "{}");
        Files.writeString(hub.resolve("model.safetensors"), "weights");
        assertThatThrownBy(() -> EncoderFiles.directory(hub))
                .hasMessageStartingWith(hub.resolve("model.onnx") + " is missing")
                .hasMessageContaining(hub + " holds model.safetensors, PyTorch weights, which wordvec does not run: "
                        + "export them to ONNX with `optimum-cli export onnx --model " + hub
                        + " --task feature-extraction OUT`");
        // The hint is for a missing network only: a missing tokenizer is named alone.
        Files.delete(hub.resolve("tokenizer.json"));
        Files.writeString(hub.resolve("model.onnx"), "float32");
        assertThatThrownBy(() -> EncoderFiles.directory(hub))
                .hasMessageStartingWith(hub.resolve("tokenizer.json") + " is missing")
                .hasMessageNotContaining("optimum-cli");
    }

    @Test
    void dynamicQuantisationIsFoundInTheNetwork() throws IOException {
        assertThat(EncoderFiles.builtIn(true).quantizesActivations()).isTrue();
        assertThat(EncoderFiles.builtIn(false).quantizesActivations()).isFalse();
        // The op's name across the boundary of two reads, after a near miss.
        byte[] bytes = new byte[(1 << 20) + 64];
        byte[] name = "DynamicQuantizeLinear".getBytes(StandardCharsets.US_ASCII);
        byte[] nearMiss = "DynamicQuantiDynamic".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nearMiss, 0, bytes, (1 << 20) - 40, nearMiss.length);
        System.arraycopy(name, 0, bytes, (1 << 20) - 7, name.length);
        Files.write(dir.resolve("model.onnx"), bytes);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertThat(EncoderFiles.directory(dir).quantizesActivations()).isTrue();
        bytes[(1 << 20) + 2] = 'q';
        Files.write(dir.resolve("model.onnx"), bytes);
        assertThat(EncoderFiles.directory(dir).quantizesActivations()).isFalse();
    }
}
