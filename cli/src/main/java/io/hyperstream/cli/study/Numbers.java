package io.hyperstream.cli.study;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Formats objective values, parameters and durations the same way in every line hpo prints. */
public final class Numbers {

    private Numbers() {
    }

    /** Four decimals for ordinary magnitudes, scientific notation for tiny or huge ones. */
    public static String value(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double abs = Math.abs(v);
        if (abs == 0 || (abs >= 1e-3 && abs < 1e6)) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }

    /** Several objective values, comma-separated. */
    public static String values(List<Double> values) {
        return values.stream().map(v -> v == null ? "null" : value(v)).collect(Collectors.joining(", "));
    }

    /** A parameter value: integers as integers, other numbers as {@link #value}, the rest as text. */
    public static String param(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) {
            return v.toString();
        }
        if (v instanceof Number n) {
            return value(n.doubleValue());
        }
        return String.valueOf(v);
    }

    /** Parameters as {@code name=value, name=value}, in their given order. */
    public static String params(Map<String, ?> params) {
        if (params == null || params.isEmpty()) {
            return "-";
        }
        return params.entrySet().stream().map(e -> e.getKey() + "=" + param(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Seconds with one decimal, such as {@code 8.2 s}. */
    public static String seconds(java.time.Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
    }
}
