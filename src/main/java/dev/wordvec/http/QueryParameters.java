package dev.wordvec.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * The query parameters a controller method declares ({@code @RequestParam}), so that one it does
 * not have (gensim's {@code topn} for {@code k}, {@code restrict_vocab} for {@code restrictVocab})
 * is refused by name instead of ignored: the caller would get the default and never know. Only
 * wordvec's own API is checked: not the OpenAI routes, whose clients add parameters of their own
 * (Azure's {@code api-version}), nor the framework's (health, metrics, the API document).
 *
 * @param names the declared names, sorted; null when the method takes any
 */
public record QueryParameters(Set<String> names) {

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    /** Any parameter: none is refused. */
    public static final QueryParameters ANY = new QueryParameters(null);

    public static QueryParameters of(HandlerMethod handler) {
        String owner = handler.getBeanType().getPackageName();
        if (!owner.startsWith("dev.wordvec.") || owner.startsWith("dev.wordvec.openai")) {
            return ANY;
        }
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation == null) {
                continue;
            }
            if (Map.class.isAssignableFrom(parameter.getParameterType())) {
                return ANY;
            }
            String name = annotation.name();
            if (name.isEmpty()) {
                parameter.initParameterNameDiscovery(NAMES);
                name = parameter.getParameterName();
            }
            names.add(name);
        }
        return new QueryParameters(java.util.Collections.unmodifiableSet(names));
    }

    /** The request's first parameter this method does not declare; null when there is none. */
    public String unknown(HttpServletRequest request) {
        if (names == null) {
            return null;
        }
        Enumeration<String> given = request.getParameterNames();
        while (given.hasMoreElements()) {
            String name = given.nextElement();
            if (!names.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** Why {@code unknown} is refused, and what the route takes instead. */
    public String refusal(String unknown) {
        return "unknown query parameter '" + unknown + "'; " + (names.isEmpty() ? "this route takes none"
                : "the parameters here are " + String.join(", ", names));
    }
}
