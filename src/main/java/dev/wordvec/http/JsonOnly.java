package dev.wordvec.http;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bodies are JSON, read by the strict mapper (unknown fields, duplicate keys and mistyped values
 * refused). Spring adds a YAML converter whenever a Jackson YAML module is on the class path
 * (springdoc brings one), and YAML bodies then went through a mapper with none of those checks:
 * {@code k: 3.7} was read as 3 and a misspelt option was ignored. So the API reads and writes JSON
 * only; a YAML body is a 415 and a request accepting only YAML a 406. springdoc writes its YAML
 * document itself and keeps it.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnly implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(
                converter -> converter.getSupportedMediaTypes().stream().anyMatch(JsonOnly::isYaml)));
    }

    /** {@code application/yaml} or a {@code +yaml} type; not the wildcards of the string and byte converters. */
    private static boolean isYaml(MediaType type) {
        return type.getSubtype().equals("yaml") || type.getSubtype().endsWith("+yaml");
    }
}
