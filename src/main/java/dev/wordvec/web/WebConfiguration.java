package dev.wordvec.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamWriteFeature;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /**
     * Writes each float32 in its shortest exact form (0.418, not 0.41800001): Jackson's fast
     * writer uses Schubfach, while Float.toString on Java 17 is not always shortest.
     */
    @Bean
    JsonMapperBuilderCustomizer shortestFloats() {
        return builder -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
    }

    /**
     * Lets a word with a slash be asked for as {@code /vector/a%2Fb}: Tomcat rejects an encoded
     * slash by default; passed through, Spring decodes it inside the path variable.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashInWords() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}
