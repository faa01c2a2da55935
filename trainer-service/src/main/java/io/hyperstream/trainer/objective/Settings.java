package io.hyperstream.trainer.objective;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to an objective's {@code objective.settings}, with errors that name the setting
 * and the bad value. Unknown setting names are refused, so that a typo does not silently fall
 * back to a default.
 */
public final class Settings {

    private final Map<String, Object> values;

    private Settings(Map<String, Object> values) {
        this.values = values;
    }

    /** Wraps the settings of an objective of the given kind, refusing names outside {@code known}. */
    public static Settings of(String kind, Map<String, Object> values, Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown setting objective.settings." + name + " for objective kind '"
                        + kind + "'; known settings: " + new TreeSet<>(known));
            }
        }
        return new Settings(values);
    }

    /** A required text setting. */
    public String text(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("objective.settings." + name + " is required");
        }
        return value.toString();
    }

    /** A text setting, or the default if absent. */
    public String text(String name, String defaultValue) {
        return values.containsKey(name) ? text(name) : defaultValue;
    }

    /** A number setting no smaller than {@code min}, or the default if absent. */
    public double number(String name, double defaultValue, double min) {
        Object value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("objective.settings." + name + " must be a number, but got '" + value + "'");
        }
        if (n.doubleValue() < min) {
            throw new IllegalArgumentException("objective.settings." + name + " must be >= " + min + ", but got " + value);
        }
        return n.doubleValue();
    }
}
