package dev.wordvec.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpProperties.class)
class HttpConfiguration {

    private final HttpProperties http;
    /** Where actuator and the API documents are: what the key filter leaves open, and the health filter's paths. */
    private final ServicePaths paths;

    HttpConfiguration(HttpProperties http, Environment environment) {
        this.http = http;
        this.paths = ServicePaths.from(environment);
    }

    /**
     * CORS as a filter in front of the others, rather than in Spring MVC: a browser lets a page
     * read a response only if it carries the headers, so the 401 of a missing key and the 413
     * of a body too large must carry them too (they come from filters, before MVC). Pre-flights
     * are answered here and go no further. Off when no origins are configured.
     */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(JsonMapper json) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(http.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setExposedHeaders(List.of("WWW-Authenticate"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor(json));
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(!http.corsOrigins().isEmpty());
        return registration;
    }

    /** Checked first after CORS, so that a caller without a key cannot make the service read a body. */
    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(JsonMapper json) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
                new ApiKeyFilter(http.apiKeys(), paths, http.protectDocs(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setEnabled(!http.apiKeys().isEmpty());
        return registration;
    }

    @Bean
    FilterRegistrationBean<PathParameterFilter> pathParameterFilter(JsonMapper json) {
        FilterRegistrationBean<PathParameterFilter> registration = new FilterRegistrationBean<>(
                new PathParameterFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** After the key check: a caller without a key learns nothing about its query. */
    @Bean
    FilterRegistrationBean<QueryEncodingFilter> queryEncodingFilter(JsonMapper json) {
        FilterRegistrationBean<QueryEncodingFilter> registration = new FilterRegistrationBean<>(
                new QueryEncodingFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /** After API keys, so that only a caller with a key waits for a large body's turn. */
    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(JsonMapper json) {
        // A thirty-second of the heap: answering a body takes several times its size (a bulk
        // /v1/embeddings request about ten), so this keeps large requests to a third of the heap.
        long largeBodies = http.largeBodies() != null ? http.largeBodies().toBytes()
                : Math.max(1024, Runtime.getRuntime().maxMemory() / 32);
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(http.maxBodySize().toBytes(), new LargeBodies(largeBodies, http.heavyWait()),
                        json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** How much of large bodies is being answered, and how many wait, for dashboards and alerts. */
    @Bean
    MeterBinder largeBodyMeters(FilterRegistrationBean<BodySizeLimitFilter> bodies) {
        LargeBodies large = bodies.getFilter().largeBodies();
        return meters -> {
            Gauge.builder("wordvec.http.large.bodies", large, LargeBodies::inFlight).baseUnit("bytes")
                    .description("Bytes of large request bodies (over 64 KiB) being answered now").register(meters);
            Gauge.builder("wordvec.http.large.bodies.waiting", large, LargeBodies::waiting)
                    .description("Requests with large bodies waiting for their turn now").register(meters);
            Gauge.builder("wordvec.http.large.bodies.limit", large, LargeBodies::limit).baseUnit("bytes")
                    .description("The most they may total (wordvec.http.large-bodies)").register(meters);
        };
    }

    @Bean
    FilterRegistrationBean<HealthComponentFilter> healthComponentFilter(JsonMapper json) {
        HealthComponentFilter filter = new HealthComponentFilter(paths, json);
        FilterRegistrationBean<HealthComponentFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(filter.urlPattern());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
        return registration;
    }

    /** After API keys and the body limit, so that only a caller with a key, sending a body it may send, waits. */
    @Bean
    FilterRegistrationBean<HeavyRequestFilter> heavyRequestFilter(JsonMapper json) {
        int limit = http.heavyRequests() == 0 ? Runtime.getRuntime().availableProcessors() : http.heavyRequests();
        FilterRegistrationBean<HeavyRequestFilter> registration = new FilterRegistrationBean<>(
                new HeavyRequestFilter(limit, http.heavyWait(), json));
        registration.addUrlPatterns(HeavyRequestFilter.PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        return registration;
    }

    /** How many heavy requests run and wait, for dashboards and alerts. */
    @Bean
    MeterBinder heavyRequestMeters(FilterRegistrationBean<HeavyRequestFilter> heavy) {
        HeavyRequestFilter filter = heavy.getFilter();
        return meters -> {
            Gauge.builder("wordvec.http.heavy.running", filter, HeavyRequestFilter::running)
                    .description("Heavy requests (Word Mover's Distance, evaluations) running now").register(meters);
            Gauge.builder("wordvec.http.heavy.waiting", filter, HeavyRequestFilter::waiting)
                    .description("Heavy requests waiting for their turn now").register(meters);
            Gauge.builder("wordvec.http.heavy.limit", filter, HeavyRequestFilter::limit)
                    .description("Heavy requests that may run at once (wordvec.http.heavy-requests)").register(meters);
        };
    }

    /**
     * After CORS, API keys, the path check and the body limit, and inside the metrics'
     * observation, so that all of them apply to the direct routes as to the others.
     */
    @Bean
    FilterRegistrationBean<DirectRoutes> directRoutes(ObjectProvider<DirectRoute> routes,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionHandlers) {
        FilterRegistrationBean<DirectRoutes> registration = new FilterRegistrationBean<>(
                new DirectRoutes(routes.orderedStream().toList(), exceptionHandlers));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        registration.setEnabled(http.directRoutes());
        return registration;
    }

    /**
     * Replaces Tomcat's HTML error page with {@link ProblemErrorReportValve}, for the errors found
     * before Spring sees a request. Set as the host's error report valve class too, or Tomcat
     * would add its own when the host starts.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve());
            }
        });
    }

    /** With {@code wordvec.http.access-log}, a line a request in the log ({@link RequestLogValve}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestLog() {
        return factory -> {
            if (http.accessLog()) {
                factory.addEngineValves(new RequestLogValve(paths));
            }
        };
    }

    /**
     * Writes each float32 in its shortest exact form (0.418, not 0.41800001): Jackson's fast
     * writer uses Schubfach, while Float.toString on Java 17 is not always shortest.
     */
    @Bean
    JsonMapperBuilderCustomizer shortestFloats() {
        return builder -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
    }

    /**
     * A JSON value of the wrong type, or a field given twice, is a 400, not converted or
     * overwritten: Jackson by default reads 5 or true where a word is expected as the word "5" or
     * "true", 3.7 where a count is expected as 3, "3" as 3, and keeps the last of two "word1"s. The
     * documented types are the API; a client that sends another has a bug to hear about
     * ({@link JsonMistakes} words the answer). A whole number stays a valid float.
     */
    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder
                // {"word1": "a", "word1": "b"} is a client's bug too: Jackson kept the last one without a word.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule("strict-strings")
                        .addDeserializer(String.class, new StrictStringDeserializer())
                        .addDeserializer(float[].class, NumberListDeserializer.of(float[].class))
                        .addDeserializer(double[].class, NumberListDeserializer.of(double[].class)))
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    /**
     * Lets a word with a slash or a backslash be asked for as {@code /vector/a%2Fb} or
     * {@code /vector/%5C} (GloVe's and fastText's crawled vocabularies hold both): Tomcat rejects
     * either encoded by default; passed through, Spring decodes it inside the path variable, and
     * neither separates the path's segments.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesInWords() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }
}
