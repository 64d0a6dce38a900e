package dev.wordvec.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * IDEs complete {@code wordvec.*} from the metadata the configuration processor writes: every
 * setting the README documents is in it, with a description.
 */
class ConfigurationMetadataTests {

    @Test
    void everySettingTheReadmeDocumentsIsInTheMetadata() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's output").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        Set<String> described = new HashSet<>();
        Set<String> listed = new HashSet<>();
        for (JsonNode property : metadata.get("properties")) {
            listed.add(property.get("name").asString());
            if (property.has("description") && !property.get("description").asString().isBlank()) {
                described.add(property.get("name").asString());
            }
        }
        Set<String> groups = new HashSet<>();
        metadata.get("groups").forEach(group -> groups.add(group.get("name").asString()));
        // Each model's settings, nested groups (hnsw.m) included, as their kebab-case paths.
        Set<String> perModel = new HashSet<>();
        addSettings(WordvecProperties.Model.class, "", perModel);
        Matcher keys = Pattern.compile("`(wordvec\\.[a-z0-9.<>-]+)`").matcher(Files.readString(Path.of("README.md")));
        Set<String> documented = new TreeSet<>();
        while (keys.find()) {
            documented.add(keys.group(1));
        }
        assertThat(documented).hasSizeGreaterThan(15);
        for (String key : documented) {
            if (key.startsWith("wordvec.models.<name>.")) {
                assertThat(listed).as("the map of models").contains("wordvec.models");
                assertThat(perModel).as(key).contains(key.substring("wordvec.models.<name>.".length()));
            } else if (!key.contains("<") && !groups.contains(key) && !listed.contains(key)) {
                assertThat(described).as("%s in the metadata, with a description", key).contains(key);
            } else if (listed.contains(key) && !groups.contains(key)) {
                assertThat(described).as("%s has a description", key).contains(key);
            }
        }
        assertThat(Arrays.stream(WordvecProperties.Model.class.getRecordComponents()).map(RecordComponent::getName))
                .contains("path", "source", "member", "watch");
    }

    private static void addSettings(Class<?> record, String prefix, Set<String> into) {
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            into.add(key);
            if (component.getType().isRecord()) {
                addSettings(component.getType(), key + ".", into);
            }
        }
    }
}
