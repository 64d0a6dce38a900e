package dev.wordvec;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package picture of the README's Development section, as rules that fail the build when a
 * shortcut breaks it. Each rule is named after its reason.
 */
class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // The rules name packages only: no need to load every library class our classes touch.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wordvec");
    }

    @Test
    void theVectorCoreIsUsableWithoutSpringOrTheLayersAboveIt() {
        check(noClasses().that().resideInAPackage("dev.wordvec.vectors..").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "dev.wordvec.query..",
                        "dev.wordvec.models..", "dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.formats..")
                .because("the engine code must be testable and reusable (training, CLI) without a server"));
    }

    @Test
    void theQueryLayerServesAnyAdapterWithoutSpring() {
        check(noClasses().that().resideInAPackage("dev.wordvec.query..").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "dev.wordvec.models..",
                        "dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.formats..")
                .because("REST, the OpenAI route and the command line all ask the same queries"));
    }

    @Test
    void evaluationReductionAndTrainingRunWithoutAServer() {
        check(noClasses().that().resideInAnyPackage("dev.wordvec.evaluation..", "dev.wordvec.reduction..",
                "dev.wordvec.training..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "dev.wordvec.models..",
                        "dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.http..")
                .because("commands that make and score models need no server, and share code with the routes"));
    }

    @Test
    void contextualEncodersRunWithoutAServer() {
        check(noClasses().that().resideInAPackage("dev.wordvec.contextual..").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "dev.wordvec.models..",
                        "dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.http..", "dev.wordvec.formats..")
                .because("a sentence encoder is the query layer's TextEncoder, usable by any adapter or command"));
    }

    @Test
    void theApproximateIndexIsALibraryOverTheVectorCore() {
        check(noClasses().that().resideInAPackage("dev.wordvec.index..").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "dev.wordvec.query..",
                        "dev.wordvec.models..", "dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.formats..")
                .because("the index answers searches of the vector core; when to use it is the query layer's call"));
        check(noClasses().that().resideOutsideOfPackages("dev.wordvec.index..").should().dependOnClassesThat()
                .resideInAPackage("org.apache.lucene..")
                .because("Lucene is the index's graph library, and stays behind it"));
    }

    @Test
    void readersDoNotKnowHowModelsAreConfigured() {
        check(noClasses().that().resideInAPackage("dev.wordvec.formats..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.wordvec.models..", "dev.wordvec.query..", "dev.wordvec.web..",
                        "dev.wordvec.openai..", "org.springframework..")
                .because("a file format is read the same by the service, convert and any other tool"));
    }

    @Test
    void picklesAreReadWithNothingElseOfWordvec() {
        check(noClasses().that().resideInAPackage("dev.wordvec.pickle..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.wordvec.formats..", "dev.wordvec.contextual..", "dev.wordvec.models..",
                        "dev.wordvec.vectors..", "dev.wordvec.query..", "dev.wordvec.web..", "org.springframework..")
                .because("gensim's models and PyTorch's checkpoints both use it, and it runs nothing it reads"));
    }

    @Test
    void theCommandLineParserDependsOnNothingOfWordvec() {
        check(noClasses().that().resideInAPackage("dev.wordvec.cli..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.wordvec", "dev.wordvec.formats..", "dev.wordvec.models..", "dev.wordvec.vectors..",
                        "dev.wordvec.training..", "dev.wordvec.evaluation..", "org.springframework..")
                .because("every command uses it, and none of them should come along"));
    }

    @Test
    void controllersDoNotReadFiles() {
        check(noClasses().that().resideInAPackage("dev.wordvec.web..").should().dependOnClassesThat()
                .resideInAPackage("dev.wordvec.formats..")
                .because("loading belongs to models; a controller asks a loaded model"));
    }

    @Test
    void ourApiAndTheOpenAiRouteStayApart() {
        check(noClasses().that().resideInAPackage("dev.wordvec.web..").should().dependOnClassesThat()
                .resideInAPackage("dev.wordvec.openai..")
                .because("each route family keeps its own request and error shapes"));
        check(noClasses().that().resideInAPackage("dev.wordvec.openai..").should().dependOnClassesThat()
                .resideInAPackage("dev.wordvec.web..")
                .because("each route family keeps its own request and error shapes"));
    }

    @Test
    void teisRoutesStandApartFromTheOthers() {
        check(noClasses().that().resideInAPackage("dev.wordvec.tei..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.formats..")
                .because("each route family keeps its own request and error shapes"));
        check(noClasses().that().resideInAnyPackage("dev.wordvec.web..", "dev.wordvec.openai..").should()
                .dependOnClassesThat().resideInAPackage("dev.wordvec.tei..")
                .because("each route family keeps its own request and error shapes"));
    }

    @Test
    void word2vecApisRoutesStandApartFromTheOthers() {
        check(noClasses().that().resideInAPackage("dev.wordvec.word2vecapi..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.tei..",
                        "dev.wordvec.formats..")
                .because("each route family keeps its own request and answer shapes"));
        check(noClasses().that().resideInAnyPackage("dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.tei..")
                .should().dependOnClassesThat().resideInAPackage("dev.wordvec.word2vecapi..")
                .because("each route family keeps its own request and answer shapes"));
    }

    @Test
    void theHttpPlumbingServesBothAdaptersAndKnowsNeither() {
        check(noClasses().that().resideInAPackage("dev.wordvec.http..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.tei..",
                        "dev.wordvec.models..", "dev.wordvec.query..", "dev.wordvec.vectors..", "dev.wordvec.formats..")
                .because("filters, problem bodies and OpenAI's error shape sit in front of every route alike"));
    }

    @Test
    void onlyTheAdaptersKnowAboutHttp() {
        check(noClasses().that().resideInAnyPackage("dev.wordvec.models..", "dev.wordvec.formats..",
                "dev.wordvec.vectors..", "dev.wordvec.query..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.wordvec.web..", "dev.wordvec.openai..", "dev.wordvec.tei..",
                        "dev.wordvec.word2vecapi..", "dev.wordvec.http..", "org.springframework.web..",
                        "org.springframework.http..")
                .because("models load and describe models; HTTP status and shapes are the adapters' business"));
    }

    @Test
    void beanValidationAnnotationsAreOnlyTheSettingsBounds() {
        String settings = "dev\\.wordvec\\.models\\.(WordvecProperties(\\$.*)?|SettingBounds)";
        check(noClasses().that().haveNameNotMatching(settings)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.validation..", "org.hibernate.validator..")
                .because("no validator runs: routes check their own arguments, and SettingBounds checks the @Min "
                        + "and @Max of the wordvec.* settings (a @Valid elsewhere would be silently ignored)"));
    }

    @Test
    void textIsWrittenAlikeWhateverTheMachinesLanguage() {
        check(noClasses().should().callMethod(String.class, "toLowerCase")
                .orShould().callMethod(String.class, "toUpperCase")
                .orShould().callMethod(String.class, "format", String.class, Object[].class)
                .orShould().callMethod(String.class, "formatted", Object[].class)
                .orShould().callMethod(java.io.PrintStream.class, "printf", String.class, Object[].class)
                .orShould().callMethod(java.io.PrintStream.class, "format", String.class, Object[].class)
                .orShould().callMethod(java.io.PrintWriter.class, "printf", String.class, Object[].class)
                .orShould().callMethod(java.io.PrintWriter.class, "format", String.class, Object[].class)
                .because("the default locale is the machine's: in Turkish \"LOADING\".toLowerCase() is \"loadıng\", "
                        + "a problem's modelStatus that clients compare, and in German %.1f writes 23,1; pass "
                        + "Locale.ROOT"));
    }

    @Test
    void bytesBecomeTextInACharsetNamedInTheCode() {
        check(noClasses().should().callMethod(String.class, "getBytes")
                .orShould().callConstructor(String.class, byte[].class)
                .orShould().callConstructor(String.class, byte[].class, int.class, int.class)
                .orShould().callMethod(java.io.ByteArrayOutputStream.class, "toString")
                .orShould().callConstructor(java.io.InputStreamReader.class, java.io.InputStream.class)
                .orShould().callConstructor(java.io.OutputStreamWriter.class, java.io.OutputStream.class)
                .orShould().callConstructor(java.io.PrintStream.class, java.io.OutputStream.class)
                .orShould().callConstructor(java.io.PrintStream.class, java.io.OutputStream.class, boolean.class)
                .orShould().accessClassesThat().belongToAnyOf(java.io.FileReader.class, java.io.FileWriter.class,
                        java.util.Scanner.class)
                .because("Java 17's default charset is the locale's: ASCII under LANG=C, which turns every word "
                        + "beyond it into '?'; files, bodies and models are UTF-8 (or a charset they name)"));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
