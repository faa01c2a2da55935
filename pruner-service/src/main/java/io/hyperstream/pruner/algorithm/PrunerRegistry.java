package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.spec.PrunerSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds pruners from a study spec's {@code pruner} section, with Optuna's option names and defaults. */
public final class PrunerRegistry {

    /** The pruner types this registry knows. */
    public static final List<String> TYPES = List.of("none", "nop", "median", "percentile");

    private static final Set<String> PERCENTILE_OPTIONS =
            Set.of("percentile", "n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials");

    private PrunerRegistry() {
    }

    /** A pruner for the spec; throws IllegalArgumentException naming the bad type or option. */
    public static Pruner create(PrunerSpec spec) {
        Map<String, Object> options = spec.options();
        switch (spec.type()) {
            case "none", "nop" -> {
                requireKnown(spec.type(), options, Set.of());
                return new NopPruner();
            }
            case "median" -> {
                requireKnown("median", options, withoutPercentile());
                return PercentilePruner.median(integer(options, "n_startup_trials", 5),
                        integer(options, "n_warmup_steps", 0), integer(options, "interval_steps", 1),
                        integer(options, "n_min_trials", 1));
            }
            case "percentile" -> {
                requireKnown("percentile", options, PERCENTILE_OPTIONS);
                if (!options.containsKey("percentile")) {
                    throw new IllegalArgumentException("pruner.options.percentile is required for the percentile pruner");
                }
                return new PercentilePruner(number(options, "percentile"),
                        integer(options, "n_startup_trials", 5), integer(options, "n_warmup_steps", 0),
                        integer(options, "interval_steps", 1), integer(options, "n_min_trials", 1));
            }
            default -> throw new IllegalArgumentException(
                    "pruner.type '" + spec.type() + "' is unknown; known pruners: " + TYPES);
        }
    }

    private static Set<String> withoutPercentile() {
        Set<String> names = new TreeSet<>(PERCENTILE_OPTIONS);
        names.remove("percentile");
        return names;
    }

    private static void requireKnown(String type, Map<String, Object> options, Set<String> known) {
        for (String name : new TreeSet<>(options.keySet())) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("pruner.options." + name + " is not an option of the "
                        + type + " pruner (known: " + new TreeSet<>(known) + ")");
            }
        }
    }

    private static int integer(Map<String, Object> options, String name, int fallback) {
        Object v = options.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException("pruner.options." + name + " must be an integer, but got " + v);
    }

    private static double number(Map<String, Object> options, String name) {
        Object v = options.get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("pruner.options." + name + " must be a number, but got " + v);
    }
}
