package io.hyperstream.pruner.algorithm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pruner's {@code options} map, read with Optuna's option names: each read checks the type and
 * range and names the option in its error.
 */
final class PrunerOptions {

    private final String type;
    private final Map<String, Object> options;

    PrunerOptions(String type, Map<String, Object> options, Set<String> known) {
        this.type = type;
        this.options = options;
        for (String name : new TreeSet<>(options.keySet())) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("pruner.options." + name + " is not an option of the " + type
                        + " pruner; its options are " + new TreeSet<>(known));
            }
        }
    }

    /** An integer option of at least {@code min}, or {@code fallback} when absent. */
    int integer(String name, int fallback, int min) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        Integer i = asInt(v);
        if (i == null) {
            throw new IllegalArgumentException("pruner.options." + name + " of the " + type
                    + " pruner must be an integer, but got " + describe(v));
        }
        if (i < min) {
            throw new IllegalArgumentException("pruner.options." + name + " of the " + type
                    + " pruner must be >= " + min + ", but got " + i);
        }
        return i;
    }

    /** A required number in {@code [min, max]}. */
    double number(String name, double min, double max) {
        Object v = options.get(name);
        if (v == null) {
            throw new IllegalArgumentException("pruner.options." + name + " is required for the " + type + " pruner");
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("pruner.options." + name + " of the " + type
                    + " pruner must be a number, but got " + describe(v));
        }
        double d = n.doubleValue();
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException("pruner.options." + name + " of the " + type
                    + " pruner must be between " + plain(min) + " and " + plain(max) + " inclusive, but got " + v);
        }
        return d;
    }

    private static Integer asInt(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (!(v instanceof Number n)) {
            return null;
        }
        try {
            BigDecimal d = n instanceof BigInteger b ? new BigDecimal(b) : new BigDecimal(n.toString());
            return d.stripTrailingZeros().scale() <= 0 ? d.intValueExact() : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String describe(Object v) {
        return v instanceof String s ? "\"" + s + "\" (a string)" : String.valueOf(v);
    }
}
