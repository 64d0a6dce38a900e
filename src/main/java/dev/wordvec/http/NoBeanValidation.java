package dev.wordvec.http;

import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * MVC's validator, which validates nothing: each route checks its own arguments, naming the field
 * in its problem, and none carries {@code @Valid} (an architecture test keeps it so). Without it,
 * MVC would start Hibernate Validator at every start, as it is on the class path (for springdoc's
 * schema code only; see pom.xml), for half a second of CPU in a start from a text model.
 */
@Configuration(proxyBeanMethods = false)
class NoBeanValidation implements WebMvcConfigurer {

    @Override
    public Validator getValidator() {
        return new Validator() {
            @Override
            public boolean supports(Class<?> type) {
                return false;
            }

            @Override
            public void validate(Object target, Errors errors) {
                // Supports nothing, so never called.
            }
        };
    }
}
