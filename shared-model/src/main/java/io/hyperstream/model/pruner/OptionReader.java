package io.hyperstream.model.pruner;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one pruner's {@code options} map with Optuna's option names: each read checks the type and
 * range, and every error names the option by its full path ({@code pruner.options.patience}, or
 * {@code pruner.options.wrapped.options.n_warmup_steps} inside a patient pruner) and the bad value.
 */
final class OptionReader {

    private final String type;
    private final String path;
    private final Map<String, Object> options;

    /**
     * @param type    the pruner type, for messages
     * @param path    the options' path, such as {@code pruner.options}
     * @param options the options as given
     * @param known   the option names of this pruner type; any other is refused
     */
    OptionReader(String type, String path, Map<String, Object> options, Set<String> known) {
        this.type = type;
        this.path = path;
        this.options = options;
        for (String name : new TreeSet<>(options.keySet())) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(path + "." + name + " is not an option of the " + type
                        + " pruner; its options are " + new TreeSet<>(known));
            }
        }
    }

    /** The full path of an option, for messages. */
    String path(String name) {
        return path + "." + name;
    }

    boolean has(String name) {
        return options.get(name) != null;
    }

    Object raw(String name) {
        return options.get(name);
    }

    /** An integer option of at least {@code min}, or {@code fallback} when absent. */
    int integer(String name, int fallback, int min) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        Integer i = asInt(v);
        if (i == null) {
            throw error(name, "must be an integer", v);
        }
        if (i < min) {
            throw error(name, "must be >= " + min, v);
        }
        return i;
    }

    /** A number option in {@code [min, max]}, or {@code fallback} when absent. */
    double number(String name, double fallback, double min, double max) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        return checkedNumber(name, v, min, max);
    }

    /** A required number in {@code [min, max]}. */
    double requiredNumber(String name, double min, double max) {
        Object v = options.get(name);
        if (v == null) {
            throw new IllegalArgumentException(path(name) + " is required for the " + type + " pruner");
        }
        return checkedNumber(name, v, min, max);
    }

    private double checkedNumber(String name, Object v, double min, double max) {
        if (!(v instanceof Number n)) {
            throw error(name, "must be a number", v);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            throw error(name, "must be a number", v);
        }
        if (!(d >= min && d <= max)) {
            String range = max == Double.POSITIVE_INFINITY ? ">= " + plain(min)
                    : "between " + plain(min) + " and " + plain(max) + " inclusive";
            throw error(name, "must be " + range, v);
        }
        return d;
    }

    /** An error naming the option, what it must be, and the value given. */
    IllegalArgumentException error(String name, String requirement, Object value) {
        return new IllegalArgumentException(path(name) + " of the " + type + " pruner " + requirement + ", but got "
                + describe(value));
    }

    static Integer asInt(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (!(v instanceof Number n) || v instanceof Double d && !Double.isFinite(d)
                || v instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        try {
            BigDecimal d = n instanceof BigInteger b ? new BigDecimal(b) : new BigDecimal(n.toString());
            return d.stripTrailingZeros().scale() <= 0 ? d.intValueExact() : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    static String plain(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String describe(Object v) {
        return v instanceof String s ? "\"" + s + "\" (a string)" : String.valueOf(v);
    }
}
