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
 * is refused by name instead of ignored: the caller would get the default and never know.
 *
 * @param names the declared names, sorted; null when the method takes any (a {@code Map} of them)
 */
public record QueryParameters(Set<String> names) {

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    /** Any parameter: none is refused. */
    public static final QueryParameters ANY = new QueryParameters(null);

    public static QueryParameters of(HandlerMethod handler) {
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
        return new QueryParameters(Set.copyOf(names));
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

    /** The declared names, sorted, for a message: {@code k, model, oov}. */
    public String list() {
        return names == null ? "any" : String.join(", ", new TreeSet<>(names));
    }
}
