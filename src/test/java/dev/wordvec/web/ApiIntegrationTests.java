package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wordvec.testing.GensimExpected;
import dev.wordvec.testing.Http;
import dev.wordvec.testing.RunningService;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.Oracle;
import dev.wordvec.testing.Problems;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoint.health.show-details=always",
    "wordvec.models.glove.path=src/test/resources/fixtures/test_glove.txt",
    "wordvec.models.lee.path=src/test/resources/fixtures/lee_fasttext.vec",
    "wordvec.models.lee.format=fasttext-vec",
    "wordvec.models.ru.path=src/test/resources/fixtures/crime-and-punishment.vec",
    "wordvec.models.w2v.path=src/test/resources/fixtures/euclidean_vectors.bin",
    "wordvec.default-model=glove",
    "wordvec.limits.max-words=5",
    "wordvec.limits.max-texts=3",
    "wordvec.limits.max-text-length=60",
})
class ApiIntegrationTests extends RunningService {

    private static final GensimExpected GENSIM = GensimExpected.load();


    // ---- bodies ----

    /**
     * A mistyped option is a 400 naming it and the fields that exist, not a default applied without
     * a word; the OpenAI route ignores fields it does not know, as OpenAI clients add their own.
     */
    @Test
    void aRequestNamingTwoModelsIsRefused() {
        Response two = http.post("/sentence-vector?model=glove", "{\"text\": \"the\", \"model\": \"other\"}");
        Problems.assertBadRequest(two, "the request names two models: 'glove' in the query and 'other' in the body");
        assertThat(two.get("field").asString()).isEqualTo("model");
        assertThat(http.post("/sentence-vector?model=glove", "{\"text\": \"the\", \"model\": \"glove\"}").status())
                .isEqualTo(200);
    }

    @Test
    void anUnknownFieldIsNamedWithTheFieldsThereAre() {
        Response typo = http.post("/sentence-vector", "{\"text\": \"the\", \"prenormalize\": true}");
        Problems.assertBadRequest(typo, "unknown field 'prenormalize'; the fields there are model, normalize, oov, "
                + "preNormalize, prompt, removePc, text, texts, weighting, weights");
        assertThat(typo.get("type").asString()).isEqualTo("urn:wordvec:problem:invalid-request");
        assertThat(typo.get("field").asString()).isEqualTo("prenormalize");
        Response nested = http.post("/analogy", "{\"queries\": [{\"positive\": [\"the\"], \"negativ\": [\"of\"]}]}");
        Problems.assertBadRequest(nested, "unknown field 'queries[0].negativ'; the fields there are negative, positive");
        assertThat(http.post("/v1/embeddings", "{\"model\": \"glove\", \"input\": \"the\", \"extra_body\": {}}")
                .status()).isEqualTo(200);
    }

    /** A TEI client posting its sentence-similarity body to TEI's path is told where it is answered. */
    @Test
    void teisSimilarityBodyOnSimilarityPointsToWhereItIsAnswered() {
        Response tei = http.post("/similarity", "{\"inputs\": {\"source_sentence\": \"the\", \"sentences\": [\"of\"]}}");
        Problems.assertBadRequest(tei, "unknown field 'inputs'; the fields there are model, oov, others, pairs, "
                + "preNormalize, prompt, rank, removePc, text1, text2, weighting, weights, word, word1, word2, words1, "
                + "words2. TEI's sentence-similarity body ({\"inputs\": {\"source_sentence\": ..., \"sentences\": "
                + "[...]}}) is answered on POST /");
        assertThat(tei.get("field").asString()).isEqualTo("inputs");
        assertThat(http.post("/", "{\"inputs\": {\"source_sentence\": \"the\", \"sentences\": [\"of\"]}}")
                .status()).isEqualTo(200);
        Response elsewhere = http.post("/sentence-vector", "{\"inputs\": \"the\"}");
        assertThat(elsewhere.get("detail").asString()).endsWith(". 'inputs' is TEI's field: TEI's bodies are "
                + "answered on POST /embed, /embed_all, /tokenize, /decode and POST / (sentence similarity)");
    }

    /** A parameter that is not of its type says what it must be, naming it and the value sent. */
    @Test
    void aParameterOfTheWrongTypeSaysWhatItMustBe() {
        Response letters = http.get("/neighbors/the?k=abc");
        Problems.assertBadRequest(letters, "'k' must be a whole number, not 'abc'");
        assertThat(letters.get("field").asString()).isEqualTo("k");
        Problems.assertBadRequest(http.get("/neighbors/the?k=99999999999"),
                "'k' must be a whole number no larger than 2147483647, not '99999999999'");
        Problems.assertBadRequest(http.get("/neighbors/the?k=2.5"), "'k' must be a whole number, not '2.5'");
        Problems.assertBadRequest(http.get("/neighbors/the?minSimilarity=high"), "'minSimilarity' must be a number, not 'high'");
    }

    /**
     * A body value of another JSON type than its field's is a 400 naming the field, not converted:
     * 5 or true is not the word "5" or "true", 3.7 is not a count of 3, "3" is not 3.
     */
    @Test
    void aBodyValueOfTheWrongJsonTypeSaysWhatItMustBe() {
        Response number = http.post("/similarity", "{\"word1\": 5, \"word2\": \"the\"}");
        Problems.assertBadRequest(number, "'word1' must be a string, not the number 5");
        assertThat(number.get("field").asString()).isEqualTo("word1");
        Problems.assertBadRequest(http.post("/similarity", "{\"word1\": true, \"word2\": \"the\"}"),
                "'word1' must be a string, not true");
        Problems.assertBadRequest(http.post("/neighbors", "{\"word\": \"the\", \"k\": 3.7}"),
                "'k' must be a whole number, not the number 3.7");
        Problems.assertBadRequest(http.post("/neighbors", "{\"word\": \"the\", \"k\": \"3\"}"),
                "'k' must be a whole number, not the string \"3\"");
        assertThat(http.post("/neighbors", "{\"word\": \"the\", \"k\": 3}").status()).isEqualTo(200);
        // Lists, objects and booleans where another type belongs, named as JSON names them.
        Problems.assertBadRequest(http.post("/neighbors", "{\"word\": \"the\", \"k\": true}"),
                "'k' must be a whole number, not true");
        Problems.assertBadRequest(http.post("/neighbors", "{\"word\": {\"a\": 1}}"),
                "'word' must be a string, not an object");
        Problems.assertBadRequest(http.post("/neighbors", "{\"queries\": [\"the\"]}"),
                "'queries[0]' must be an object, not the string \"the\"");
        Problems.assertBadRequest(http.post("/analogy", "{\"queries\": [true]}"), "'queries[0]' must be an object, not true");
        // A list inside a list of words: jackson-databind 3.1 alone reads ["king"] as "king" and
        // then fails on a "trailing token" at the end of the body (StrictStringDeserializer).
        Response nested = http.post("/vectors", "{\"words\": [\"the\", [\"king\"], \"of\"], \"oov\": \"skip\"}");
        Problems.assertBadRequest(nested, "'words[1]' must be a string, not a list");
        assertThat(nested.get("field").asString()).isEqualTo("words[1]");
        Problems.assertBadRequest(http.post("/vectors", "{\"words\": [[\"the\"]]}"), "'words[0]' must be a string, not a list");
        Problems.assertBadRequest(http.post("/similarity", "{\"pairs\": [[\"the\", [\"of\"]]]}"),
                "'pairs[0][1]' must be a string, not a list");
        Response twice = http.post("/similarity", "{\"word1\": \"the\", \"word2\": \"of\", \"word1\": \"and\"}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.get("detail").asString()).contains("Duplicate Object property \"word1\"");
        // A whole number is a valid number.
        assertThat(http.post("/neighbors", "{\"word\": \"the\", \"k\": 3, \"minSimilarity\": 0}").status())
                .isEqualTo(200);
    }

    /**
     * A path no route answers is a problem that says where the routes are listed; the routes of
     * TEI and OpenAI that wordvec does not serve say what it serves (a client pointed at the wrong
     * service), OpenAI's in OpenAI's error shape.
     */
    @Test
    void anUnknownRouteSaysWhereTheRoutesAre() {
        Response nothing = http.get("/nothing/here");
        assertThat(nothing.status()).isEqualTo(404);
        assertThat(nothing.get("type").asString()).isEqualTo("urn:wordvec:problem:no-route");
        assertThat(nothing.get("detail").asString()).isEqualTo("no route GET /nothing/here; the routes are listed in "
                + "the OpenAPI document at /v3/api-docs (Swagger UI: /swagger-ui/index.html)");
        assertThat(http.post("/rerank", "{\"query\": \"a\", \"texts\": [\"b\"]}").get("detail").asString())
                .startsWith("no route POST /rerank: TEI's /rerank needs a re-ranker (a cross-encoder), which wordvec "
                        + "does not serve; TEI's routes for embedding models are served: /embed, ");
        Response chat = http.post("/v1/chat/completions", "{}");
        assertThat(chat.status()).isEqualTo(404);
        assertThat(chat.get("error").get("message").asString()).isEqualTo("no route POST /v1/chat/completions: "
                + "wordvec serves OpenAI's embeddings API (POST /v1/embeddings, GET /v1/models, GET /v1/models/{id})");
        assertThat(chat.get("error").get("code").asString()).isEqualTo("not_found");
        // Spring Boot's error controller answered these: a 500 with status 999, and a body that is no problem.
        Response error = http.get("/error");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.get("type").asString()).isEqualTo("urn:wordvec:problem:no-route");
        Response trace = http.send(http.request("/similarity").method("TRACE", HttpRequest.BodyPublishers.noBody()));
        assertThat(trace.status()).isEqualTo(405);
        assertThat(trace.contentType()).startsWith("application/problem+json");
        assertThat(trace.get("detail").asString()).isEqualTo("TRACE method is not allowed on /similarity");
        Response traceOpenAi = http.send(http.request("/v1/embeddings").method("TRACE",
                HttpRequest.BodyPublishers.noBody()));
        assertThat(traceOpenAi.status()).isEqualTo(405);
        assertThat(traceOpenAi.get("error").get("code").asString()).isEqualTo("method_not_allowed");
        // Actuator answers a health component it lacks with a bare 404.
        Response component = http.get("/actuator/health/nothing");
        assertThat(component.status()).isEqualTo(404);
        assertThat(component.contentType()).startsWith("application/problem+json");
        assertThat(component.get("detail").asString()).isEqualTo("no health component at /actuator/health/nothing; "
                + "GET /actuator/health lists the components");
        assertThat(http.get("/actuator/health/models").get("status").asString()).isEqualTo("UP");
        // Below a component it lacks, actuator failed an assertion (a 500); a dot segment slipped past the filter.
        for (String path : List.of("/actuator/health/nothing/more", "/actuator/health/readiness/a/b",
                "/actuator/health/%2E%2E", "/actuator/health/%2E%2E/%2E%2E")) {
            Response below = http.get(path);
            assertThat(below.status()).as(path).isEqualTo(404);
            assertThat(below.get("detail").asString()).as(path).isEqualTo("no health component at " + path + "; "
                    + "GET /actuator/health lists the components");
        }
        // A base URL with a '/' too many: the detail names the route meant.
        assertThat(http.post("//similarity", "{}").get("detail").asString()).isEqualTo("no route POST //similarity: "
                + "paths are matched as written, without a doubled or trailing '/': did you mean POST /similarity?");
        assertThat(http.get("/vector/the/").get("detail").asString()).endsWith("did you mean GET /vector/the?");
        assertThat(http.post("/v1/embeddings/", "{}").get("error").get("message").asString())
                .endsWith("did you mean POST /v1/embeddings?");
        // Only a route is suggested: /explorer is none (the page is at /).
        assertThat(http.get("/explorer/").get("detail").asString()).doesNotContain("did you mean");
        assertThat(http.get("/similarity/").get("detail").asString()).doesNotContain("did you mean");
    }

    /**
     * A query parameter the route does not have is refused by name: gensim's {@code topn} would
     * otherwise get the default 10 words and look right. The OpenAI routes take what their clients
     * add (Azure's {@code api-version}); health and the API document are not checked.
     */
    @Test
    void anUnknownQueryParameterIsNamedWithTheOnesThereAre() {
        Response topn = http.get("/neighbors/the?topn=3");
        Problems.assertBadRequest(topn, "unknown query parameter 'topn'; the parameters here are exact, k, "
                + "minSimilarity, model, oov, restrictVocab");
        assertThat(topn.get("field").asString()).isEqualTo("topn");
        Problems.assertBadRequest(http.post("/similarity?norm=true", "{\"word1\": \"the\", \"word2\": \"of\"}"),
                "unknown query parameter 'norm'; the parameters here are model");
        Problems.assertBadRequest(http.get("/models?verbose=1"), "unknown query parameter 'verbose'; this route takes none");
        assertThat(http.get("/neighbors/the?k=2&model=glove").get("neighbors").size()).isEqualTo(2);
        assertThat(http.get("/v1/models?api-version=2024-02-01").status()).isEqualTo(200);
        assertThat(http.post("/v1/embeddings?api-version=2024-02-01", "{\"model\": \"glove\", \"input\": \"the\"}")
                .status()).isEqualTo(200);
        assertThat(http.get("/readyz?probe=1").status()).isEqualTo(200);
    }

    /** Spring takes the first of a repeated parameter and the default for an empty number: both refused. */
    @Test
    void aQueryParameterGivenTwiceOrEmptyIsRefused() {
        Response twice = http.get("/neighbors/the?k=3&k=4");
        Problems.assertBadRequest(twice, "query parameter 'k' is given 2 times (3, 4); give it once");
        assertThat(twice.get("field").asString()).isEqualTo("k");
        Problems.assertBadRequest(http.get("/neighbors/the?k="),
                "query parameter 'k' is empty; give it a value, or leave it out for its default");
        Problems.assertBadRequest(http.post("/similarity?model=glove&model=glove", "{\"word1\": \"the\", \"word2\": \"of\"}"),
                "query parameter 'model' is given 2 times (glove, glove); give it once");
        assertThat(http.get("/neighbors/the?k=2&").get("neighbors").size()).isEqualTo(2);
        // An empty text is a value: every word starts with the empty prefix.
        assertThat(http.get("/models/glove/words?prefix=&limit=2").get("words").size()).isEqualTo(2);
    }

    /**
     * Tomcat leaves out a query parameter it cannot decode: on a direct route {@code ?k=%FF} answered
     * with the default k. Now a 400 names it on every route.
     */
    @Test
    void aQueryParameterThatDoesNotDecodeIsRefusedNotDropped() {
        Response notUtf8 = http.get("/neighbors/the?k=%FF");
        Problems.assertBadRequest(notUtf8, "the query string's 'k=%FF' is not valid percent-encoding: each % takes "
                + "two hex digits and the bytes must be UTF-8 (a literal % is %25)");
        assertThat(notUtf8.get("field").asString()).isEqualTo("k");
        assertThat(notUtf8.get("type").asString()).isEqualTo("urn:wordvec:problem:malformed-request");
        Response name = http.get("/neighbors/the?k=2&%ED%A0%80=1");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.get("field").asString()).isEqualTo("query");
        assertThat(http.get("/neighbors/the?k=2&model=%67love").get("neighbors").size()).isEqualTo(2);
        Response openAi = http.get("/v1/models?api-version=%FF");
        assertThat(openAi.status()).isEqualTo(400);
        assertThat(openAi.get("error").get("param").asString()).isEqualTo("api-version");
        assertThat(http.get("/neighbors/%C3%A9t%C3%A9?k=2&oov=skip").status()).isNotEqualTo(400);
    }

    /** A gzip body used to come back as malformed JSON; a label on a plain body was ignored. */
    @Test
    void aCompressedBodyIsRefusedByItsEncoding() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write("{\"word1\": \"the\", \"word2\": \"of\"}".getBytes(StandardCharsets.UTF_8));
        }
        Response gzip = http.send(http.request("/similarity").header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())));
        assertThat(gzip.status()).isEqualTo(415);
        assertThat(gzip.get("type").asString()).isEqualTo("urn:wordvec:problem:unsupported-content-encoding");
        assertThat(gzip.get("detail").asString()).isEqualTo("the request body is sent with Content-Encoding 'gzip', "
                + "which wordvec does not decode: send it uncompressed");
        assertThat(gzip.header("Accept-Encoding")).isEqualTo("identity");
        Response openAi = http.send(http.request("/v1/embeddings").header("Content-Type", "application/json")
                .header("Content-Encoding", "br").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(openAi.status()).isEqualTo(415);
        assertThat(openAi.get("error").get("message").asString()).contains("'br'");
        assertThat(http.send(http.request("/similarity").header("Content-Type", "application/json")
                .header("Content-Encoding", "identity")
                .POST(HttpRequest.BodyPublishers.ofString("{\"word1\": \"the\", \"word2\": \"of\"}"))).status())
                .isEqualTo(200);
    }

    /**
     * A YAML body used to be read by a mapper without the JSON one's checks ({@code k: 3.7} read
     * as 3, an unknown option ignored): bodies and answers are JSON only.
     */
    @Test
    void bodiesAndAnswersAreJsonOnly() {
        Response yaml = http.send(http.request("/neighbors").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("word: the\nk: 3.7\ntopn: 2\n")));
        assertThat(yaml.status()).isEqualTo(415);
        assertThat(yaml.contentType()).startsWith("application/problem+json");
        assertThat(yaml.get("type").asString()).isEqualTo("urn:wordvec:problem:unsupported-media-type");
        assertThat(yaml.get("detail").asString()).isEqualTo("the body is sent as 'application/yaml;charset=UTF-8'; "
                + "wordvec reads JSON: send it with 'Content-Type: application/json'");
        assertThat(yaml.header("Accept")).contains("application/json").doesNotContain("yaml");
        Response asYaml = http.send(http.request("/vector/the").header("Accept", "application/yaml").GET());
        assertThat(asYaml.status()).isEqualTo(406);
        assertThat(asYaml.contentType()).startsWith("application/problem+json");
        assertThat(asYaml.get("detail").asString()).isEqualTo("the Accept header (application/yaml) takes none of "
                + "what wordvec answers, which is JSON: send Accept: application/json, or no Accept header");
        Response either = http.send(http.request("/vector/the").header("Accept", "application/yaml, application/json;q=0.5")
                .GET());
        assertThat(either.status()).isEqualTo(200);
        assertThat(either.contentType()).startsWith("application/json");
        assertThat(http.get("/v3/api-docs.yaml").status()).isEqualTo(200);
    }

    /**
     * A client that takes problems as RFC 9457 labels them and other answers as JSON says so in
     * its Accept header; its successful answers were labelled {@code application/problem+json}.
     */
    @Test
    void onlyProblemsAreLabelledAsProblems() {
        String accept = "application/problem+json, application/json;q=0.5";
        for (String path : List.of("/vector/the", "/neighbors/the?k=2", "/models")) {
            Response ok = http.send(http.request(path).header("Accept", accept).GET());
            assertThat(ok.status()).as(path).isEqualTo(200);
            assertThat(ok.contentType()).as(path).isEqualTo("application/json");
        }
        Response posted = http.send(http.request("/similarity").header("Accept", "application/vnd.example+json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"word1\": \"the\", \"word2\": \"of\"}")));
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.contentType()).isEqualTo("application/json");
        Response unknown = http.send(http.request("/vector/zzqxv").header("Accept", accept).GET());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");
        assertThat(unknown.get("detail").asString()).contains("zzqxv");
    }

    /**
     * {@code curl -d '{...}'} without a Content-Type sends a form: its JSON used to be refused as
     * an unknown query parameter named after the body. Every API says what to send instead.
     */
    @Test
    void aJsonBodySentAsAFormIsTold415WhatToSend() {
        String hint = "the body is sent as application/x-www-form-urlencoded (what curl -d sends without a "
                + "Content-Type header); wordvec reads JSON: send it with 'Content-Type: application/json'";
        for (String path : List.of("/similarity", "/neighbors", "/embed", "/v1/embeddings")) {
            Response form = http.send(http.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"word1\":\"the\",\"word2\":\"of\",\"input\":\"the\"}")));
            assertThat(form.status()).as(path).isEqualTo(415);
            String detail = path.startsWith("/v1/") ? form.get("error").get("message").asString()
                    : form.get("detail").asString();
            assertThat(detail).as(path).isEqualTo(hint);
        }
        // A query parameter the route lacks is still named when the body is JSON.
        Response typo = http.post("/similarity?topn=3", "{\"word1\": \"the\", \"word2\": \"of\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.get("field").asString()).isEqualTo("topn");
    }

    // ---- GET /vector/{word} ----

    @Test
    void vectorOfAWordIsExactlyGensimsRow() {
        Response response = http.get("/vector/the");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.get("model").asString()).isEqualTo("glove");
        assertThat(response.get("word").asString()).isEqualTo("the");
        assertThat(response.get("dimension").asInt()).isEqualTo(50);
        assertThat(Http.floats(response.get("vector")))
                .containsExactly(GENSIM.model("test_glove").vectors().get("the"));
    }

    @Test
    void vectorsPrintEachFloatInItsShortestForm() {
        assertThat(http.get("/vector/the").body()).contains("\"vector\":[0.418,0.24968,-0.41242,0.1217,0.34527,");
    }

    @Test
    void modelParameterChoosesTheModel() {
        Response lee = http.get("/vector/the?model=lee");
        assertThat(lee.get("model").asString()).isEqualTo("lee");
        assertThat(Http.floats(lee.get("vector"))).containsExactly(GENSIM.model("lee_fasttext").vectors().get("the"));
        Response binary = http.get("/vector/the?model=w2v");
        assertThat(Http.floats(binary.get("vector")))
                .containsExactly(GENSIM.model("euclidean_vectors").vectors().get("the"));
    }

    @Test
    void percentEncodedUnicodeWordsAreFound() {
        Response response = http.get("/vector/%D0%B2?model=ru");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.get("word").asString()).isEqualTo("в");
        assertThat(Http.floats(response.get("vector"))).containsExactly(0.093809f, -0.013232f, -0.080568f, 0.23478f, 0.11884f);
    }

    @Test
    void unknownWordIsA404ProblemNamingWordAndModel() {
        Response response = http.get("/vector/zzqx");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith(Problems.CONTENT_TYPE);
        assertThat(response.get("type").asString()).isEqualTo("urn:wordvec:problem:unknown-word");
        assertThat(response.get("word").asString()).isEqualTo("zzqx");
        assertThat(response.get("model").asString()).isEqualTo("glove");
        assertThat(response.get("detail").asString()).isEqualTo("'zzqx' is not in the vocabulary of model 'glove'");
    }

    @Test
    void wordWithAnEncodedSlashReachesTheLookup() {
        Response response = http.get("/vector/a%2Fb");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.get("word").asString()).isEqualTo("a/b");
        Response backslash = http.get("/neighbors/a%5Cb");
        assertThat(backslash.status()).isEqualTo(404);
        assertThat(backslash.get("word").asString()).isEqualTo("a\\b");
        // Nothing outside the page's files is reached through one.
        for (String path : List.of("/explorer/..%5C..%5CMETA-INF%5CMANIFEST.MF", "/..%5Capplication.properties",
                "/explorer/..%5C..%5Cmodels")) {
            assertThat(http.get(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void unknownModelIsA404ProblemListingTheModels() {
        Response response = http.get("/vector/the?model=nope");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith(Problems.CONTENT_TYPE);
        assertThat(response.get("type").asString()).isEqualTo("urn:wordvec:problem:unknown-model");
        assertThat(response.get("model").asString()).isEqualTo("nope");
        assertThat(response.get("models").toString()).isEqualTo("[\"glove\",\"lee\",\"ru\",\"w2v\"]");
    }

    // ---- POST /vectors ----

    @Test
    void vectorsKeepRequestOrderAndMarkUnknownWords() {
        Response response = http.post("/vectors", "{\"words\": [\"of\", \"zzqx\", \"the\", \"of\"]}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.get("model").asString()).isEqualTo("glove");
        assertThat(response.get("dimension").asInt()).isEqualTo(50);
        JsonNode vectors = response.get("vectors");
        assertThat(vectors.size()).isEqualTo(4);
        assertThat(vectors.get(0).get("word").asString()).isEqualTo("of");
        assertThat(vectors.get(1).get("word").asString()).isEqualTo("zzqx");
        assertThat(vectors.get(1).get("vector").isNull()).isTrue();
        assertThat(Http.floats(vectors.get(2).get("vector"))).containsExactly(GENSIM.model("test_glove").vectors().get("the"));
        assertThat(Http.floats(vectors.get(3).get("vector"))).containsExactly(Http.floats(vectors.get(0).get("vector")));
        assertThat(response.get("unknown").toString()).isEqualTo("[\"zzqx\"]");
    }

    @Test
    void modelCanBeNamedInTheBody() {
        Response response = http.post("/vectors", "{\"words\": [\"the\"], \"model\": \"lee\"}");
        assertThat(response.get("model").asString()).isEqualTo("lee");
        Response conflict = http.post("/vectors?model=glove", "{\"words\": [\"the\"], \"model\": \"lee\"}");
        assertThat(conflict.status()).isEqualTo(400);
        assertThat(conflict.get("field").asString()).isEqualTo("model");
    }

    @Test
    void tooManyWordsIsA413ProblemWithTheLimit() {
        Response response = http.post("/vectors", "{\"words\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]}");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith(Problems.CONTENT_TYPE);
        assertThat(response.get("type").asString()).isEqualTo("urn:wordvec:problem:limit-exceeded");
        assertThat(response.get("limit").asInt()).isEqualTo(5);
        assertThat(response.get("size").asInt()).isEqualTo(6);
        assertThat(response.get("detail").asString()).contains("'words' has 6 items; the limit is 5");
    }

    @Test
    void badWordListsAre400Problems() {
        Problems.assertBadRequest(http.post("/vectors", "{\"words\": []}"), "'words' must not be empty");
        Problems.assertBadRequest(http.post("/vectors", "{}"), "'words' is required");
        Problems.assertBadRequest(http.post("/vectors", "{\"words\": [\"the\", null]}"), "'words[1]' is null");
        Problems.assertBadRequest(http.post("/vectors", "{\"words\": \"the\"}"), "'words' must be a list, not a string");
        Problems.assertBadRequest(http.post("/vectors", "{\"words\": [\"the\""), "malformed JSON body");
        Problems.assertBadRequest(http.post("/vectors", "{words: 1}"), "malformed JSON body at line 1, column 2");
        Problems.assertBadRequest(http.post("/vectors", ""), "the request needs a JSON body");
    }

    // ---- POST /similarity ----

    @Test
    void similarityEqualsGensimForEveryPair() {
        for (GensimExpected.Similarity pair : GENSIM.model("test_glove").similarities()) {
            Response response = http.post("/similarity", "{\"word1\": " + Http.quote(pair.word1())
                    + ", \"word2\": " + Http.quote(pair.word2()) + "}");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.get("word1").asString()).isEqualTo(pair.word1());
            assertThat(response.get("word2").asString()).isEqualTo(pair.word2());
            assertThat(response.get("similarity").asDouble()).as("%s ~ %s", pair.word1(), pair.word2())
                    .isCloseTo(pair.similarity(), within(1e-5));
        }
    }

    @Test
    void similarityWithAnUnknownWordIsA404NamingIt() {
        Response response = http.post("/similarity", "{\"word1\": \"the\", \"word2\": \"zzqx\"}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.get("word").asString()).isEqualTo("zzqx");
        Response both = http.post("/similarity", "{\"word1\": \"qqq\", \"word2\": \"zzqx\"}");
        assertThat(both.get("words").toString()).isEqualTo("[\"qqq\",\"zzqx\"]");
    }

    @Test
    void similarityNeedsBothWords() {
        Problems.assertBadRequest(http.post("/similarity", "{\"word1\": \"the\"}"), "'word2' is required");
        Problems.assertBadRequest(http.post("/similarity", "{\"word2\": \"the\"}"), "'word1' is required");
    }

    // ---- POST /sentence-vector ----

    @Test
    void sentenceVectorIsTheMeanOfTheKnownWords() {
        Response response = http.post("/sentence-vector", "{\"text\": \"The year, of THE zzqx!\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.get("model").asString()).isEqualTo("glove");
        assertThat(response.get("dimension").asInt()).isEqualTo(50);
        JsonNode result = response.get("results").get(0);
        assertThat(result.get("text").asString()).isEqualTo("The year, of THE zzqx!");
        // Split on spaces and punctuation; "The" and "THE" are found lower-cased; "zzqx" is unknown.
        assertThat(result.get("tokens").toString()).isEqualTo("[\"the\",\"year\",\"of\",\"the\",\"zzqx\"]");
        assertThat(result.get("unknown").toString()).isEqualTo("[\"zzqx\"]");
        float[] the = Http.floats(http.get("/vector/the").get("vector"));
        float[] year = Http.floats(http.get("/vector/year").get("vector"));
        float[] of = Http.floats(http.get("/vector/of").get("vector"));
        float[] mean = Http.floats(result.get("vector"));
        assertThat(mean).hasSize(50);
        for (int d = 0; d < 50; d++) {
            double expected = (2.0 * the[d] + year[d] + of[d]) / 4;
            assertThat((double) mean[d]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void normalizeGivesTheUnitVectorOfTheMean() {
        float[] mean = Http.floats(http.post("/sentence-vector", "{\"text\": \"the year\"}").get("results").get(0).get("vector"));
        float[] unit = Http.floats(http.post("/sentence-vector", "{\"text\": \"the year\", \"normalize\": true}")
                .get("results").get(0).get("vector"));
        double norm = 0;
        for (float v : mean) {
            norm += (double) v * v;
        }
        for (int d = 0; d < 50; d++) {
            assertThat((double) unit[d]).isCloseTo(mean[d] / Math.sqrt(norm), within(1e-6));
        }
    }

    @Test
    void textSimilarityIsTheCosineOfTheSentenceVectors() {
        float[] a = Http.floats(http.post("/sentence-vector", "{\"text\": \"the year of people\"}").get("results").get(0).get("vector"));
        float[] b = Http.floats(http.post("/sentence-vector", "{\"text\": \"She said THE percent\"}").get("results").get(0).get("vector"));
        Response response = http.post("/similarity", "{\"text1\": \"the year of people\", \"text2\": \"She said THE percent\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.get("text2").asString()).isEqualTo("She said THE percent");
        assertThat(response.get("similarity").asDouble()).isCloseTo(Oracle.cosine(a, b), within(1e-6));
        Response unknown = http.post("/similarity", "{\"text1\": \"the\", \"text2\": \"zzqx qqqy\"}");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.get("similarity").isNull()).isTrue();
        assertThat(unknown.get("unknown").toString()).isEqualTo("[\"zzqx\",\"qqqy\"]");
        Response refused = http.post("/similarity", "{\"text1\": \"the\", \"text2\": \"the zzqx\", \"oov\": \"error\"}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.get("words").toString()).isEqualTo("[\"zzqx\"]");
        Problems.assertBadRequest(http.post("/similarity", "{\"text1\": \"the\", \"text2\": \"\"}"), "'text2' has no words");
        Problems.assertBadRequest(http.post("/similarity", "{\"text1\": \"the\", \"text2\": \" ...\"}"), "'text2' has no words");
        assertThat(http.post("/similarity", "{\"text1\": \"the\", \"word2\": \"the\"}").status()).isEqualTo(400);
    }

    @Test
    void sentenceWithNoKnownWordHasANullVector() {
        Response response = http.post("/sentence-vector", "{\"texts\": [\"zzqx qqqy\", \"\", \"the\"]}");
        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.get("results");
        assertThat(results.size()).isEqualTo(3);
        assertThat(results.get(0).get("vector").isNull()).isTrue();
        assertThat(results.get(0).get("unknown").toString()).isEqualTo("[\"zzqx\",\"qqqy\"]");
        assertThat(results.get(1).get("vector").isNull()).isTrue();
        assertThat(results.get(1).get("tokens").size()).isZero();
        assertThat(Http.floats(results.get(2).get("vector"))).containsExactly(GENSIM.model("test_glove").vectors().get("the"));
    }

    @Test
    void sentenceRequestsAreChecked() {
        Problems.assertBadRequest(http.post("/sentence-vector", "{}"), "'text' (a string) or 'texts' (a list of strings) is required");
        Problems.assertBadRequest(http.post("/sentence-vector", "{\"text\": \"a\", \"texts\": [\"b\"]}"), "not both");
        Problems.assertBadRequest(http.post("/sentence-vector", "{\"texts\": []}"), "'texts' must not be empty");
        Response tooMany = http.post("/sentence-vector", "{\"texts\": [\"a\", \"b\", \"c\", \"d\"]}");
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.get("limit").asInt()).isEqualTo(3);
        Response tooLong = http.post("/sentence-vector", "{\"text\": \"" + "the ".repeat(20) + "\"}");
        assertThat(tooLong.status()).isEqualTo(413);
        assertThat(tooLong.get("field").asString()).isEqualTo("text");
        assertThat(tooLong.get("detail").asString()).contains("'text' has 80 characters; the limit is 60");
    }

    // ---- GET /models, health ----

    @Test
    void modelsListsEveryModelWithItsShape() {
        Response response = http.get("/models");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.get("defaultModel").asString()).isEqualTo("glove");
        JsonNode models = response.get("models");
        assertThat(models.size()).isEqualTo(4);
        JsonNode glove = models.get(0);
        assertThat(glove.get("name").asString()).isEqualTo("glove");
        assertThat(glove.get("default").asBoolean()).isTrue();
        assertThat(glove.get("status").asString()).isEqualTo("ready");
        assertThat(glove.get("format").asString()).isEqualTo("glove");
        assertThat(glove.get("source").asString()).isEqualTo("src/test/resources/fixtures/test_glove.txt");
        assertThat(glove.get("vocabularySize").asInt()).isEqualTo(76);
        assertThat(glove.get("dimension").asInt()).isEqualTo(50);
        assertThat(glove.get("matrixBytes").asLong()).isEqualTo(76L * 50 * 4);
        assertThat(glove.get("loadTimeMs").asLong()).isNotNegative();
        JsonNode lee = models.get(1);
        assertThat(lee.get("default").asBoolean()).isFalse();
        assertThat(lee.get("format").asString()).isEqualTo("fasttext-vec");
        assertThat(lee.get("vocabularySize").asInt()).isEqualTo(1762);
        assertThat(models.get(3).get("format").asString()).isEqualTo("word2vec-binary");
    }

    @Test
    void probesAreUpOnceTheModelsAreLoaded() {
        assertThat(http.get("/livez").status()).isEqualTo(200);
        Response ready = http.get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        assertThat(readiness.get("components").get("models").get("status").asString()).isEqualTo("UP");
        assertThat(readiness.get("components").get("models").get("details").get("models").get("lee").get("status")
                .asString()).isEqualTo("ready");
    }

    @Test
    void wrongMethodIsA405Problem() {
        Response response = http.post("/vector/the", "{}");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).startsWith(Problems.CONTENT_TYPE);
        assertThat(response.get("detail").asString()).isEqualTo("POST is not allowed on /vector/the; it takes GET or HEAD");
        assertThat(response.header("Allow")).contains("GET");
        Response put = http.send(http.request("/similarity").method("PUT", HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.get("detail").asString()).isEqualTo("PUT is not allowed on /similarity; it takes POST");
    }
}
