package dev.wordvec.models;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Checks the {@code @Min} and {@code @Max} bounds of the {@code wordvec.*} settings when they are
 * bound, through their records and the maps of them (a model's {@code hnsw.m}), and reports every
 * value out of bounds at once, in Bean Validation's words ("must be greater than or equal to 1"),
 * for the start-up report ({@code SettingValueReport}).
 *
 * <p>By hand rather than with Hibernate Validator, which nothing else used: its start cost a start
 * from a text model half a second of CPU (docs/benchmarks.md). Any other constraint annotation on a
 * setting is refused, as is a bound on a setting that is not a whole number, so that none is declared
 * and silently left unchecked or checked wrong.
 */
final class SettingBounds implements Validator {

    /** The types whose values {@code longValue()} gives exactly. */
    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, long.class, short.class, byte.class,
            Integer.class, Long.class, Short.class, Byte.class);

    @Override
    public boolean supports(Class<?> type) {
        return type == WordvecProperties.class;
    }

    @Override
    public void validate(Object target, Errors errors) {
        check((Record) target, errors);
    }

    private static void check(Record settings, Errors errors) {
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            Method accessor = component.getAccessor();
            Object value = read(accessor, settings);
            for (Annotation annotation : accessor.getAnnotations()) {
                boolean bound = annotation instanceof Min || annotation instanceof Max;
                if (!bound && annotation.annotationType().getPackageName().startsWith("jakarta.validation")) {
                    throw new IllegalStateException(settings.getClass().getSimpleName() + "." + component.getName()
                            + ": SettingBounds checks @Min and @Max only, not " + annotation);
                }
                if (bound && !WHOLE_NUMBERS.contains(component.getType())) {
                    // Compared as longs, a fraction would pass a bound it exceeds (1.5 under @Max(1)).
                    throw new IllegalStateException(settings.getClass().getSimpleName() + "." + component.getName()
                            + ": SettingBounds compares whole numbers, not " + component.getType().getSimpleName());
                }
                if (annotation instanceof Min min && value instanceof Number number
                        && number.longValue() < min.value()) {
                    errors.rejectValue(component.getName(), "Min", "must be greater than or equal to " + min.value());
                } else if (annotation instanceof Max max && value instanceof Number number
                        && number.longValue() > max.value()) {
                    errors.rejectValue(component.getName(), "Max", "must be less than or equal to " + max.value());
                }
            }
            if (value instanceof Record nested) {
                within(errors, component.getName(), nested);
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((key, entry) -> {
                    if (entry instanceof Record nested) {
                        within(errors, component.getName() + "[" + key + "]", nested);
                    }
                });
            }
        }
    }

    private static void within(Errors errors, String path, Record nested) {
        errors.pushNestedPath(path);
        try {
            check(nested, errors);
        } finally {
            errors.popNestedPath();
        }
    }

    private static Object read(Method accessor, Record settings) {
        try {
            return accessor.invoke(settings);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }
}
