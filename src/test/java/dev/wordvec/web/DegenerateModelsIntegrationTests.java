package dev.wordvec.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wordvec.testing.Http;
import dev.wordvec.testing.Http.Response;
import dev.wordvec.testing.RunningService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every route, with well-formed requests, on models where arithmetic meets its edges: a model of
 * one word (nothing to compare it with), of one dimension (cosines of ±1 and 0, a single principal
 * component) and one whose rows include all-zero vectors (no direction, a norm of 0). Each answer
 * is a success with valid JSON (no NaN or infinity, which JSON cannot carry) or a 4xx problem with a
 * detail: never a 5xx. A user's own model can be any of these (a test file, a model cut to a few
 * words, dimensions reduced to one).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "wordvec.models.single.path=src/test/resources/models/one-word.txt",
    "wordvec.models.line.path=src/test/resources/models/one-dimension.txt",
    "wordvec.models.flat.path=src/test/resources/models/zero-rows.txt",
    "wordvec.models.flathnsw.path=src/test/resources/models/zero-rows.txt",
    "wordvec.models.flathnsw.index=hnsw",
    "wordvec.default-model=line",
})
class DegenerateModelsIntegrationTests extends RunningService {

    private static final Map<String, List<String>> WORDS = Map.of(
            "single", List.of("the"),
            "line", List.of("the", "and", "of", "king", "a"),
            "flat", List.of("the", "and", "of", "king", "apple"),
            "flathnsw", List.of("the", "and", "of", "king", "apple"));

    @Test
    void everyRouteAnswersWithoutAServerError() {
        int answered = 0;
        int refused = 0;
        for (Map.Entry<String, List<String>> entry : WORDS.entrySet()) {
            String model = entry.getKey();
            List<String> words = entry.getValue();
            for (Request request : requests(model, words)) {
                Response response = request.body() == null ? http.get(request.path()) : http.post(request.path(),
                        request.body());
                String what = model + ": " + request + " -> " + response.status() + " " + response.body();
                assertThat(response.status()).as(what).isBetween(200, 499);
                assertThat(response.json()).as(what + " (not JSON, or not valid JSON)").isNotNull();
                if (response.status() >= 400) {
                    refused++;
                    assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                    assertThat(response.get("detail").asString()).as(what).isNotBlank();
                } else {
                    answered++;
                }
            }
        }
        // Most of these are answerable: a sweep that only saw refusals would show little.
        assertThat(answered).isGreaterThan(3 * refused);
    }

    private record Request(String path, String body) {
    }

    private static List<Request> requests(String model, List<String> words) {
        List<Request> requests = new ArrayList<>();
        String all = list(words);
        String first = Http.quote(words.get(0));
        String last = Http.quote(words.get(words.size() - 1));
        String text = Http.quote(String.join(" ", words));
        String m = "\"model\": " + Http.quote(model) + ", ";
        for (String word : words) {
            requests.add(new Request("/vector/" + word + "?model=" + model, null));
            requests.add(new Request("/vector/" + word + "?normalize=true&model=" + model, null));
            requests.add(new Request("/neighbors/" + word + "?k=10&model=" + model, null));
            requests.add(new Request("/neighbors/" + word + "?k=10&exact=true&restrictVocab=1&model=" + model, null));
            for (String other : words) {
                requests.add(new Request("/similarity", "{" + m + "\"word1\": " + Http.quote(word) + ", \"word2\": "
                        + Http.quote(other) + "}"));
            }
            requests.add(new Request("/similarity", "{" + m + "\"word\": " + Http.quote(word) + ", \"others\": " + all
                    + ", \"rank\": true}"));
            requests.add(new Request("/neighbors", "{" + m + "\"word\": " + Http.quote(word)
                    + ", \"k\": 3, \"minSimilarity\": 0}"));
            requests.add(new Request("/projection", "{" + m + "\"word\": " + Http.quote(word) + ", \"k\": 4}"));
        }
        requests.add(new Request("/models/" + model + "/words", null));
        requests.add(new Request("/models/" + model, null));
        requests.add(new Request("/vectors", "{" + m + "\"words\": " + all + "}"));
        requests.add(new Request("/similarity", "{" + m + "\"words1\": " + all + ", \"words2\": [" + last + "]}"));
        requests.add(new Request("/similarity", "{" + m + "\"pairs\": [[" + first + ", " + last + "]]}"));
        for (String weighting : List.of("mean", "sif", "fasttext")) {
            requests.add(new Request("/similarity", "{" + m + "\"text1\": " + text + ", \"text2\": " + last
                    + ", \"weighting\": \"" + weighting + "\"}"));
            requests.add(new Request("/sentence-vector", "{" + m + "\"texts\": [" + text + ", " + first + "], "
                    + "\"weighting\": \"" + weighting + "\", \"normalize\": true}"));
        }
        requests.add(new Request("/sentence-vector", "{" + m + "\"texts\": [" + text + ", " + first + ", " + last
                + "], \"weighting\": \"sif\", \"removePc\": true, \"preNormalize\": true}"));
        for (String method : List.of("add", "mul")) {
            requests.add(new Request("/analogy", "{" + m + "\"positive\": [" + first + ", " + last + "], \"negative\": ["
                    + first + "], \"method\": \"" + method + "\"}"));
            requests.add(new Request("/analogy", "{" + m + "\"positive\": [" + last + "], \"method\": \"" + method
                    + "\", \"k\": 10}"));
        }
        requests.add(new Request("/analogy", "{" + m + "\"negative\": [" + first + "]}"));
        requests.add(new Request("/doesnt-match", "{" + m + "\"words\": " + all + "}"));
        requests.add(new Request("/word-movers-distance", "{" + m + "\"text1\": " + text + ", \"text2\": " + last + "}"));
        requests.add(new Request("/word-movers-distance", "{" + m + "\"text1\": " + first + ", \"text2\": " + first + "}"));
        requests.add(new Request("/word-movers-ranking", "{" + m + "\"text\": " + first + ", \"documents\": [" + text
                + ", " + last + "]}"));
        requests.add(new Request("/v1/embeddings", "{" + m + "\"input\": [" + text + ", " + first + "]}"));
        requests.add(new Request("/v1/embeddings", "{" + m + "\"input\": " + first + ", \"dimensions\": 1}"));
        requests.add(new Request("/v1/embeddings", "{" + m + "\"input\": " + first + ", \"encoding_format\": \"base64\"}"));
        requests.add(new Request("/embed?model=" + model, "{\"inputs\": [" + text + "], \"normalize\": true}"));
        requests.add(new Request("/tokenize?model=" + model, "{\"inputs\": " + text + "}"));
        requests.add(new Request("/projection", "{" + m + "\"words\": " + all + "}"));
        requests.add(new Request("/projection", "{" + m + "\"words\": " + all + ", \"dims\": 3}"));
        String pairs = words.get(0) + "\\t" + words.get(words.size() - 1) + "\\t1\\n" + words.get(0) + "\\t"
                + words.get(0) + "\\t9\\n" + words.get(words.size() - 1) + "\\t" + words.get(0) + "\\t4\\n";
        String questions = ": s\\n" + String.join(" ", words.subList(0, Math.min(4, words.size()))) + "\\n";
        requests.add(new Request("/models/" + model + "/evaluate", "{\"pairs\": [{\"name\": \"p\", \"text\": \"" + pairs
                + "\"}], \"analogies\": {\"name\": \"q\", \"text\": \"" + questions + "\"}}"));
        requests.add(new Request("/models/" + model + "/evaluate", "{\"analogies\": {\"name\": \"q\", \"text\": \""
                + questions + "\"}, \"method\": \"mul\", \"dummy4unknown\": true}"));
        return requests;
    }

    private static String list(List<String> words) {
        return words.stream().map(Http::quote).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
}
