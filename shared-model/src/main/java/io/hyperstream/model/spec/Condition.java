package io.hyperstream.model.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * Makes a parameter exist only when an earlier parameter's value meets it: at least {@code min},
 * at most {@code max}, and/or one of {@code in}. For example {@code n_units_l2} exists only when
 * {@code n_layers >= 3}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String param, Double min, Double max, List<Object> in) {

    public Condition {
        if (param == null || param.isBlank()) {
            throw new IllegalArgumentException("condition.param must name an earlier parameter, but got " + param);
        }
        if (min == null && max == null && (in == null || in.isEmpty())) {
            throw new IllegalArgumentException(
                    "condition on '" + param + "' needs min, max or a non-empty in list");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException(
                    "condition min <= max must hold, but got min=" + min + ", max=" + max);
        }
        in = in == null ? null : List.copyOf(in);
    }

    /** Whether the parent parameter's value satisfies this condition. */
    public boolean holds(Object parentValue) {
        if (parentValue == null) {
            return false;
        }
        if (in != null && in.stream().noneMatch(c -> sameValue(c, parentValue))) {
            return false;
        }
        if (min != null || max != null) {
            if (!(parentValue instanceof Number n)) {
                return false;
            }
            double v = n.doubleValue();
            return (min == null || v >= min) && (max == null || v <= max);
        }
        return true;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }
}
