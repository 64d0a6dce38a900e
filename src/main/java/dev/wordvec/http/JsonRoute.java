package dev.wordvec.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.databind.ObjectWriter;

/** A {@link DirectRoute} on one path ({@code prefix} false) or on the paths under a prefix. */
record JsonRoute(String method, String path, String pattern, boolean prefix, HandlerMethod handler,
        ObjectWriter writer, Arguments arguments) implements DirectRoute {

    /** Reads a request's arguments and returns the controller's call (null to decline). */
    interface Arguments {
        Supplier<Object> read(HttpServletRequest request, String path, byte[] body);
    }

    @Override
    public boolean matches(String requestPath) {
        return prefix ? requestPath.startsWith(path) : requestPath.equals(path);
    }

    @Override
    public Supplier<Answer> prepare(HttpServletRequest request, String requestPath, byte[] body) {
        Supplier<Object> call = arguments.read(request, requestPath, body);
        return call == null ? null : () -> Answer.of(writer, call.get());
    }
}
