package dev.wordvec.word2vecapi;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.wordvec.http.LimitExceededException;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.pickle.PickledSet;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.query.OovPolicy;
import dev.wordvec.query.UnknownWordException;
import dev.wordvec.query.WordModel;
import dev.wordvec.vectors.Neighbor;
import dev.wordvec.vectors.Term;
import dev.wordvec.vectors.VectorMath;
import dev.wordvec.vectors.Vocabulary;
import dev.wordvec.vectors.WordMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The routes of word2vec-api (3Top's Flask service over gensim, the classic word-vector web
 * service), with its parameters and answers, so that its clients can be pointed at wordvec
 * unchanged: a JSON number for the similarities, {@code [[word, score], ...]} by 3CosMul (gensim's
 * {@code most_similar_cosmul}, which word2vec-api calls) for the nearest words, and base64 strings
 * for a vector and the vocabulary. As in word2vec-api, words of a set or a query that the model
 * does not know are left out (their names come back in the {@code X-Wordvec-Unknown-Words}
 * header, so they are not dropped unseen); where word2vec-api failed with a 500 or answered
 * {@code null} (an unknown word alone, nothing left to ask), these answer wordvec's problems. The
 * default model answers, or the one {@code model} names (a wordvec extension).
 */
@RestController
@Tag(name = "word2vec-api")
class Word2VecApiController {

    /** The words a set or query left out, percent-encoded (UTF-8) and separated by commas. */
    static final String UNKNOWN_WORDS = "X-Wordvec-Unknown-Words";
    private static final String UNKNOWN_DESCRIPTION = "The words left out as unknown, percent-encoded (UTF-8) and "
            + "separated by commas; absent when every word was known";

    private final ModelRegistry registry;
    private final WordvecProperties.Limits limits;

    Word2VecApiController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.limits = properties.limits();
    }

    @Operation(operationId = "word2vecSimilarity", summary = "word2vec-api: two words' cosine similarity",
            description = """
            gensim's `similarity(w1, w2)`, as a JSON number. An unknown word is a 404 problem (word2vec-api \
            failed with a 500).""")
    @ApiResponse(responseCode = "200", description = "The cosine similarity", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "number", format = "float")))
    @GetMapping(path = "/word2vec/similarity", produces = MediaType.APPLICATION_JSON_VALUE)
    float similarity(@Parameter(description = "The first word.") @RequestParam String w1,
            @Parameter(description = "The second word.") @RequestParam String w2,
            @RequestParam(required = false) String model) {
        WordModel words = words(model);
        List<WordMatch> matches = words.resolve(List.of(w1, w2), words.oov(null, OovPolicy.ERROR));
        return words.similarity(matches.get(0), matches.get(1));
    }

    @Operation(operationId = "word2vecNSimilarity", summary = "word2vec-api: two word sets' cosine similarity",
            description = """
            gensim's `n_similarity(ws1, ws2)`, the cosine of the two sets' mean vectors, as a JSON number; \
            each set's words repeat the parameter (`?ws1=sushi&ws1=shop&ws2=japanese&ws2=restaurant`). \
            Unknown words are left out, as word2vec-api leaves them out, and named in the \
            `X-Wordvec-Unknown-Words` header; a set left with none is a 404 problem.""")
    @ApiResponse(responseCode = "200", description = "The cosine similarity of the sets' mean vectors",
            headers = @Header(name = UNKNOWN_WORDS, description = UNKNOWN_DESCRIPTION,
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(type = "number", format = "float")))
    @GetMapping(path = "/word2vec/n_similarity", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Float> nSimilarity(
            @Parameter(description = "The first set's words, the parameter repeated.") @RequestParam List<String> ws1,
            @Parameter(description = "The second set's words, the parameter repeated.") @RequestParam List<String> ws2,
            @RequestParam(required = false) String model) {
        WordModel words = words(model);
        List<WordMatch> set1 = resolve(words, "ws1", ws1);
        List<WordMatch> set2 = resolve(words, "ws2", ws2);
        return withUnknown(words.setSimilarity(known(words, "ws1", set1), known(words, "ws2", set2)), set1, set2);
    }

    @Operation(operationId = "word2vecMostSimilar", summary = "word2vec-api: nearest words by 3CosMul",
            description = """
            gensim's `most_similar_cosmul(positive, negative, topn)`, as word2vec-api asks it: \
            `[[word, score], ...]`, best first, without the query's words. `positive` (one or more, the \
            parameter repeated) and `negative` (optional) words; `topn` 10 by default. Unknown words are \
            left out and named in the `X-Wordvec-Unknown-Words` header; with no positive word left, a 404 \
            problem.""")
    @ApiResponse(responseCode = "200", description = "The nearest words, best first",
            headers = @Header(name = UNKNOWN_WORDS, description = UNKNOWN_DESCRIPTION,
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(
                    description = "A word and its 3CosMul score: `[word, score]`", types = "array"))))
    @GetMapping(path = "/word2vec/most_similar", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<List<Object>>> mostSimilar(
            @Parameter(description = "Words the answers are like, the parameter repeated.")
            @RequestParam List<String> positive,
            @Parameter(description = "Words the answers are unlike, the parameter repeated.")
            @RequestParam(required = false) List<String> negative,
            @Parameter(description = "How many answers (1 to `max-k`, default 10).")
            @RequestParam(required = false) Integer topn,
            @RequestParam(required = false) String model) {
        WordModel words = words(model);
        int k = topn == null ? 10 : topn;
        if (k < 1) {
            throw new InvalidRequestException("topn", "'topn' must be at least 1, was " + k);
        }
        if (k > limits.maxK()) {
            throw LimitExceededException.askedFor("topn", k, limits.maxK(), "results", "wordvec.limits.max-k");
        }
        List<WordMatch> pos = resolve(words, "positive", positive);
        List<WordMatch> neg = resolve(words, "negative", negative == null ? List.of() : negative);
        List<WordMatch> knownPos = known(words, "positive", pos);
        if (knownPos.stream().noneMatch(m -> words.hasDirection(List.of(words.term(m, 1))))) {
            throw new InvalidRequestException("positive", words.noDirection(knownPos));
        }
        List<Term> terms = new ArrayList<>();
        knownPos.forEach(m -> terms.add(words.term(m, 1)));
        neg.stream().filter(WordMatch::known).forEach(m -> terms.add(words.term(m, -1)));
        List<Neighbor> found = words.analogies(List.of(new WordModel.Analogy(terms, knownPos.size())), true, k, 0,
                true).neighbors().get(0);
        List<List<Object>> answer = found.stream().map(n -> List.<Object>of(n.word(), n.similarity())).toList();
        return withUnknown(answer, pos, neg);
    }

    @Operation(operationId = "word2vecModel", summary = "word2vec-api: a word's vector in base64",
            description = """
            The word's vector as stored (gensim's `model[word]`): its float32 values' bytes, little-endian, \
            in base64, as a JSON string (numpy: `np.frombuffer(base64.b64decode(s), dtype='<f4')`). An \
            unknown word is a 404 problem (word2vec-api answered `null`).""")
    @ApiResponse(responseCode = "200", description = "The vector's float32 bytes, little-endian, in base64",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(type = "string", contentEncoding = "base64")))
    @GetMapping(path = "/word2vec/model", produces = MediaType.APPLICATION_JSON_VALUE)
    Base64Vector vector(@Parameter(description = "The word.") @RequestParam String word,
            @RequestParam(required = false) String model) {
        WordModel words = words(model);
        float[] vector = words.vector(words.resolve(List.of(word), words.oov(null, OovPolicy.ERROR)).get(0));
        return new Base64Vector(VectorMath.base64(vector));
    }

    /**
     * A vector's float32 bytes in base64, written as a JSON string by the JSON mapper (a plain
     * {@code String} would go out unquoted, by MVC's text converter).
     */
    record Base64Vector(@JsonValue String base64) {
    }

    @Operation(operationId = "word2vecModelWordSet", summary = "word2vec-api: the vocabulary as a base64 pickle",
            description = """
            The model's words as a Python `set`, pickled (protocol 2, which Python 2 and 3 read) and in \
            base64, as a JSON string: `pickle.loads(base64.b64decode(s))`. Streamed: a large vocabulary is \
            tens of megabytes. `GET /models/{name}/words` pages through the same words as JSON.""")
    @ApiResponse(responseCode = "200", description = "The vocabulary, a pickled Python set, in base64",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(type = "string", contentEncoding = "base64")))
    @GetMapping(path = "/word2vec/model_word_set", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StreamingResponseBody> wordSet(@RequestParam(required = false) String model) {
        Vocabulary vocabulary = words(model).vectors().vocabulary();
        StreamingResponseBody body = out -> {
            out.write('"');
            try (OutputStream base64 = Base64.getEncoder().wrap(new KeepOpen(out))) {
                PickledSet.write(vocabulary.size(), vocabulary::utf8, base64);
            }
            out.write('"');
        };
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private WordModel words(String model) {
        return registry.require(ModelRegistry.named(model, null)).words();
    }

    /** The words looked up as word2vec-api's filter takes them: unknown ones stay, marked, to be left out. */
    private List<WordMatch> resolve(WordModel words, String field, List<String> given) {
        if (given.size() > limits.maxWords()) {
            throw new LimitExceededException(field, given.size(), limits.maxWords(), "words");
        }
        return words.resolve(given, OovPolicy.SKIP);
    }

    /** The known words of a set, which must keep one. */
    private static List<WordMatch> known(WordModel words, String field, List<WordMatch> matches) {
        if (matches.isEmpty()) {
            throw new InvalidRequestException(field, "'" + field + "' needs at least one word");
        }
        List<WordMatch> known = matches.stream().filter(WordMatch::known).toList();
        if (known.isEmpty()) {
            throw new UnknownWordException(words.name(), WordModel.unknown(matches), "'" + field
                    + "' needs at least one known word");
        }
        return known;
    }

    /** The answer, with the words that were left out named in a header when there are any. */
    private static <T> ResponseEntity<T> withUnknown(T answer, List<WordMatch> matches1, List<WordMatch> matches2) {
        List<WordMatch> all = new ArrayList<>(matches1);
        all.addAll(matches2);
        List<String> unknown = WordModel.unknown(all);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (!unknown.isEmpty()) {
            response.header(UNKNOWN_WORDS, unknown.stream().map(w -> URLEncoder.encode(w, StandardCharsets.UTF_8))
                    .collect(Collectors.joining(",")));
        }
        return response.body(answer);
    }

    /** The response's stream, left open when the base64 encoder closes to write its last bytes. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
