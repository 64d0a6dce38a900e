package dev.wordvec.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Collections;
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
 * @param texts the declared names whose value is text, where an empty value means itself (an empty
 *     {@code prefix}); an empty number or switch would mean its default
 * @param lists the declared names that take a list, given by repeating the parameter
 *     ({@code ?ws1=sushi&ws1=shop}, as word2vec-api's clients send them)
 */
public record QueryParameters(Set<String> names, Set<String> texts, Set<String> lists) {

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    /** Any parameter: none is refused. */
    public static final QueryParameters ANY = new QueryParameters(null, null, null);

    public static QueryParameters of(HandlerMethod handler) {
        String owner = handler.getBeanType().getPackageName();
        if (!owner.startsWith("dev.wordvec.") || owner.startsWith("dev.wordvec.openai")) {
            return ANY;
        }
        Set<String> names = new TreeSet<>();
        Set<String> texts = new TreeSet<>();
        Set<String> lists = new TreeSet<>();
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
            if (parameter.getParameterType() == String.class) {
                texts.add(name);
            }
            if (Collection.class.isAssignableFrom(parameter.getParameterType())) {
                lists.add(name);
            }
        }
        return new QueryParameters(Collections.unmodifiableSet(names), Collections.unmodifiableSet(texts),
                Collections.unmodifiableSet(lists));
    }

    /**
     * The request's first parameter this method refuses: one it does not declare, one given more
     * than once that is not a list (Spring would take the first and drop the rest) or a number or
     * switch given empty (Spring would apply the default, as if it had not been sent: {@code ?k=}
     * from a template with nothing in it); null when there is none.
     */
    public String refused(HttpServletRequest request) {
        if (names == null) {
            return null;
        }
        Enumeration<String> given = request.getParameterNames();
        while (given.hasMoreElements()) {
            String name = given.nextElement();
            if (lists.contains(name)) {
                continue;
            }
            String[] values = request.getParameterValues(name);
            if (!names.contains(name) || values.length != 1 || values[0].isEmpty() && !texts.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** Why {@code name} is refused in {@code request}, and what the route takes instead. */
    public String refusal(String name, HttpServletRequest request) {
        if (names.contains(name)) {
            String[] values = request.getParameterValues(name);
            return values.length > 1
                    ? "query parameter '" + name + "' is given " + values.length + " times ("
                            + String.join(", ", values) + "); give it once"
                    : "query parameter '" + name + "' is empty; give it a value, or leave it out for its default";
        }
        return "unknown query parameter '" + name + "'; " + (names.isEmpty() ? "this route takes none"
                : "the parameters here are " + String.join(", ", names));
    }
}
