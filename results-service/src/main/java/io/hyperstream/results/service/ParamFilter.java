package io.hyperstream.results.service;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the trials whose parameter {@code name} is in [low, high] (numbers; either bound may be
 * open) or is one of {@code choices} (categorical). A trial without the parameter (a conditional
 * one that did not apply) never matches.
 */
public record ParamFilter(String name, Double low, Double high, List<Object> choices) {

    public ParamFilter {
        Objects.requireNonNull(name, "name");
        if (choices == null && low == null && high == null) {
            throw new IllegalArgumentException("param." + name + " needs a bound or a choice");
        }
        if (low != null && high != null && low > high) {
            throw new IllegalArgumentException("param." + name + ": low <= high must hold, but got low=" + low
                    + ", high=" + high);
        }
        choices = choices == null ? null : List.copyOf(choices);
    }

    /** Whether a trial's parameters pass this filter. */
    public boolean matches(Map<String, Object> params) {
        Object value = params == null ? null : params.get(name);
        if (value == null) {
            return false;
        }
        if (choices != null) {
            return choices.stream().anyMatch(c -> same(c, value));
        }
        if (!(value instanceof Number n)) {
            return false;
        }
        double v = n.doubleValue();
        return (low == null || v >= low) && (high == null || v <= high);
    }

    private static boolean same(Object choice, Object value) {
        if (choice instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(choice, value) || String.valueOf(choice).equals(String.valueOf(value));
    }
}
