package dev.wordvec.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import dev.wordvec.download.Catalogue;
import dev.wordvec.models.ModelRegistry;
import dev.wordvec.models.WordvecProperties;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What {@code wordvec.models.<name>.source} and {@code download NAME} can name. */
@RestController
@Tag(name = "models")
class CatalogueController {

    private final ModelRegistry registry;
    private final String mirror;

    CatalogueController(ModelRegistry registry, WordvecProperties properties) {
        this.registry = registry;
        this.mirror = properties.catalogue().mirror();
    }

    /** One model of the catalogue, with the URL it is fetched from (below the mirror when one is set). */
    record CatalogueModel(String name, String url, Long size, String md5, String member, String format, Integer words,
            Integer dimension, String license) {
    }

    record CatalogueResponse(String mirror, List<CatalogueModel> models) {
    }

    @Operation(summary = "Models that can be named", description = "The catalogue: each model's name (for "
            + "`wordvec.models.<name>.source` and `java -jar wordvec.jar download NAME`), URL, size and MD5 where "
            + "published, format, size in words and dimensions, and licence.")
    @GetMapping("/catalogue")
    CatalogueResponse catalogue() {
        Catalogue catalogue = registry.catalogue();
        return new CatalogueResponse(mirror, catalogue.models().stream().map(e -> new CatalogueModel(e.name(),
                catalogue.url(e, mirror).toString(), e.size(), e.md5(), e.member(), e.format(), e.words(), e.dimension(),
                e.license())).toList());
    }
}
