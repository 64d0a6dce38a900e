package dev.wordvec.web;

import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.RequestScope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Opens a {@link RequestScope} for each request, from its start to its end, so that a reload frees
 * the model it replaced only after the requests that took it have finished. Outside every other
 * filter, so that the direct routes, MVC and the error handling all run inside the scope.
 */
final class RequestScopeFilter implements Filter {

    private final RequestScope scope;

    RequestScopeFilter(RequestScope scope) {
        this.scope = scope;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean opened = scope.open();
        try {
            chain.doFilter(request, response);
        } finally {
            if (opened) {
                scope.close();
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<RequestScopeFilter> requestScopeFilter(ModelRegistry registry) {
            FilterRegistrationBean<RequestScopeFilter> registration = new FilterRegistrationBean<>(
                    new RequestScopeFilter(registry.requestScope()));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
