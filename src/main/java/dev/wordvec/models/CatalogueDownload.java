package dev.wordvec.models;

import dev.wordvec.download.Catalogue;
import java.net.URI;
import java.nio.file.Path;

/**
 * A model named by {@code source}: its catalogue entry, where it is fetched from, and the file it
 * is kept in.
 *
 * @param mirrored whether {@code url} is below {@code wordvec.catalogue.mirror}
 * @param attempts tries, each going on from where the last broke
 * @param backOff the wait before the second try, doubled before each next one
 */
record CatalogueDownload(Catalogue.Entry entry, URI url, Path file, boolean mirrored, int attempts,
        java.time.Duration backOff) {
}
