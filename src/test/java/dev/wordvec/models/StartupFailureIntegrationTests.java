package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wordvec.WordvecApplication;
import dev.wordvec.contextual.EncoderFiles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A model that cannot load stops the service from starting, with a message that says why and where. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureIntegrationTests {

    @TempDir
    Path tmp;

    private Throwable start(String... properties) {
        return catchThrowable(() -> new SpringApplicationBuilder(WordvecApplication.class)
                .properties("server.port=0")
                .properties(properties)
                .run()
                .close());
    }

    @Test
    void truncatedModelFileStopsStartupNamingFileAndLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("short.vec"), "3 2\nfoo 1 2\nbar 3 4\n");
        Throwable failure = start("wordvec.models.m.path=" + file);
        assertThat(failure).isInstanceOf(ModelLoadException.class)
                .hasMessage("Cannot load model file " + file + ", line 4: unexpected end of file after 2 of the 3 rows "
                        + "the header announces (truncated file?)");
    }

    /**
     * Spring Boot drops from a setting's name what it cannot hold: wordvec.models.Café.path named
     * the model "Caf", and the service answered to that name alone.
     */
    @Test
    void aModelNameSpringWouldCutStopsStartup(CapturedOutput output) {
        Throwable failure = start("wordvec.models.Café.path=src/test/resources/fixtures/test_glove.txt");
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.Café.path: the model name 'Café' holds 'é', which the name of a setting "
                        + "cannot: Spring Boot would read it as wordvec.models.Caf.path, a model named 'Caf'");
        assertThat(output.getOut() + output.getErr()).contains("Name the model with letters a-z or A-Z, digits, '_' "
                + "or '-' (in brackets, '.' too: wordvec.models[glove.6B].path); the name appears in URLs and "
                + "metrics.");
        // Names Spring keeps as they are still start.
        assertThat(start("wordvec.models.my_Model-2.path=src/test/resources/fixtures/test_glove.txt",
                "wordvec.models[glove.6B].path=src/test/resources/fixtures/test_glove.txt",
                "wordvec.default-model=glove.6B", "wordvec.models.my_Model-2.limit=2"))
                .as("names Spring keeps").isNull();
    }

    @Test
    void missingModelFileStopsStartup() {
        Throwable failure = start("wordvec.models.m.path=" + tmp.resolve("absent.txt"));
        assertThat(failure).isInstanceOf(ModelLoadException.class).hasMessageContaining("absent.txt")
                .hasMessageContaining("file does not exist");
    }

    /** The report names the model that failed and its setting, among others that loaded. */
    @Test
    void oneBadModelAmongGoodOnesStillStopsStartup(CapturedOutput output) throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "foo 1 2\nbar 3 oops\n");
        Throwable failure = start("wordvec.models.good.path=src/test/resources/fixtures/test_glove.txt",
                "wordvec.models.bad.path=" + bad, "wordvec.default-model=good");
        assertThat(failure).hasMessage("Cannot load model file " + bad + ", line 2: value 2 ('oops') is not a number");
        assertThat(((ModelLoadException) failure).model()).isEqualTo("bad");
        assertThat(output.getOut() + output.getErr())
                .contains("Model 'bad': Cannot load model file " + bad + ", line 2: value 2 ('oops') is not a number")
                .contains("Fix or replace the file named, or point the setting that names it at another one: "
                        + "wordvec.models.bad.path (and .format), or wordvec.models.bad.sif-reference for a SIF "
                        + "reference file.");
        Throwable dotted = start("wordvec.models[glove.6B].path=" + bad);
        assertThat(((ModelLoadException) dotted).model()).isEqualTo("glove.6B");
        assertThat(output.getOut() + output.getErr()).contains("wordvec.models[glove.6B].path (and .format)");
        // A contextual model has no .format or .sif-reference to be advised.
        Throwable contextual = start("wordvec.models.m.kind=contextual", "wordvec.models.m.path=" + bad);
        assertThat(((ModelLoadException) contextual).kind()).isEqualTo(ModelKind.CONTEXTUAL);
        assertThat(output.getOut() + output.getErr()).contains("Fix or replace the file named, or point "
                + "wordvec.models.m.path at another directory with model.onnx and tokenizer.json");
    }

    @Test
    void aSifReferenceSetThatCannotBeUsedStopsStartup() throws Exception {
        Throwable missing = start("wordvec.models.m.path=src/test/resources/models/phrases.vec",
                "wordvec.models.m.sif-reference=" + tmp.resolve("nope.txt"));
        assertThat(missing).isInstanceOf(ModelLoadException.class)
                .hasMessage("Cannot load model file " + tmp.resolve("nope.txt") + ": the SIF reference file does not exist");
        Path unknownWords = Files.writeString(tmp.resolve("ref.txt"), "zzz qqq\nthe\n");
        assertThat(start("wordvec.models.m.path=src/test/resources/models/phrases.vec",
                "wordvec.models.m.sif-reference=" + unknownWords)).hasMessageContaining("needs at least 2 lines with words "
                + "the model knows; it has 1");
        Path latin1 = Files.write(tmp.resolve("latin1.txt"), new byte[] {'t', 'h', 'e', '\n', (byte) 0xe9, '\n'});
        assertThat(start("wordvec.models.m.path=src/test/resources/models/phrases.vec",
                "wordvec.models.m.sif-reference=" + latin1)).hasMessageContaining(latin1 + ", line 2: the SIF reference "
                + "file: not valid UTF-8 text: byte 1 of the line, 0xe9");
    }

    @Test
    void aDefaultPromptThatIsNotAPromptStopsStartup(CapturedOutput output) {
        Throwable failure = start("wordvec.models.m.kind=contextual", "wordvec.models.m.prompts.query=query: ",
                "wordvec.models.m.default-prompt-name=passage");
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.m.default-prompt-name 'passage' is not among the prompts [query]");
        // A setting to change: the report says which, not "fix or replace the model file".
        assertThat(output.getOut() + output.getErr()).contains("Set wordvec.models.m.default-prompt-name to one of "
                + "[query], add the prompt under wordvec.models.m.prompts, or leave the setting out.")
                .doesNotContain("Fix or replace the model file");
    }

    /** More tokens than the network has positions for would fail at the first long text: refused at start. */
    @Test
    void moreTokensThanTheNetworkHasPositionsForStopsStartup(CapturedOutput output) {
        Throwable failure = start("wordvec.models.m.kind=contextual", "wordvec.models.m.max-tokens=1000");
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.m.max-tokens is 1000, more than the 512 tokens the network has positions "
                        + "for: a longer input would fail as it runs");
        assertThat(output.getOut() + output.getErr())
                .contains("Set wordvec.models.m.max-tokens to at most 512, or leave it out.");
    }

    /**
     * Fewer tokens than the tokenizer's own [CLS] and [SEP]: Hugging Face's tokenizer then cuts
     * nothing, so every text of any length would pass the maximum /models shows. Refused at start.
     */
    @Test
    void fewerTokensThanTheSpecialOnesStopsStartup(CapturedOutput output) {
        Throwable failure = start("wordvec.models.m.kind=contextual", "wordvec.models.m.max-tokens=1");
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.m.max-tokens is 1, fewer than the 2 special tokens the tokenizer puts "
                        + "around every text ([CLS], [SEP]): Hugging Face's tokenizer would then cut no text at all");
        assertThat(output.getOut() + output.getErr()).contains("Set wordvec.models.m.max-tokens to at least 3 (2 "
                + "leaves a text none of its own tokens), or leave it out.");
    }

    /**
     * With no config.json to give the network's positions, the network is run once at the length
     * it will be given: BERT's 512 positions, asked for 1000 tokens (set, or by tokenizer.json's
     * truncation), stop the start saying the length it runs on, where each long text got a 500.
     */
    @Test
    void aLengthTheNetworkCannotRunStopsStartupWhenNoConfigGivesItsPositions(CapturedOutput output)
            throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("no-config"));
        try (InputStream in = EncoderFiles.builtIn(false).onnx().open()) {
            Files.copy(in, dir.resolve("model.onnx"));
        }
        String tokenizer;
        try (InputStream in = EncoderFiles.builtIn(false).tokenizer().open()) {
            tokenizer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("tokenizer.json"), tokenizer);
        String model = "wordvec.models.m.path=" + dir;
        Throwable set = start("wordvec.models.m.kind=contextual", model, "wordvec.models.m.max-tokens=1000");
        assertThat(NestedExceptionUtils.getMostSpecificCause(set)).isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.m.max-tokens is 1000, but the network fails on inputs that long; it runs "
                        + "on 512 tokens (its directory has no config.json to say how many positions it has)");
        assertThat(output.getOut() + output.getErr()).contains("Set wordvec.models.m.max-tokens to at most 512.");
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode longer = (ObjectNode) json.readTree(tokenizer);
        assertThat(longer.get("truncation").get("max_length").asInt()).isEqualTo(128);
        ((ObjectNode) longer.get("truncation")).put("max_length", 900);
        Files.writeString(dir.resolve("tokenizer.json"), json.writeValueAsString(longer));
        Throwable tokenizerLength = start("wordvec.models.m.kind=contextual", model);
        assertThat(NestedExceptionUtils.getMostSpecificCause(tokenizerLength)).hasMessageStartingWith("model 'm': its "
                + "tokenizer.json or sentence-transformers settings let texts of 900 tokens through, but the network "
                + "fails on inputs that long; it runs on 512 tokens");
    }

    /**
     * A value that a setting of fixed choices does not take: the report lists the choices as a
     * configuration writes them (Spring Boot's own lists the Java constants, FASTTEXT_BIN) and the
     * value probably meant, for a list too; a value of another kind: what kind the setting takes.
     * (Values out of bounds: {@link #numbersOutOfRangeStopStartupNamingEachProperty}.)
     */
    @Test
    void aValueASettingDoesNotTakeStopsStartupListingTheValues(CapturedOutput output) {
        String model = "wordvec.models.m.path=src/test/resources/fixtures/test_glove.txt";
        assertThat(start(model, "wordvec.models.m.dtype=int4")).isNotNull();
        assertThat(start(model, "wordvec.models.m.case-fallback=exact,lowr")).isNotNull();
        assertThat(start(model, "wordvec.models.m.format=zzz")).isNotNull();
        assertThat(output.getOut() + output.getErr()).contains("wordvec.models.m.dtype = \"int4\" (set by "
                        + "\"wordvec.models.m.dtype\" from property source \"defaultProperties\"): 'int4' is not a value "
                        + "it takes.",
                "Did you mean wordvec.models.m.dtype=int8? wordvec.models.m.dtype takes float32, float16 or int8 "
                        + "(README.md, \"Configuration\").",
                "'lowr' is not a value it takes.",
                "Did you mean wordvec.models.m.case-fallback=exact,lower? wordvec.models.m.case-fallback takes a list "
                        + "(commas between) of exact, lower or capitalized",
                "'zzz' is not a value it takes.\n",
                "wordvec.models.m.format takes auto, glove, word2vec-text, fasttext-vec, word2vec-binary, fasttext-bin, ")
                .doesNotContain("Did you mean wordvec.models.m.format").doesNotContain("FASTTEXT_BIN");
        // Other kinds of value: what the setting takes, where Spring Boot names the Java type.
        assertThat(start(model, "wordvec.models.m.limit=abc")).isNotNull();
        assertThat(start(model, "wordvec.admin.reload-grace=5x")).isNotNull();
        assertThat(output.getOut() + output.getErr()).contains("wordvec.models.m.limit = \"abc\" (set by "
                        + "\"wordvec.models.m.limit\" from property source \"defaultProperties\") is not a whole number "
                        + "(at most 2147483647).",
                "Set wordvec.admin.reload-grace to a duration, such as 30s, 500ms or 2m (README.md, \"Configuration\").")
                .doesNotContain("@jakarta.validation.constraints.Min int");
    }

    /** Starts with {@code variables} as the process's environment. */
    private Throwable startWithEnvironment(Map<String, Object> variables, String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return catchThrowable(() -> new SpringApplicationBuilder(WordvecApplication.class)
                .environment(environment)
                .properties("server.port=0")
                .properties(properties)
                .run()
                .close());
    }

    /**
     * A setting nothing reads is a typo whose default would apply without a word (a model loaded in
     * float32 for {@code dtpye}, a service without keys for {@code htp.api-keys}): the start stops
     * naming it, in the sections with a class of their own too. System properties and environment
     * variables outside wordvec's sections are not checked, as Spring Boot does not check them: a
     * Kubernetes service named wordvec puts {@code WORDVEC_PORT} into every pod.
     */
    @Test
    void aSettingNothingReadsStopsStartupNamingIt(CapturedOutput output) {
        String model = "wordvec.models.m.path=src/test/resources/fixtures/test_glove.txt";
        for (String typo : new String[] {"wordvec.models.m.dtpye=float16", "wordvec.htp.api-keys=k",
                "wordvec.limits.max-wrods=5", "wordvec.http.api-kyes=k", "wordvec.tei.bogus=1"}) {
            String name = typo.substring(0, typo.indexOf('='));
            assertThat(NestedExceptionUtils.getMostSpecificCause(start(model, typo))).as(typo)
                    .isInstanceOf(org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException.class)
                    .hasMessage("The elements [" + name + "] were left unbound.");
        }
        // The report names the setting, its value and where it was set, and the one probably meant.
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START",
                "wordvec.models.m.dtpye = \"float16\" (set by \"wordvec.models.m.dtpye\" from property source "
                        + "\"defaultProperties\") is not a setting wordvec reads.",
                "Did you mean wordvec.models.m.dtype? The settings there are wordvec.models.m.path, ",
                "Did you mean wordvec.http? ", "Did you mean wordvec.limits.max-words? ")
                .doesNotContain("Bindable@");
        // A model's name given the file: the setting that takes it.
        assertThat(start("wordvec.models.glove=src/test/resources/fixtures/test_glove.txt")).isNotNull();
        assertThat(output.getOut() + output.getErr()).contains("wordvec.models.glove = \"src/test/resources/fixtures/"
                + "test_glove.txt\" gives a value to a model's name, which holds the model's settings.",
                "A model's file is wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt (a catalogue "
                + "model: wordvec.models.glove.source=NAME)");
        // A model named with a dot: the name in brackets, as the user wrote it.
        assertThat(start("wordvec.models.glove.6B.path=src/test/resources/fixtures/test_glove.txt")).isNotNull();
        assertThat(output.getOut() + output.getErr()).contains("Did you mean wordvec.models.[glove.6B].path? A name "
                + "with a dot in it is written in brackets");
        assertThat(start("wordvec.models.[glove.6B].path=src/test/resources/fixtures/test_glove.txt")).isNull();
        System.setProperty("wordvec.port", "tcp://10.0.0.1:8080");
        try {
            assertThat(start(model, "wordvec.http.api-keys=k", "wordvec.limits.max-words=5")).isNull();
        } finally {
            System.clearProperty("wordvec.port");
        }
    }

    /**
     * Environment variables are how a container is configured: one inside a section of settings is
     * checked as a file's setting is, and the report names the variable. Kubernetes' service
     * variables (for services named wordvec, wordvec-http, wordvec-models, ...) and variables outside
     * the sections (a client's WORDVEC_URL) are left alone.
     */
    @Test
    void anEnvironmentVariableInASectionThatNothingReadsStopsStartup(CapturedOutput output) {
        String model = "wordvec.models.m.path=src/test/resources/fixtures/test_glove.txt";
        Map<String, String> typos = Map.of(
                "WORDVEC_MODELS_M_DTPYE", "wordvec.models.m.dtpye",
                "WORDVEC_HTTP_APIKEY", "wordvec.http.apikey",
                "WORDVEC_LIMITS_MAXWRODS", "wordvec.limits.maxwrods",
                "WORDVEC_TEI_BOGUS", "wordvec.tei.bogus",
                // A model name cannot hold '_' in a variable: this is model "my"'s setting "model.path".
                "WORDVEC_MODELS_MY_MODEL_PATH", "wordvec.models.my.model.path");
        typos.forEach((variable, name) -> assertThat(NestedExceptionUtils.getMostSpecificCause(
                startWithEnvironment(Map.of(variable, "x"), model))).as(variable)
                .isInstanceOf(org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException.class)
                .hasMessage("The elements [" + name + "] were left unbound."));
        assertThat(output.getOut() + output.getErr()).contains("wordvec.models.my.model.path = \"x\" (set by System "
                + "Environment Property \"WORDVEC_MODELS_MY_MODEL_PATH\") is not a setting wordvec reads.",
                "In an environment variable _ separates the parts of a name, so a name there holds no _ or dot: "
                + "WORDVEC_MODELS_MYMODEL_PATH names the entry mymodel");

        Map<String, Object> platform = new java.util.HashMap<>();
        // Services named wordvec, wordvec-http, wordvec-models (whose WORDVEC_MODELS_PORT Spring reads
        // as a model named "port"), ...
        for (String service : new String[] {"WORDVEC", "WORDVEC_HTTP", "WORDVEC_LIMITS", "WORDVEC_MODELS",
                "WORDVEC_TEI", "WORDVEC_CATALOGUE"}) {
            platform.put(service + "_SERVICE_HOST", "10.0.0.1");
            platform.put(service + "_SERVICE_PORT", "8080");
            platform.put(service + "_SERVICE_PORT_HTTP", "8080");
            platform.put(service + "_PORT", "tcp://10.0.0.1:8080");
            platform.put(service + "_PORT_8080_TCP", "tcp://10.0.0.1:8080");
            platform.put(service + "_PORT_8080_TCP_PROTO", "tcp");
            platform.put(service + "_PORT_8080_TCP_PORT", "8080");
            platform.put(service + "_PORT_8080_TCP_ADDR", "10.0.0.1");
        }
        platform.put("WORDVEC_URL", "http://localhost:8080");
        platform.put("WORDVEC_API_KEY", "k");
        platform.put("WORDVEC_HTTP_APIKEYS", "k");
        platform.put("WORDVEC_LIMITS_MAX_WORDS", "5");
        platform.put("WORDVEC_MODELS_M_DTYPE", "float16");
        assertThat(startWithEnvironment(platform, model)).isNull();
    }

    @Test
    void defaultModelMustNameAConfiguredModel() {
        Throwable failure = start("wordvec.models.a.path=src/test/resources/fixtures/test_glove.txt",
                "wordvec.default-model=b");
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                .hasMessage("wordvec.default-model is 'b', but the configured models are [a]");
    }

    @Test
    void severalModelsNeedADefault(CapturedOutput output) {
        Throwable failure = start("wordvec.models.a.path=src/test/resources/fixtures/test_glove.txt",
                "wordvec.models.b.path=src/test/resources/fixtures/lee_fasttext.vec");
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                .hasMessage("wordvec.default-model is not set, and several models are configured: [a, b]");
        // The person starting the service reads a short report, not a stack trace through the bean factory.
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START",
                "wordvec.default-model is not set, and several models are configured: [a, b]",
                "Set wordvec.default-model to the model that answers requests that name none, one of [a, b].")
                .doesNotContain("at dev.wordvec.models.ModelRegistry");
    }

    @Test
    void aCatalogueNameThatIsNotThereIsReportedWithTheNamesThatAre(CapturedOutput output) {
        Throwable failure = start("wordvec.models.g.source=glove-wiki-gigaword-7");
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(ModelConfigurationException.class)
                .hasMessageStartingWith("wordvec.models.g.source: 'glove-wiki-gigaword-7' is not in the catalogue; "
                        + "it names [").hasMessageContaining("glove-wiki-gigaword-100");
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START",
                "or set wordvec.models.g.path to a file instead.").doesNotContain("at dev.wordvec.models.ModelRegistry");
    }

    /**
     * Settings refused by the code that reads them, after binding (a negative wait, a limit past
     * what the JVM can hold, the reload route without keys, a catalogue that is no catalogue):
     * each a short report naming the setting, where each was a stack trace through the bean it broke.
     */
    @Test
    void settingsRefusedByTheirCodeAreReportedWithoutAStackTrace(CapturedOutput output) {
        String glove = "wordvec.models.m.path=src/test/resources/fixtures/test_glove.txt";
        Map<String, String> refused = Map.of(
                "wordvec.http.heavy-wait=-1s", "wordvec.http.heavy-wait must not be negative",
                "wordvec.http.max-body-size=100GB", "wordvec.http.max-body-size must be 0 to 2147483630 bytes",
                "wordvec.admin.enabled=true", "wordvec.admin.enabled needs wordvec.http.api-keys",
                "wordvec.catalogue.file=src/test/resources/fixtures/test_glove.txt",
                "wordvec.catalogue.file src/test/resources/fixtures/test_glove.txt cannot be read as a catalogue: "
                        + "line 1, column 1: Unrecognized token 'the':");
        refused.forEach((setting, reason) -> {
            int before = (output.getOut() + output.getErr()).length();
            assertThat(start(glove, setting)).as(setting).isNotNull();
            String report = (output.getOut() + output.getErr()).substring(before);
            String name = setting.substring(0, setting.indexOf('='));
            assertThat(report).as(setting).contains("APPLICATION FAILED TO START", "Description:\n\n" + reason,
                    "Change " + name + " as the description says (every setting is in README.md, \"Configuration\").")
                    .doesNotContain("Application run failed");
        });
    }

    /** A model named by its source that cannot be fetched: the advice is about the source, not a file of the user's. */
    @Test
    void aSourceThatCannotBeFetchedIsReportedWithTheWayRound(CapturedOutput output) {
        Throwable failure = start("wordvec.models.g.source=glove-wiki-gigaword-50", "wordvec.cache-dir=" + tmp,
                "wordvec.catalogue.mirror=http://127.0.0.1:1/", "wordvec.catalogue.attempts=1");
        assertThat(failure).isInstanceOf(ModelLoadException.class).hasMessageContaining("cannot connect (1 attempt)");
        assertThat(((ModelLoadException) failure).fetched()).isTrue();
        assertThat(output.getOut() + output.getErr()).contains("Model 'g': Cannot load model file http://127.0.0.1:1/",
                "Do as the description says, or set wordvec.models.g.path to a copy of your own (the file) in "
                + "place of wordvec.models.g.source.")
                .doesNotContain("Fix or replace the file named");
    }

    /** A setting the model's file cannot honour, found only once the file is read: a report with what to change. */
    @Test
    void subwordAnswersForAModelWithoutNgramsAreReportedWithWhatToChange(CapturedOutput output) {
        Throwable failure = start("wordvec.models.g.path=src/test/resources/fixtures/test_glove.txt",
                "wordvec.models.g.oov=subword");
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(ModelConfigurationException.class)
                .hasMessage("wordvec.models.g.oov is 'subword', which answers unknown words from a fastText model's "
                        + "character n-grams; model 'g' (glove) has none");
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START",
                "Set wordvec.models.g.oov to error, skip or zero (or leave it out), or load the model from a fastText "
                + ".bin").doesNotContain("Application run failed");
    }

    @Test
    void numbersOutOfRangeStopStartupNamingEachProperty(CapturedOutput output) {
        Throwable failure = start("wordvec.models.m.path=src/test/resources/fixtures/test_glove.txt",
                "wordvec.models.m.hnsw.m=0", "wordvec.models.m.limit=-3", "wordvec.limits.max-k=0",
                "wordvec.batching.workers=0", "wordvec.models.Big_1.path=src/test/resources/fixtures/test_glove.txt",
                "wordvec.models.Big_1.hnsw.beam-width=3201", "wordvec.intra-op-threads=0");
        assertThat(failure).isNotNull();
        // Each setting named as it is written (a model's by its key, the record's maxK as max-k), with
        // its value, where it was set and what it may be.
        String from = "\" from property source \"defaultProperties\"): ";
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START",
                "wordvec.models[m].hnsw.m = \"0\" (set by \"wordvec.models.m.hnsw.m" + from
                        + "must be greater than or equal to 2.",
                "wordvec.models[m].limit = \"-3\" (set by \"wordvec.models.m.limit" + from
                        + "must be greater than or equal to 0.",
                "wordvec.limits.max-k = \"0\" (set by \"wordvec.limits.max-k" + from + "must be greater than or equal to 1.",
                "wordvec.batching.workers = \"0\" (set by ", "wordvec.intra-op-threads = \"0\" (set by ",
                "wordvec.models[Big_1].hnsw.beam-width = \"3201\" (set by \"wordvec.models.Big_1.hnsw.beam-width" + from
                        + "must be less than or equal to 3200.")
                .doesNotContain("maxK").doesNotContain("intraOpThreads");
        // The values at their limits start.
        assertThat(start("wordvec.models.m.path=src/test/resources/fixtures/test_glove.txt",
                "wordvec.models.m.index=hnsw", "wordvec.cache-dir=" + tmp, "wordvec.models.m.hnsw.m=2",
                "wordvec.models.m.limit=0", "wordvec.limits.max-k=1",
                "wordvec.models.m.hnsw.beam-width=3200")).isNull();
    }
}
