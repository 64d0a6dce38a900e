package dev.wordvec.web;

import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.RequestsInFlight;
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
 * Counts each request from its start to its end ({@link RequestsInFlight}), so that a reload frees
 * the model it replaced only after the requests that may be using it have finished. Outside every
 * other filter, so that the direct routes, MVC and the error handling all run inside the count.
 */
final class RequestsInFlightFilter implements Filter {

    private final RequestsInFlight requests;

    RequestsInFlightFilter(RequestsInFlight requests) {
        this.requests = requests;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestsInFlight.Period period = requests.begin();
        try {
            chain.doFilter(request, response);
        } finally {
            requests.end(period);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<RequestsInFlightFilter> requestsInFlightFilter(ModelRegistry registry) {
            FilterRegistrationBean<RequestsInFlightFilter> registration = new FilterRegistrationBean<>(
                    new RequestsInFlightFilter(registry.requestsInFlight()));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
