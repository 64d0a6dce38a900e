package dev.wordvec;

import static dev.wordvec.SettingFailureAnalyzer.kebab;
import static dev.wordvec.SettingFailureAnalyzer.origin;
import static dev.wordvec.SettingFailureAnalyzer.uniform;

import dev.wordvec.cli.Spelling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.ResolvableType;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * The start-up report of a {@code wordvec.*} setting given a value it does not take, for
 * {@link SettingFailureAnalyzer}: for fixed choices ({@code format}, {@code dtype}, ...) the choices
 * as a configuration writes them and the one probably meant; for another kind of value (a whole
 * number, a duration such as 30s) what kind it takes, where Spring Boot names a Java type; for a
 * value out of bounds the setting in the settings' spelling and where it was set.
 */
final class SettingValueReport {

    private SettingValueReport() {
    }

    /** A value that could not be converted to the setting's type; null for a type left to Spring Boot's report. */
    static FailureAnalysis wrongValue(BindException bind) {
        Object[] choices = choices(bind);
        if (choices != null) {
            return notAChoice(bind, choices);
        }
        String kind = kind(bind.getTarget().getType().resolve(Object.class));
        return kind == null ? null : notOfKind(bind, kind);
    }

    /**
     * The constants of the enum a setting takes (one, or a list of them, as {@code case-fallback});
     * null for a setting of another type.
     */
    private static Object[] choices(BindException bind) {
        ResolvableType type = bind.getTarget().getType();
        if (type.asCollection() != ResolvableType.NONE) {
            type = type.asCollection().getGeneric(0);
        } else if (type.isArray()) {
            type = type.getComponentType();
        }
        Class<?> resolved = type.resolve();
        return resolved != null && resolved.isEnum() ? resolved.getEnumConstants() : null;
    }

    /**
     * {@code wordvec.models.glove.format=glovez}: a value the setting does not take. Spring Boot's
     * report names the Java enum and lists its constants in capitals ({@code FASTTEXT_BIN}); this one
     * lists them as they are written in a configuration ({@code fasttext-bin}), and the one probably meant.
     */
    private static FailureAnalysis notAChoice(BindException bind, Object[] constants) {
        List<String> accepted = new ArrayList<>();
        for (Object constant : constants) {
            accepted.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        ConfigurationProperty property = bind.getProperty();
        String given = property == null ? "" : String.valueOf(property.getValue());
        // A list is written with commas; the values Spring could not read are those matching no
        // constant (it matches ignoring case and punctuation), and each is put right if it can be.
        List<String> wrong = new ArrayList<>();
        List<String> corrected = new ArrayList<>();
        String[] values = given.split(",");
        for (String written : values) {
            String value = written.trim();
            if (accepted.stream().anyMatch(a -> uniform(a).equals(uniform(value)))) {
                corrected.add(value);
                continue;
            }
            wrong.add("'" + value + "'");
            Spelling.closest(value, accepted, SettingFailureAnalyzer::uniform).ifPresent(corrected::add);
        }
        String setting = bind.getName().toString();
        boolean list = !bind.getTarget().getType().resolve(Object.class).isEnum();
        return new FailureAnalysis(setting + " = \"" + given + "\"" + (property == null ? "" : origin(property)) + ": "
                + (wrong.isEmpty() ? "not a value it takes." : joined(wrong, "and")
                        + (wrong.size() == 1 ? " is not a value" : " are not values") + " it takes."),
                (!wrong.isEmpty() && corrected.size() == values.length
                        ? "Did you mean " + setting + "=" + String.join(",", corrected) + "? " : "")
                        + setting + (list ? " takes a list (commas between) of " : " takes ") + joined(accepted, "or")
                        + " (README.md, \"Configuration\").", bind);
    }

    /** What a value of {@code type} is, as the report says it; null for a type it leaves to Spring Boot's report. */
    private static String kind(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "a whole number (at most 2147483647)";
        }
        if (type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration, such as 30s, 500ms or 2m";
        }
        if (type == DataSize.class) {
            return "a size, such as 8MB or 512KB";
        }
        return null;
    }

    /** {@code wordvec.models.glove.limit=abc}: a value that is not of the setting's kind. */
    private static FailureAnalysis notOfKind(BindException bind, String kind) {
        ConfigurationProperty property = bind.getProperty();
        String setting = bind.getName().toString();
        return new FailureAnalysis(setting + (property == null ? "" : " = \"" + property.getValue() + "\""
                + origin(property)) + " is not " + kind + ".",
                "Set " + setting + " to " + kind + " (README.md, \"Configuration\").", bind);
    }

    /**
     * {@code wordvec.limits.max-k=-1}: a value outside the setting's bounds. Spring Boot's report
     * names the record's field ({@code wordvec.limits.maxK}) and not where it was set; this one
     * names the setting in the settings' spelling ({@code max-k}), and where it was set.
     */
    static FailureAnalysis outOfBounds(BindValidationException invalid) {
        ValidationErrors errors = invalid.getValidationErrors();
        List<String> described = new ArrayList<>();
        for (ObjectError error : errors.getAllErrors()) {
            if (!(error instanceof FieldError field)) {
                described.add(errors.getName() + ": " + error.getDefaultMessage() + ".");
                continue;
            }
            // The field is the records' path (models[GloVe].hnsw.efSearch); where it was set is the
            // bound property of the same name, compared loosely.
            String path = field.getObjectName() + "." + field.getField();
            ConfigurationProperty property = errors.getBoundProperties().stream()
                    .filter(p -> loose(p.getName().toString()).equals(loose(path))).findFirst().orElse(null);
            // Named by the path, whose map keys are as bound (a property's own name drops the _ of Big_1).
            described.add(kebabOutsideBrackets(path) + " = \"" + (property == null ? field.getRejectedValue() + "\""
                    : property.getValue() + "\"" + origin(property)) + ": " + field.getDefaultMessage() + ".");
        }
        return new FailureAnalysis(String.join("\n", described),
                "Change the value (the settings and their bounds: README.md, \"Configuration\").", invalid);
    }

    /**
     * A name compared whatever its case, punctuation and brackets: {@code models[Big_1].hnsw.efSearch}
     * is {@code models.big1.hnsw.ef-search}.
     */
    private static String loose(String name) {
        return name.replaceAll("\\[([^]]*)]", ".$1").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
    }

    /** The records' path in settings' spelling ({@code efSearch}: {@code ef-search}), map keys in brackets kept. */
    private static String kebabOutsideBrackets(String path) {
        StringBuilder kebab = new StringBuilder();
        Matcher key = Pattern.compile("\\[[^]]*]").matcher(path);
        int from = 0;
        while (key.find()) {
            kebab.append(kebab(path.substring(from, key.start()))).append(key.group());
            from = key.end();
        }
        return kebab.append(kebab(path.substring(from))).toString();
    }

    /** "a, b and c". */
    private static String joined(List<String> items, String last) {
        int end = items.size() - 1;
        return end == 0 ? items.get(0) : String.join(", ", items.subList(0, end)) + " " + last + " " + items.get(end);
    }
}
