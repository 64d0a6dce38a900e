package dev.wordvec;

import dev.wordvec.cli.Spelling;
import dev.wordvec.http.HttpProperties;
import dev.wordvec.memory.MemoryProperties;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.tei.TeiProperties;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.ConverterNotFoundException;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A start stopped by a {@code wordvec.*} setting that does not exist (a typo, a name in the wrong
 * place): the report names each one, where it was set, and the setting probably meant, instead of
 * Spring Boot's account of the binding target ("Binding to target [Bindable@5ec1963c type = ...]").
 * The names come from the settings' records, so they cannot drift from what is read. Likewise a
 * value that a setting does not take: for fixed choices ({@code format}, {@code dtype}, ...) the
 * choices as a configuration writes them, and the one probably meant; else what kind of value it
 * takes (a whole number, a duration such as 30s), where Spring Boot names a Java type.
 */
final class SettingFailureAnalyzer implements FailureAnalyzer, Ordered {

    /** Each class of settings under its prefix, longest first: the first prefix that fits a name is its section. */
    private static final Map<String, Class<?>> SECTIONS = sections(HttpProperties.class, TeiProperties.class,
            MemoryProperties.class, WordvecProperties.class);
    /**
     * Names people write for a setting that has another: a model's file is its {@code path}. (Not
     * {@code url}: a path is no URL, a download is; nor {@code dim}: dimensions are not {@code dtype}.)
     */
    private static final Map<String, String> MEANT = Map.of("file", "path", "filename", "path", "location", "path",
            "type", "format");

    /** For the value of a model's name given one, which the binding's failure does not carry. */
    private final Environment environment;

    SettingFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    /** The classes by the prefix their {@code @ConfigurationProperties} binds them under. */
    private static Map<String, Class<?>> sections(Class<?>... classes) {
        Map<String, Class<?>> sections = new LinkedHashMap<>();
        for (Class<?> type : classes) {
            ConfigurationProperties bound = type.getAnnotation(ConfigurationProperties.class);
            sections.put(bound.prefix().isEmpty() ? bound.value() : bound.prefix(), type);
        }
        return sections;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnboundConfigurationPropertiesException unbound) {
                return unknown(unbound.getUnboundProperties(), cause);
            }
            if (cause instanceof BindException bind && bind.getCause() instanceof ConverterNotFoundException
                    && isModelName(bind.getName())) {
                return modelGivenAValue(bind);
            }
            if (cause instanceof BindValidationException invalid
                    && invalid.getValidationErrors().getName().toString().startsWith("wordvec")) {
                return outOfBounds(invalid);
            }
            if (cause instanceof BindException bind && bind.getCause() instanceof ConversionFailedException
                    && bind.getName().toString().startsWith("wordvec.")) {
                Object[] choices = choices(bind);
                String kind = kind(bind.getTarget().getType().resolve(Object.class));
                if (choices != null) {
                    return notAChoice(bind, choices);
                }
                if (kind != null) {
                    return notOfKind(bind, kind);
                }
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // before Spring Boot's own analyzers of the same exceptions
    }

    private static FailureAnalysis unknown(Set<ConfigurationProperty> properties, Throwable cause) {
        if (properties.stream().anyMatch(p -> !p.getName().toString().startsWith("wordvec."))) {
            return null; // another application's settings (tests): Spring Boot's report
        }
        List<String> described = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (ConfigurationProperty property : properties) {
            described.add(property.getName() + " = \"" + property.getValue() + "\"" + origin(property)
                    + " is not a setting wordvec reads.");
            actions.add(advice(asWritten(property), property.getSource() != null
                    && property.getSource().getUnderlyingSource() instanceof SystemEnvironmentPropertySource));
        }
        return new FailureAnalysis(String.join("\n", described),
                String.join("\n", actions.stream().distinct().toList())
                        + "\nEvery setting is listed in README.md, \"Configuration\".", cause);
    }

    /** Which setting was probably meant, and the settings where the name was written. */
    static String advice(ConfigurationPropertyName name) {
        return advice(name, false);
    }

    /**
     * Which setting was probably meant; {@code environment}: the name came from an environment
     * variable, where {@code _} separates its parts, so no brackets can be written.
     */
    static String advice(ConfigurationPropertyName name, boolean environment) {
        Class<?> type = null;
        int next = 0;
        for (Map.Entry<String, Class<?>> section : SECTIONS.entrySet()) {
            ConfigurationPropertyName prefix = ConfigurationPropertyName.of(section.getKey());
            if (prefix.isAncestorOf(name)) {
                type = section.getValue();
                next = prefix.getNumberOfElements();
                break;
            }
        }
        StringBuilder where = new StringBuilder(name.chop(next).toString());
        Type current = type;
        int key = -1; // the element that named the last map entry
        String beforeKey = null;
        while (next < name.getNumberOfElements()) {
            Class<?> raw = raw(current);
            if (Map.class.isAssignableFrom(raw)) {
                key = next;
                beforeKey = where.toString();
                where.append('.').append(name.getElement(next++, ConfigurationPropertyName.Form.ORIGINAL));
                current = ((ParameterizedType) current).getActualTypeArguments()[1];
                continue;
            }
            if (!raw.isRecord()) {
                break;
            }
            String element = name.getElement(next, ConfigurationPropertyName.Form.UNIFORM);
            RecordComponent found = component(raw, element);
            if (found == null) {
                String bracketed = key == next - 1 ? bracketed(name, key, beforeKey, raw, environment) : null;
                return bracketed != null ? bracketed : suggestion(where.toString(), element, raw);
            }
            where.append('.').append(kebab(found.getName()));
            current = found.getGenericType();
            next++;
        }
        return "Remove it, or correct its name.";
    }

    /**
     * {@code wordvec.models.glove.6B.path}: a map key with a dot in it ("glove.6B"), which Spring
     * reads as the key "glove" and a setting "6B", unless the key is written in brackets. Found when
     * a later element of the name is one of the entry's settings; null otherwise.
     */
    private static String bracketed(ConfigurationPropertyName name, int key, String beforeKey, Class<?> entry,
            boolean environment) {
        for (int end = key + 1; end < name.getNumberOfElements() - 1; end++) {
            if (component(entry, name.getElement(end + 1, ConfigurationPropertyName.Form.UNIFORM)) == null) {
                continue;
            }
            List<String> keyParts = new ArrayList<>();
            for (int i = key; i <= end; i++) {
                keyParts.add(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
            }
            List<String> rest = new ArrayList<>();
            for (int i = end + 1; i < name.getNumberOfElements(); i++) {
                rest.add(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
            }
            if (environment) {
                String joined = String.join("", keyParts).toUpperCase(Locale.ROOT);
                String variable = (beforeKey + "." + joined + "." + String.join(".", rest)).toUpperCase(Locale.ROOT)
                        .replace('.', '_').replace("-", "");
                return "In an environment variable _ separates the parts of a name, so a name there holds no _ or "
                        + "dot: " + variable + " names the entry " + joined.toLowerCase(Locale.ROOT) + " (a name with a "
                        + "dot is set in a configuration file, or in SPRING_APPLICATION_JSON).";
            }
            String bracketedKey = "[" + String.join(".", keyParts) + "]";
            return "Did you mean " + beforeKey + "." + bracketedKey + "." + String.join(".", rest) + "? A name with a "
                    + "dot in it is written in brackets, or it is read as a name and a setting (in YAML, the key \""
                    + bracketedKey + "\", quoted).";
        }
        return null;
    }

    /** The record's setting whose name, in Spring's uniform form, is {@code element}; null when none is. */
    private static RecordComponent component(Class<?> record, String element) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (uniform(component.getName()).equals(element)) {
                return component;
            }
        }
        return null;
    }

    private static String suggestion(String where, String element, Class<?> record) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            names.add(kebab(component.getName()));
        }
        if (record == WordvecProperties.class) { // the sections with classes of their own
            SECTIONS.keySet().stream().filter(s -> s.startsWith("wordvec.")).forEach(s -> names.add(s.substring(8)));
        }
        String meant = MEANT.containsKey(element) && names.contains(MEANT.get(element)) ? MEANT.get(element)
                : Spelling.closest(element, names, SettingFailureAnalyzer::uniform).orElse(null);
        String settings = names.stream().map(n -> where + "." + n).collect(Collectors.joining(", "));
        return (meant != null ? "Did you mean " + where + "." + meant + "? " : "") + "The settings there are "
                + settings + ".";
    }

    private static boolean isModelName(ConfigurationPropertyName name) {
        return name.getNumberOfElements() == 3 && ConfigurationPropertyName.of("wordvec.models").isParentOf(name);
    }

    /** {@code wordvec.models.glove=FILE}: a model's name given a value, as if it were the file. */
    private FailureAnalysis modelGivenAValue(BindException bind) {
        ConfigurationProperty property = bind.getProperty();
        String model = bind.getName().getLastElement(ConfigurationPropertyName.Form.ORIGINAL);
        String given = property != null ? String.valueOf(property.getValue())
                : environment == null ? null : environment.getProperty(bind.getName().toString());
        String value = given == null ? "FILE" : given;
        return new FailureAnalysis(bind.getName() + (given == null ? "" : " = \"" + given + "\"")
                + " gives a value to a model's name, which holds the model's settings.",
                "A model's file is wordvec.models." + model + ".path=" + value + " (a catalogue model: "
                        + "wordvec.models." + model + ".source=NAME); its other settings are listed in README.md, "
                        + "\"Configuration\".", bind);
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
        for (String written : given.split(",")) {
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
                (!wrong.isEmpty() && corrected.size() == given.split(",").length
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
     * names the setting as written, with its origin.
     */
    private static FailureAnalysis outOfBounds(BindValidationException invalid) {
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
            described.add(kebabOutsideBrackets(path) + " = \""
                    + (property == null ? field.getRejectedValue() + "\"" : property.getValue() + "\"" + origin(property))
                    + ": " + field.getDefaultMessage() + ".");
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
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("\\[[^]]*]").matcher(path);
        int from = 0;
        while (key.find()) {
            kebab.append(kebab(path.substring(from, key.start()))).append(key.group());
            from = key.end();
        }
        return kebab.append(kebab(path.substring(from))).toString();
    }

    /** "a, b and c". */
    private static String joined(List<String> items, String last) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " " + last + " " + items.get(items.size() - 1);
    }

    /**
     * The name as its source wrote it, case kept ({@code getName()} is lower-cased), so that a
     * suggestion quotes a model name such as "glove.6B" as the user wrote it.
     */
    private static ConfigurationPropertyName asWritten(ConfigurationProperty property) {
        Object underlying = property.getSource() == null ? null : property.getSource().getUnderlyingSource();
        if (underlying instanceof EnumerablePropertySource<?> source) {
            for (String written : source.getPropertyNames()) {
                if (ConfigurationPropertyName.isValid(written.toLowerCase(Locale.ROOT))) {
                    ConfigurationPropertyName adapted = ConfigurationPropertyName.adapt(written, '.');
                    if (adapted.equals(property.getName())) {
                        return adapted;
                    }
                }
            }
        }
        return property.getName();
    }

    private static String origin(ConfigurationProperty property) {
        return property.getOrigin() == null ? "" : " (set by " + property.getOrigin() + ")";
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Spring Boot's uniform form of a name's element: lower case, letters and digits only. */
    private static String uniform(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
