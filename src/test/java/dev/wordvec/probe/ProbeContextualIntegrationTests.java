package dev.wordvec.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.RunningService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code probe} on a service whose default model is contextual (a sentence encoder, as a
 * text-embeddings deployment runs it), as {@code helm test} runs it: it has no words to ask for,
 * so the probe encodes a short text instead of failing on {@code /models/{name}/words}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.minilm.kind=contextual",
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.default-model=minilm",
})
class ProbeContextualIntegrationTests extends RunningService {

    @Test
    void aContextualDefaultModelIsAskedForATextsVector() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProbeCommand.run(new String[] {"probe", "http://localhost:" + port}, null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("model 'minilm' (contextual): a short text's vector has 384 dimensions");
    }

    /** host:port, as a person types it and curl takes it, is http; another scheme is refused, saying which work. */
    @Test
    void aUrlWithoutSchemeIsHttp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProbeCommand.run(new String[] {"probe", "localhost:" + port, "--ready"}, null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ready: http://localhost:" + port + "/readyz");

        ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertThat(ProbeCommand.run(new String[] {"probe", "ftp://localhost:" + port}, null,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(refused, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(refused.toString(StandardCharsets.UTF_8))
                .startsWith("'ftp://localhost:" + port + "' is not an http:// or https:// URL");
        for (String[] wait : new String[][] {{"--wait", "soon"}, {"--wait"}}) {
            ByteArrayOutputStream bad = new ByteArrayOutputStream();
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("probe", "localhost:" + port),
                    java.util.Arrays.stream(wait)).toArray(String[]::new);
            assertThat(ProbeCommand.run(args, null, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(bad, true, StandardCharsets.UTF_8))).isEqualTo(2);
            assertThat(bad.toString(StandardCharsets.UTF_8)).startsWith(wait.length == 2
                    ? "--wait is a whole number of seconds, not 'soon'\n" : "--wait needs a value\n");
        }
    }

    @Test
    void aFailureNamesTheWholeUrl() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProbeCommand.run(new String[] {"probe", "http://localhost:" + port + "/nowhere"}, null,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("probe failed: GET http://localhost:" + port + "/nowhere/readyz answered 404");
    }
}
