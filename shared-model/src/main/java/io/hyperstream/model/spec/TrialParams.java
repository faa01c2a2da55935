package io.hyperstream.model.spec;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a trial's parameter values against a search space: enqueued trials and trials of earlier studies. */
final class TrialParams {

    private TrialParams() {
    }

    /**
     * The enqueued trial {@code trial} (the {@code index}-th of {@code enqueue_trials}) with its
     * values in the form samplers produce (Double, Long, or the matching choice), in search-space
     * order. Parameters may be missing (they are sampled); a parameter that is given must be in the
     * space and in its distribution, and a conditional one needs its parent given with a value for
     * which the condition holds.
     */
    static Map<String, Object> enqueued(int index, Map<String, Object> trial, List<ParamSpec> space) {
        String where = "enqueue_trials[" + index + "]";
        if (trial == null) {
            throw new IllegalArgumentException(where + " must be an object of parameter values, but got null");
        }
        Map<String, ParamSpec> byName = new HashMap<>();
        space.forEach(p -> byName.put(p.name(), p));
        for (String name : trial.keySet()) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException(where + ": '" + name + "' is not a parameter of the search space"
                        + " (parameters: " + space.stream().map(ParamSpec::name).toList() + ")");
            }
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec p : space) {
            if (!trial.containsKey(p.name())) {
                continue;
            }
            Object value = trial.get(p.name());
            if (p.isConditional()) {
                String parent = p.condition().param();
                if (!values.containsKey(parent)) {
                    throw new IllegalArgumentException(where + ": parameter '" + p.name() + "' exists only under a"
                            + " condition on '" + parent + "', so '" + parent + "' must be given too");
                }
                if (!p.condition().holds(values.get(parent))) {
                    throw new IllegalArgumentException(where + ": parameter '" + p.name() + "' must be absent,"
                            + " because its condition on '" + parent + "' does not hold for " + parent + "="
                            + show(values.get(parent)) + " (value given: " + show(value) + ")");
                }
            }
            String problem = valueProblem(p.distribution(), value);
            if (problem != null) {
                throw new IllegalArgumentException(where + ": parameter '" + p.name() + "': " + problem);
            }
            values.put(p.name(), canonical(p.distribution(), value));
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Why {@code params} are not a complete set of values of {@code space} (a value outside its
     * distribution, a parameter missing or present against its condition, an unknown name), or
     * null when they are.
     */
    static String misfit(List<ParamSpec> space, Map<String, Object> params) {
        Map<String, Object> seen = new HashMap<>();
        for (ParamSpec p : space) {
            boolean applies = !p.isConditional()
                    || (seen.containsKey(p.condition().param()) && p.condition().holds(seen.get(p.condition().param())));
            boolean present = params.containsKey(p.name());
            if (applies && !present) {
                return "parameter '" + p.name() + "' is missing";
            }
            if (!applies && present) {
                return "parameter '" + p.name() + "' is present although its condition on '"
                        + p.condition().param() + "' does not hold";
            }
            if (present) {
                String problem = valueProblem(p.distribution(), params.get(p.name()));
                if (problem != null) {
                    return "parameter '" + p.name() + "': " + problem;
                }
                seen.put(p.name(), params.get(p.name()));
            }
        }
        for (String name : params.keySet()) {
            if (!seen.containsKey(name)) {
                return "'" + name + "' is not a parameter of the search space";
            }
        }
        return null;
    }

    /** Why {@code value} is not in {@code distribution}, or null if it is. */
    static String valueProblem(Distribution distribution, Object value) {
        if (distribution.contains(value)) {
            return null;
        }
        if (distribution instanceof FloatDistribution f) {
            if (!(value instanceof Number)) {
                return "value " + show(value) + " is not a number";
            }
            double v = ((Number) value).doubleValue();
            if (!(v >= f.low() && v <= f.high())) {
                return "value " + show(value) + " is outside [" + f.low() + ", " + f.high() + "]";
            }
            return "value " + show(value) + " is not on the grid " + f.low() + " + k * " + f.step();
        }
        if (distribution instanceof IntDistribution i) {
            if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                return "value " + show(value) + " is not an integer";
            }
            long v = n.longValue();
            if (v < i.low() || v > i.high()) {
                return "value " + show(value) + " is outside [" + i.low() + ", " + i.high() + "]";
            }
            return "value " + show(value) + " is not on the grid " + i.low() + " + k * " + i.step();
        }
        CategoricalDistribution c = (CategoricalDistribution) distribution;
        return "value " + show(value) + " is not one of the choices " + c.choices();
    }

    /** A value of the distribution in the form samplers produce: Double, Long, or the choice itself. */
    static Object canonical(Distribution distribution, Object value) {
        if (distribution instanceof FloatDistribution) {
            return ((Number) value).doubleValue();
        }
        if (distribution instanceof IntDistribution) {
            return ((Number) value).longValue();
        }
        return distribution.toExternal(distribution.toInternal(value));
    }

    private static String show(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
