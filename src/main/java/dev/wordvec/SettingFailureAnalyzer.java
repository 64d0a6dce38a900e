package dev.wordvec;

import dev.wordvec.cli.Spelling;
import dev.wordvec.http.HttpProperties;
import dev.wordvec.memory.MemoryProperties;
import dev.wordvec.models.WordvecProperties;
import dev.wordvec.query.ModelSetting;
import dev.wordvec.tei.TeiProperties;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.ConverterNotFoundException;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A start stopped by a {@code wordvec.*} setting that does not exist (a typo, a name in the wrong
 * place): the report names each one, where it was set, and the setting probably meant, instead of
 * Spring Boot's account of the binding target ("Binding to target [Bindable@5ec1963c type = ...]").
 * The names come from the settings' records, so they cannot drift from what is read. A value that
 * a setting does not take is reported by {@link SettingValueReport}, and one that the code reading
 * it refuses by that code's message ({@link #refusedSetting}).
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

    /** The characters of a setting's name as a message writes it. */
    private static final String SETTING_NAME = "abcdefghijklmnopqrstuvwxyz0123456789.-_[]";

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
                return SettingValueReport.outOfBounds(invalid);
            }
            if (cause instanceof BindException bind && bind.getCause() instanceof ConversionFailedException
                    && bind.getName().toString().startsWith("wordvec.")) {
                FailureAnalysis wrongValue = SettingValueReport.wrongValue(bind);
                if (wrongValue != null) {
                    return wrongValue;
                }
            }
        }
        return refusedSetting(failure);
    }

    /**
     * A setting refused by the code that uses it ({@code wordvec.http.heavy-wait must not be
     * negative}, {@code wordvec.admin.enabled needs wordvec.http.api-keys}): such a check throws a
     * plain IllegalArgumentException or IllegalStateException whose message starts with the
     * setting's name. Reported as that message, not as the stack trace through the bean that
     * failed. (Exceptions of their own kind, such as a model's settings, have analyzers of their own.)
     */
    private static FailureAnalysis refusedSetting(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if ((cause.getClass() == IllegalArgumentException.class || cause.getClass() == IllegalStateException.class)
                    && message != null && message.startsWith("wordvec.")) {
                int end = 0;
                while (end < message.length()
                        && SETTING_NAME.indexOf(Character.toLowerCase(message.charAt(end))) >= 0) {
                    end++;
                }
                String setting = message.substring(0, end).replaceAll("\\.$", "");
                return new FailureAnalysis(message, "Change " + setting + " as the description says (every setting is "
                        + "in README.md, \"Configuration\").", cause);
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
                "A model's file is " + ModelSetting.of(model, "path") + "=" + value + " (a catalogue model: "
                        + ModelSetting.of(model, "source") + "=NAME); its other settings are listed in README.md, "
                        + "\"Configuration\".", bind);
    }

    /**
     * The name as its source wrote it, case kept ({@code getName()} is lower-cased), so that a
     * suggestion quotes a model name such as "glove.6B" as the user wrote it.
     */
    static ConfigurationPropertyName asWritten(ConfigurationProperty property) {
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

    static String origin(ConfigurationProperty property) {
        return property.getOrigin() == null ? "" : " (set by " + property.getOrigin() + ")";
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Spring Boot's uniform form of a name's element: lower case, letters and digits only. */
    static String uniform(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
