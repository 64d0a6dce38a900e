package dev.wordvec.web;

import dev.wordvec.cli.OutOfMemory;
import dev.wordvec.contextual.QueueBudget;
import dev.wordvec.http.HealthComponentFilter;
import dev.wordvec.http.JsonMistakes;
import dev.wordvec.http.HungUpCallers;
import dev.wordvec.http.LimitExceededException;
import dev.wordvec.http.OpenAiError;
import dev.wordvec.http.ProblemWriter;
import dev.wordvec.http.RequestOutOfMemory;
import dev.wordvec.http.RequestPaths;
import dev.wordvec.http.ServicePaths;
import dev.wordvec.models.ModelNotReadyException;
import dev.wordvec.models.ModelReloadException;
import dev.wordvec.models.UnknownModelException;
import dev.wordvec.query.InvalidRequestException;
import dev.wordvec.query.NotAContextualModelException;
import dev.wordvec.query.NotAWordModelException;
import dev.wordvec.vectors.ModelClosedException;
import dev.wordvec.query.UnknownWordException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as an RFC 9457 problem ({@code application/problem+json}) with a stable
 * {@code type}, a {@code detail} a person can act on, and the offending value as a property.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** The controllers' routes, to tell whether a path without its doubled or trailing '/' is one. */
    private final ObjectProvider<RequestMappingHandlerMapping> routes;
    /** Where actuator and the API documents are, for the health components' problem and the no-route hints. */
    private final ServicePaths paths;

    ProblemHandler(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> routes,
            Environment environment) {
        this.routes = routes;
        this.paths = ServicePaths.from(environment);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        return ProblemWriter.problem(status, type, title, detail);
    }

    @ExceptionHandler
    ProblemDetail unknownWord(UnknownWordException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "unknown-word", "Unknown word", e.getMessage());
        // "word" names the first, for the common single-word case; "words" lists them all, always.
        problem.setProperty("word", e.words().get(0));
        problem.setProperty("words", e.words());
        problem.setProperty("model", e.model());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknownModel(UnknownModelException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "unknown-model", "Unknown model", e.getMessage());
        problem.setProperty("model", e.model());
        problem.setProperty("models", e.known());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> modelNotReady(ModelNotReadyException e) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "model-not-ready", "Model not ready",
                e.getMessage());
        problem.setProperty("model", e.model());
        // Not "status": RFC 9457 reserves it for the HTTP status, a number.
        problem.setProperty("modelStatus", e.status().name().toLowerCase(Locale.ROOT));
        return retryLater(problem);
    }

    /** A model closed under the request (shutting down, or being replaced): retry, never a 500. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> modelClosed(ModelClosedException e) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "model-closed", "Model closed", e.getMessage()));
    }

    /** The contextual models' queue is full: a request refused before it cost anything, to send again. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> busy(QueueBudget.QueueFullException e) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy", e.getMessage()));
    }

    /** A 503 that tells the client when to ask again. */
    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                ProblemWriter.RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /** The file could not be loaded again; the version before keeps answering. */
    @ExceptionHandler
    ProblemDetail reloadFailed(ModelReloadException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "reload-failed", "Reload failed",
                e.getMessage());
        problem.setProperty("model", e.model());
        problem.setProperty("version", e.version());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notAContextualModel(NotAContextualModelException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "not-a-contextual-model", "Not a contextual model",
                e.getMessage());
        problem.setProperty("model", e.model());
        problem.setProperty("kind", "words");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notAWordModel(NotAWordModelException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "not-a-word-model", "Not a word-vector model",
                e.getMessage());
        problem.setProperty("model", e.model());
        problem.setProperty("kind", e.kind());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }

    @ExceptionHandler
    ProblemDetail limitExceeded(LimitExceededException e) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "limit-exceeded", "Request over a limit",
                e.getMessage());
        problem.setProperty("field", e.field());
        problem.setProperty("size", e.size());
        problem.setProperty("limit", e.limit());
        return problem;
    }

    /** A query string Tomcat could not decode ({@code ?k=%zz}): the client's mistake, not ours. */
    @ExceptionHandler
    ProblemDetail undecodableQuery(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                "the query string could not be decoded: check its percent-encoding (a literal % is %25)");
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        String path = RequestPaths.within(request);
        if (e instanceof IllegalStateException && paths.isHealthComponent(path)) {
            // Spring Boot's health endpoint fails an assertion ("'contributor' must not be null") on a
            // path below a component it does not have (/actuator/health/a/b), where /actuator/health/a is a 404.
            return problem(HttpStatus.NOT_FOUND, "no-route", "No such health component",
                    HealthComponentFilter.noComponent(path, paths, request.getContextPath()));
        }
        OutOfMemoryError memory = OutOfMemory.in(e);
        if (memory != null) {
            log.warn("A request to {} ran out of memory: {}", path, memory.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "out-of-memory", "Out of memory",
                    RequestOutOfMemory.detail(memory, Runtime.getRuntime().maxMemory()));
        }
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the service failed to answer (" + e.getClass().getSimpleName() + "); the log has the details");
    }

    /**
     * A path no route answers: says so and where the routes are listed, instead of Spring's "No
     * static resource". Routes of the APIs wordvec mirrors but does not serve (TEI's re-ranking,
     * classification and sparse models; OpenAI's endpoints other than embeddings) say what it
     * serves instead, since a client pointed at the wrong service is the usual cause.
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // The path within the service (behind server.servlet.context-path too), and as it was asked.
        String path = "/" + ex.getResourcePath();
        String asked = path;
        String within = path;
        String base = "";
        if (request instanceof ServletWebRequest servlet) {
            asked = servlet.getRequest().getRequestURI();
            within = RequestPaths.within(servlet.getRequest());
            base = servlet.getRequest().getContextPath();
        }
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "no-route", "No such route",
                noRoute(ex.getHttpMethod().name(), path, asked, within, base));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
    }

    /** Why nothing answers {@code path}, and where to look, beneath {@code base}: the context path. */
    private String noRoute(String method, String path, String asked, String within, String base) {
        String route = "no route " + method + " " + asked;
        // A base URL ending in '/' joined with "/similarity" gives "//similarity"; routes match as written.
        String meant = withoutExtraSlashes(within);
        if (!meant.equals(within) && isRoute(method, meant)) {
            return route + ": paths are matched as written, without a doubled or trailing '/': did you mean " + method
                    + " " + withoutExtraSlashes(asked) + "?";
        }
        if (path.startsWith("/v1/")) {
            return route + ": wordvec serves OpenAI's embeddings API (POST /v1/embeddings, GET /v1/models, "
                    + "GET /v1/models/{id})";
        }
        String tei = "TEI's routes for embedding models are served: /embed, /embed_all, /tokenize, /decode, /info and "
                + "POST / (sentence similarity)";
        return switch (path) {
            case "/rerank" -> route + ": TEI's /rerank needs a re-ranker (a cross-encoder), which wordvec does not "
                    + "serve; " + tei;
            case "/predict" -> route + ": TEI's /predict needs a classifier, which wordvec does not serve; " + tei;
            case "/embed_sparse" -> route + ": TEI's /embed_sparse needs a sparse (SPLADE) model, which wordvec "
                    + "does not serve; " + tei;
            case "/metrics" -> route + ": the metrics are at " + base + paths.prometheus();
            default -> route + "; the routes are listed in the OpenAPI document at " + base + paths.apiDocs()
                    + " (Swagger UI: " + base + paths.swaggerUiPage() + ")";
        };
    }

    private static String withoutExtraSlashes(String path) {
        String single = path.replaceAll("/{2,}", "/");
        return single.length() > 1 && single.endsWith("/") ? single.substring(0, single.length() - 1) : single;
    }

    /** Whether a controller answers {@code method} on {@code path} (within the service). */
    private boolean isRoute(String method, String path) {
        RequestMappingHandlerMapping mapping = routes.getIfAvailable();
        if (mapping == null) {
            return false;
        }
        PathContainer container = PathContainer.parsePath(path);
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            boolean answers = methods.isEmpty() || methods.stream().anyMatch(m -> m.name().equals(method));
            if (answers && info.getPathPatternsCondition() != null && info.getPathPatternsCondition().getPatterns()
                    .stream().anyMatch(pattern -> pattern.matches(container))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Under {@code /v1/} every error Spring raises (an unknown path, a wrong method or media type)
     * answers in OpenAI's shape, which the SDKs parse; elsewhere as a problem.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (request instanceof ServletWebRequest servlet
                && servlet.getResponse() != null && servlet.getResponse().isCommitted()
                && HungUpCallers.hungUp(ex)) {
            // Spring would log "Response already committed" as a warning for each.
            HungUpCallers.log(servlet.getRequest(), ex);
            return null;
        }
        if (request instanceof org.springframework.web.context.request.ServletWebRequest servlet
                && ProblemWriter.forOpenAi(servlet.getRequest())) {
            String message = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                    : ex.getMessage();
            HttpStatus status = HttpStatus.valueOf(statusCode.value());
            return ResponseEntity.status(status).headers(headers).contentType(org.springframework.http.MediaType
                    .APPLICATION_JSON).body(OpenAiError.forStatus(status, message));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /**
     * A method the route does not take: which it does, on which path ("PUT is not allowed on
     * /similarity; it takes POST"), as the error path says it for TRACE, rather than Spring's
     * "Method 'PUT' is not supported.". The body keeps Spring's shape (no type), and the Allow header.
     */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            org.springframework.web.HttpRequestMethodNotSupportedException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        if (request instanceof ServletWebRequest servlet && ex.getSupportedHttpMethods() != null) {
            List<String> methods = ex.getSupportedHttpMethods().stream().map(Object::toString).sorted().toList();
            problem.setDetail(ex.getMethod() + " is not allowed on " + RequestPaths.within(servlet.getRequest())
                    + "; it takes " + String.join(" or ", methods));
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /**
     * An Accept header that takes no JSON: what it asked for, and what to send instead, rather
     * than Spring's "Acceptable representations: [...]".
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            org.springframework.web.HttpMediaTypeNotAcceptableException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        ProblemDetail problem = ex.getBody();
        String accept = String.valueOf(request.getHeader(HttpHeaders.ACCEPT));
        problem.setDetail("the Accept header (" + (accept.length() > 100 ? accept.substring(0, 100) + "..." : accept)
                + ") takes none of what wordvec answers, which is JSON: send Accept: application/json, or no Accept "
                + "header");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** A body that is not sent as JSON: what to send instead, and the types read (Spring's Accept header). */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", JsonMistakes.notJson(ex));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
    }

    /**
     * A query parameter or path variable that is not of its type ({@code k=abc}, a {@code k} past
     * an int's range): what it must be, and the value sent, instead of Spring's "Failed to convert".
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName() : ex.getPropertyName();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "'" + field + "' must be " + expected(ex.getRequiredType(), ex.getValue()) + ", not '" + ex.getValue() + "'");
        problem.setProperty("field", field);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A required query parameter not sent (word2vec-api's {@code w1}, {@code ws1}, {@code positive}):
     * an invalid request naming it, as the other refusals of a request's parameters are.
     */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "query parameter '" + ex.getParameterName() + "' is missing; this route needs it");
        problem.setProperty("field", ex.getParameterName());
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** What a parameter of {@code type} takes; the range of an int only when {@code value} is a whole number past it. */
    private static String expected(Class<?> type, Object value) {
        if (type == int.class || type == Integer.class) {
            String text = String.valueOf(value).strip();
            return !text.matches("[+-]?\\d+") ? "a whole number"
                    : text.startsWith("-") ? "a whole number no smaller than " + Integer.MIN_VALUE
                    : "a whole number no larger than " + Integer.MAX_VALUE;
        } else if (type == long.class || type == Long.class) {
            return "a whole number";
        } else if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
            return "a number";
        } else if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        } else if (type != null && type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                    .toList();
        }
        return "a " + (type == null ? "value of its type" : type.getSimpleName());
    }

    /**
     * {@code inputs} is text-embeddings-inference's field: a TEI client pointed at a wordvec route
     * learns where its body is answered. (TEI's own {@code POST /similarity} takes
     * {@code {"inputs": {"source_sentence", "sentences"}}}, which wordvec answers on {@code POST /}.)
     */
    private static String teiHint(WebRequest request) {
        String path = request instanceof ServletWebRequest servlet ? RequestPaths.within(servlet.getRequest()) : "";
        return path.equals("/similarity")
                ? ". TEI's sentence-similarity body ({\"inputs\": {\"source_sentence\": ..., \"sentences\": [...]}}) "
                        + "is answered on POST /"
                : ". 'inputs' is TEI's field: TEI's bodies are answered on POST /embed, /embed_all, /tokenize, "
                        + "/decode and POST / (sentence similarity)";
    }

    /** Says what is wrong with the JSON and where, instead of Spring's generic "Failed to read request". */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A mistyped option: a 400 naming it and the fields that exist, rather than a default applied silently.
        if (ex.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of() : unknown.getKnownPropertyIds()
                    .stream().map(String::valueOf).sorted().toList();
            String path = JsonMistakes.path(unknown);
            String field = path.startsWith("$.") ? path.substring(2) : unknown.getPropertyName();
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "unknown field '" + field + "'; the fields there are " + String.join(", ", known)
                    + (field.equals("inputs") ? teiHint(request) : ""));
            problem.setProperty("field", field);
            return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        JsonMistakes.WrongType wrong = ex.getMostSpecificCause() instanceof JacksonException json
                ? JsonMistakes.wrongType(json) : null;
        if (wrong != null) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", wrong.detail());
            if (wrong.field() != null) {
                problem.setProperty("field", wrong.field());
            }
            return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        String detail;
        if (ex.getMostSpecificCause() instanceof JacksonException json) {
            detail = "malformed JSON body" + where(json) + ": " + JsonMistakes.syntax(json);
        } else if (JsonMistakes.bodyMissing(ex)) {
            detail = "the request needs a JSON body";
        } else {
            detail = "the request body cannot be read: " + JsonMistakes.firstLine(ex.getMostSpecificCause().getMessage());
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String where(JacksonException json) {
        String path = JsonMistakes.path(json);
        if (!path.isEmpty()) {
            return " at " + path;
        }
        if (json.getLocation() != null && json.getLocation().getLineNr() > 0) {
            return " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr();
        }
        return "";
    }
}
