package dev.wordvec.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models that can be named instead of located: gensim-data's names ({@code glove-wiki-gigaword-100}),
 * Stanford's GloVe zips and fastText's crawl vectors, with where each is fetched from, its size and
 * checksum where published, its format and licence. The list is data, in
 * {@code src/main/resources/catalogue/catalogue.json}.
 *
 * @param origins each origin's base URL, by name
 */
public record Catalogue(Map<String, String> origins, List<Entry> models) {

    /**
     * One model.
     *
     * @param path the file's path below its origin's base URL (or below a mirror)
     * @param size the file's size in bytes, null when not published
     * @param md5 the file's MD5 in hex, null when not published
     * @param member for a zip, the member that holds this model
     * @param format the model file's format (as {@code wordvec.models.<name>.format} names it)
     */
    public record Entry(String name, String origin, String path, Long size, String md5, String member, String format,
            Integer words, Integer dimension, String license) {

        /** The downloaded file's name: the last part of its path. */
        public String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** The catalogue shipped in the jar. */
    public static Catalogue builtIn() {
        try (InputStream in = Catalogue.class.getResourceAsStream("/catalogue/catalogue.json")) {
            return JsonMapper.builder().build().readValue(in, Catalogue.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the jar's catalogue/catalogue.json cannot be read", e);
        }
    }

    /** A catalogue of one's own, in the same layout. */
    public static Catalogue read(java.nio.file.Path file) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return JsonMapper.builder().build().readValue(in, Catalogue.class);
        } catch (tools.jackson.core.JacksonException e) {
            // Jackson's own message ends with a "[Source: REDACTED ...]" line: the line and column say more.
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            throw new IllegalArgumentException("wordvec.catalogue.file " + file + " cannot be read as a catalogue: "
                    + where + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("wordvec.catalogue.file " + file + " cannot be read as a catalogue: "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@code name} is a catalogue name. */
    public boolean contains(String name) {
        return models.stream().anyMatch(m -> m.name().equals(name));
    }

    /**
     * The entry named {@code name}.
     *
     * @throws IllegalArgumentException naming the catalogue's models when there is none
     */
    public Entry entry(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("'" + name + "' is not in the catalogue; it names "
                        + models.stream().map(Entry::name).toList()));
    }

    /** Where {@code entry} is fetched from: below {@code mirror} when one is set, else below its origin. */
    public URI url(Entry entry, String mirror) {
        String base = mirror != null && !mirror.isBlank() ? mirror : origins.get(entry.origin());
        return URI.create(base.replaceAll("/+$", "") + "/" + entry.path());
    }
}
