package dev.wordvec.contextual;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sentence-transformers model's prompts: texts put before an input, by name ({@code "query":
 * "query: "}), as its {@code config_sentence_transformers.json} lists them; the one used when a
 * request names none ({@code default_prompt_name}); and whether the prompt's own tokens count in
 * the pooling (the Pooling module's {@code include_prompt}: false for models such as INSTRUCTOR,
 * whose instruction steers the network but is left out of the mean).
 *
 * @param byName the prompts, in the file's order
 * @param defaultName the prompt used when a request names none; null for none
 * @param pooled whether the prompt's tokens are pooled with the text's
 */
public record Prompts(Map<String, String> byName, String defaultName, boolean pooled) {

    /** No prompts: texts go to the network as given. */
    public static final Prompts NONE = new Prompts(Map.of(), null, true);

    public Prompts {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        if (defaultName != null && !byName.containsKey(defaultName)) {
            // Callers put the setting's name before it: "default_prompt_name 'x' is not among ...".
            throw new IllegalArgumentException("'" + defaultName + "' is not among the prompts " + byName.keySet());
        }
    }

    /**
     * The text to put before each input when a request names {@code name} (null: the default
     * prompt, if any); null when none applies.
     *
     * @throws IllegalArgumentException when the model has no prompt of that name
     */
    public String text(String name) {
        if (name == null) {
            return defaultName == null ? null : byName.get(defaultName);
        }
        String prompt = byName.get(name);
        if (prompt == null) {
            throw new IllegalArgumentException(byName.isEmpty() ? "it has no prompts"
                    : "its prompts are " + String.join(", ", byName.keySet()));
        }
        return prompt;
    }
}
