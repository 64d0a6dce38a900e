package dev.wordvec.models;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Refuses a {@code wordvec.*} setting that nothing reads ({@code wordvec.models.glove.dtpye},
 * {@code wordvec.htp.api-keys}), which Spring Boot would otherwise ignore: the model would load
 * in float32, the service would run without keys, and nothing would say why. The start fails with
 * a report of the setting, its value and where it was set (the file and line, the command line or
 * the environment variable), and the setting probably meant ({@code SettingFailureAnalyzer}). The sections bound by classes of their own
 * ({@code wordvec.http}, {@code wordvec.tei}, {@code wordvec.memory}) refuse their unknown settings
 * from files and the command line themselves ({@code ignoreUnknownFields = false}); this handler
 * does it for the rest of {@code wordvec}.
 *
 * <p>Spring Boot leaves environment variables and system properties out of that check, because a
 * platform puts variables of its own there: a Kubernetes service named {@code wordvec} gives every
 * pod {@code WORDVEC_PORT} and {@code WORDVEC_SERVICE_HOST}, and clients of the service are often
 * configured with a {@code WORDVEC_URL} from the same ConfigMap. Those are left alone here too. But a
 * variable inside one of the sections ({@code WORDVEC_MODELS_GLOVE_DTPYE},
 * {@code WORDVEC_HTTP_APIKEY}, {@code WORDVEC_MODELS_MY_MODEL_PATH}, which binds as model "my"'s
 * setting "model.path") is meant for wordvec, and is a container's usual way to configure it: it is
 * checked, except for the shapes of Kubernetes' service variables (a service named
 * {@code wordvec-http} gives {@code WORDVEC_HTTP_SERVICE_HOST}, {@code WORDVEC_HTTP_PORT_8080_TCP}).
 */
final class UnknownSettings extends AbstractBindHandler {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("wordvec");
    /** Sections with their own properties class, which checks them. */
    private static final List<ConfigurationPropertyName> BOUND_ELSEWHERE = List.of(ConfigurationPropertyName.of("wordvec.http"),
            ConfigurationPropertyName.of("wordvec.tei"), ConfigurationPropertyName.of("wordvec.memory"));

    /**
     * The sections of settings, {@code wordvec.<section>.*}: the nested records and maps of
     * {@link WordvecProperties} and the sections bound elsewhere. A variable inside one is checked.
     */
    private static final Set<String> SECTIONS = sections();
    /** Kubernetes' service variables, as property names: {@code ..._SERVICE_HOST}, {@code ..._PORT_8080_TCP_ADDR}. */
    private static final Pattern SERVICE_VARIABLE = Pattern.compile(
            "\\.(service\\.(host|port(\\..+)?)|port(\\.\\d+\\.(tcp|udp|sctp)(\\.(proto|port|addr))?)?)$");
    /** The value of {@code ..._PORT} and {@code ..._PORT_8080_TCP}: {@code tcp://10.0.0.1:8080}. */
    private static final Pattern SERVICE_ADDRESS = Pattern.compile("(tcp|udp|sctp)://\\S+");
    /** Spring Boot's own rule for which sources it leaves out: the environment and system properties. */
    private static final UnboundElementsSourceFilter CHECKED_BY_SPRING = new UnboundElementsSourceFilter();

    /** Records what was bound and reports the rest; used beside the parent chain, never instead of it. */
    private final NoUnboundElementsBindHandler check = new NoUnboundElementsBindHandler(BindHandler.DEFAULT,
            source -> true);
    private @Nullable ConfigurationPropertyName root;
    /**
     * What was bound, each name's elements run together: Spring Boot binds {@code wordvec.limits.max-k}
     * from {@code WORDVEC_LIMITS_MAXK} and from {@code WORDVEC_LIMITS_MAX_K} too, which the environment
     * lists as {@code wordvec.limits.max.k}: the same letters, other separators.
     */
    private final Set<String> boundLetters = new HashSet<>();

    UnknownSettings(BindHandler parent) {
        super(parent);
    }

    @Override
    public <T> @Nullable Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
        if (context.getDepth() == 0) {
            root = name.equals(ROOT) || BOUND_ELSEWHERE.contains(name) ? name : null;
        }
        Bindable<T> started = super.onStart(name, target, context);
        if (root != null && started != null) {
            check.onStart(name, started, context);
        }
        return started;
    }

    @Override
    public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
            Object result) {
        Object bound = super.onSuccess(name, target, context, result);
        if (root != null && bound != null) {
            check.onSuccess(name, target, context, bound);
            boundLetters.add(letters(name));
        }
        return bound;
    }

    /**
     * A service named {@code wordvec-models} gives every pod {@code WORDVEC_MODELS_PORT=tcp://...},
     * which Spring Boot reads as a model named "port" and cannot turn into one: the start failed
     * on a variable the platform set. Such a value is left out, as the other service variables are.
     */
    @Override
    public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
            Exception error) throws Exception {
        if (root != null && serviceVariable(name, context)) {
            return null;
        }
        return super.onFailure(name, target, context, error);
    }

    /** Whether the value that failed to bind is a service variable (the first source that has it is read). */
    private static boolean serviceVariable(ConfigurationPropertyName name, BindContext context) {
        for (ConfigurationPropertySource source : context.getSources()) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return isServiceVariable(property);
            }
        }
        return false;
    }

    private static boolean isServiceVariable(ConfigurationProperty property) {
        return property.getSource() != null && !CHECKED_BY_SPRING.apply(property.getSource())
                && SERVICE_VARIABLE.matcher(joined(property.getName(), ".")).find()
                && SERVICE_ADDRESS.matcher(String.valueOf(property.getValue())).matches();
    }

    @Override
    public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
            @Nullable Object result) throws Exception {
        super.onFinish(name, target, context, result);
        if (root == null || context.getDepth() != 0) {
            return;
        }
        if (ROOT.equals(root)) {
            refuseModelNamesSpringWouldCut(context);
        }
        try {
            check.onFinish(name, target, context, result);
        } catch (UnboundConfigurationPropertiesException e) {
            Set<ConfigurationProperty> unknown = e.getUnboundProperties().stream()
                    .filter(this::reported)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!unknown.isEmpty()) {
                throw new UnboundConfigurationPropertiesException(unknown);
            }
        }
    }

    /**
     * A model's name as written in a setting's name ({@code wordvec.models.Café.path}) holding a
     * character the name of a setting cannot: Spring Boot drops the character, and the model would
     * answer to a name nobody gave it ("Caf"). Names in brackets keep every character (the registry
     * refuses those its names do not allow), and environment variables have names of their own form.
     */
    private static void refuseModelNamesSpringWouldCut(BindContext context) {
        for (ConfigurationPropertySource source : context.getSources()) {
            if (!(source.getUnderlyingSource() instanceof EnumerablePropertySource<?> written)
                    || written instanceof SystemEnvironmentPropertySource) {
                continue;
            }
            for (String name : written.getPropertyNames()) {
                if (!name.regionMatches(true, 0, MODELS, 0, MODELS.length()) || name.startsWith("[", MODELS.length())) {
                    continue;
                }
                String rest = name.substring(MODELS.length());
                String model = rest.split("\\.", 2)[0];
                Matcher cut = CUT.matcher(model);
                if (cut.find()) {
                    String character = cut.group();
                    String read = cut.replaceAll("");
                    Origin origin = OriginLookup.getOrigin(written, name);
                    throw new ModelConfigurationException(name + (origin == null ? "" : " (" + origin + ")")
                            + ": the model name '" + model + "' holds '" + character + "', which the name of a "
                            + "setting cannot: Spring Boot would read it as " + MODELS + read
                            + rest.substring(model.length()) + ", a model named '" + read + "'",
                            "Name the model with letters a-z or A-Z, digits, '_' or '-' (in brackets, '.' too: "
                                    + "wordvec.models[glove.6B].path); the name appears in URLs and metrics.");
                }
            }
        }
    }

    private static final String MODELS = "wordvec.models.";
    /** What an element of a setting's name written with dots cannot hold, and Spring Boot drops. */
    private static final Pattern CUT = Pattern.compile("[^A-Za-z0-9_\\-]");

    /**
     * Whether an unbound property is a setting nothing reads. In a section bound elsewhere, Spring
     * Boot's check has already refused those from files and the command line before this one runs.
     */
    private boolean reported(ConfigurationProperty property) {
        ConfigurationPropertyName name = property.getName();
        if (ROOT.equals(root) && BOUND_ELSEWHERE.stream().anyMatch(section -> section.isAncestorOf(name))) {
            return false;
        }
        if (property.getSource() == null || CHECKED_BY_SPRING.apply(property.getSource())) {
            return true;
        }
        return name.getNumberOfElements() > 2 && SECTIONS.contains(name.getElement(1, ConfigurationPropertyName.Form.UNIFORM))
                && !SERVICE_VARIABLE.matcher(joined(name, ".")).find() && !boundLetters.contains(letters(name));
    }

    private static String letters(ConfigurationPropertyName name) {
        return joined(name, "");
    }

    /** The name's elements in Spring Boot's uniform form (lower case, no dashes), joined. */
    private static String joined(ConfigurationPropertyName name, String separator) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            text.append(i == 0 ? "" : separator).append(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM));
        }
        return text.toString();
    }

    private static Set<String> sections() {
        Set<String> sections = new TreeSet<>();
        for (var component : WordvecProperties.class.getRecordComponents()) {
            if (component.getType().isRecord() || Map.class.isAssignableFrom(component.getType())) {
                sections.add(component.getName().toLowerCase(Locale.ROOT));
            }
        }
        BOUND_ELSEWHERE.forEach(section -> sections.add(section.getLastElement(ConfigurationPropertyName.Form.UNIFORM)));
        return Set.copyOf(sections);
    }
}
