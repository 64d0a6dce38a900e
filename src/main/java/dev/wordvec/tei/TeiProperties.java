package dev.wordvec.tei;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TEI's routes, under {@code wordvec.tei.}.
 *
 * @param autoTruncate whether {@code /embed}, {@code /embed_all} and {@code POST /} cut an input over
 *     a contextual model's maximum tokens when the request does not say (TEI's {@code --auto-truncate};
 *     default false: such an input is a 413, unless the request sends {@code "truncate": true})
 */
@ConfigurationProperties(prefix = "wordvec.tei", ignoreUnknownFields = false)
public record TeiProperties(@DefaultValue("false") boolean autoTruncate) {
}
