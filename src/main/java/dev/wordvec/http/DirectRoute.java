package dev.wordvec.http;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.core.convert.ConversionService;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * A route that {@link DirectRoutes} answers in front of Spring MVC's dispatch. It reads the
 * request as MVC would, calls the controller's own method and writes the result with the
 * application's JSON mapper, so its answers are MVC's, byte for byte: only the handler lookup,
 * argument resolution and return-value handling are skipped.
 *
 * <p>Two stages, so that a controller never runs twice: {@link #prepare} reads the arguments and
 * may decline (null, or any exception: MVC then takes the request from the start); the call it
 * returns runs the controller, whose exceptions MVC's own exception handlers answer, for
 * {@link #handler()}.
 */
public interface DirectRoute {

    /** {@code GET} or {@code POST}; a {@code POST} route gets the request's JSON body. */
    String method();

    /** The route's pattern as MVC maps it ({@code /vector/{word}}), for the metrics' {@code uri} tag. */
    String pattern();

    /** Whether this route answers the path (without the context path). */
    boolean matches(String path);

    /** The controller method called, for MVC's exception handlers (which are chosen by controller). */
    HandlerMethod handler();

    /**
     * The controller's call for a plain request, its arguments read; null to leave the request
     * to MVC. Nothing with an effect runs here.
     *
     * @param path the request's path without the context path, not decoded
     * @param body the request's JSON body for a {@code POST} route; null for a {@code GET} one
     */
    Supplier<Answer> prepare(HttpServletRequest request, String path, byte[] body);

    /** An answer: status, JSON and the headers the controller set. */
    record Answer(int status, byte[] json, Map<String, List<String>> headers) {

        /** A controller's result (a body, or a {@code ResponseEntity}), written as MVC writes {@code writer}'s type. */
        static Answer of(ObjectWriter writer, Object result) {
            if (!(result instanceof ResponseEntity<?> entity)) {
                return new Answer(200, writer.writeValueAsBytes(result), Map.of());
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            entity.getHeaders().forEach(headers::put);
            return new Answer(entity.getStatusCode().value(), writer.writeValueAsBytes(entity.getBody()), headers);
        }
    }

    /**
     * {@code GET prefix{segment}}: {@code arguments} gets the last path segment decoded as MVC
     * decodes a path variable (a {@code %2F} inside it included) and returns the controller's
     * call. A path with a further raw {@code /}, or a {@code .} or {@code ..} segment, is left to MVC.
     */
    static DirectRoute get(String prefix, String pattern, HandlerMethod handler, ObjectWriter writer,
            BiFunction<HttpServletRequest, String, Supplier<Object>> arguments) {
        return new JsonRoute("GET", prefix, pattern, true, handler, writer, (request, path, body) -> {
            String segment = path.substring(prefix.length());
            if (segment.isEmpty() || segment.indexOf('/') >= 0 || segment.equals(".") || segment.equals("..")) {
                return null;
            }
            return arguments.apply(request, UriUtils.decode(segment, StandardCharsets.UTF_8));
        });
    }

    /**
     * {@code GET path}, its arguments all in the query: {@code arguments} reads them and returns the
     * controller's call.
     */
    static DirectRoute get(String path, HandlerMethod handler, ObjectWriter writer,
            Function<HttpServletRequest, Supplier<Object>> arguments) {
        return new JsonRoute("GET", path, path, false, handler, writer,
                (request, ignored, body) -> arguments.apply(request));
    }

    /**
     * {@code POST path} with a JSON body, read by {@code reader} as MVC reads a {@code @RequestBody};
     * {@code arguments} gets the request and the body and returns the controller's call.
     */
    static <T> DirectRoute post(String path, HandlerMethod handler, ObjectReader reader, ObjectWriter writer,
            BiFunction<HttpServletRequest, T, Supplier<Object>> arguments) {
        return new JsonRoute("POST", path, path, false, handler, writer, (request, ignored, body) -> {
            T parsed = body.length == 0 ? null : reader.readValue(body);
            return parsed == null ? null : arguments.apply(request, parsed);
        });
    }

    /**
     * A query parameter as MVC gives a {@code String} argument, or null when absent; a repeated
     * parameter (which MVC joins with commas) is declined.
     */
    static String parameter(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return null;
        }
        if (values.length != 1) {
            throw new IllegalArgumentException("'" + name + "' repeated: left to MVC");
        }
        return values[0];
    }

    /**
     * A parameter's values as MVC gives a {@code List<String>} argument, or null when absent. MVC
     * splits a lone value at its commas and trims the parts, so such a value (or an empty one) is
     * declined; repeated values are taken as they are, as MVC takes them.
     */
    static List<String> parameters(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return null;
        }
        if (values.length == 1 && (values[0].isEmpty() || values[0].indexOf(',') >= 0
                || !values[0].equals(values[0].trim()))) {
            throw new IllegalArgumentException("'" + name + "' is split by MVC: left to it");
        }
        return List.of(values);
    }

    /**
     * A query parameter converted to {@code type} by {@code conversion} (MVC's own
     * {@code mvcConversionService}, so that {@code k=0x10} or {@code exact=on} mean what they
     * mean to MVC), or null when absent or empty. A value that does not convert throws, and the
     * request goes to MVC, which answers it with its usual problem.
     */
    static <T> T parameter(HttpServletRequest request, String name, ConversionService conversion, Class<T> type) {
        String value = parameter(request, name);
        return value == null ? null : conversion.convert(value, type);
    }

    /** The controller's method {@code name} with these parameter types, checked when the route is made. */
    static HandlerMethod handler(Object controller, String name, Class<?>... parameterTypes) {
        Method method = ReflectionUtils.findMethod(controller.getClass(), name, parameterTypes);
        if (method == null) {
            throw new IllegalStateException("no method " + name + " on " + controller.getClass().getName());
        }
        return new HandlerMethod(controller, method);
    }
}
