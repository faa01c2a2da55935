package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.spec.PrunerSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds pruners from a study spec's {@code pruner} section ({@code type} and {@code options},
 * with Optuna's option names and defaults). New pruners are added to {@link #FACTORIES}.
 */
public final class PrunerRegistry {

    private record Factory(Set<String> options, Function<PrunerOptions, Pruner> build) {
    }

    private static final Set<String> MEDIAN_OPTIONS =
            Set.of("n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials");
    private static final Set<String> PERCENTILE_OPTIONS =
            Set.of("percentile", "n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials");

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        Factory nop = new Factory(Set.of(), o -> new NopPruner());
        FACTORIES.put("none", nop);
        FACTORIES.put("nop", nop);
        FACTORIES.put("median", new Factory(MEDIAN_OPTIONS, o -> new MedianPruner(
                o.integer("n_startup_trials", PercentilePruner.DEFAULT_N_STARTUP_TRIALS, 0),
                o.integer("n_warmup_steps", PercentilePruner.DEFAULT_N_WARMUP_STEPS, 0),
                o.integer("interval_steps", PercentilePruner.DEFAULT_INTERVAL_STEPS, 1),
                o.integer("n_min_trials", PercentilePruner.DEFAULT_N_MIN_TRIALS, 1))));
        FACTORIES.put("percentile", new Factory(PERCENTILE_OPTIONS, o -> new PercentilePruner(
                o.number("percentile", 0, 100),
                o.integer("n_startup_trials", PercentilePruner.DEFAULT_N_STARTUP_TRIALS, 0),
                o.integer("n_warmup_steps", PercentilePruner.DEFAULT_N_WARMUP_STEPS, 0),
                o.integer("interval_steps", PercentilePruner.DEFAULT_INTERVAL_STEPS, 1),
                o.integer("n_min_trials", PercentilePruner.DEFAULT_N_MIN_TRIALS, 1))));
    }

    private PrunerRegistry() {
    }

    /** The pruner types this registry builds, in a fixed order. */
    public static Set<String> types() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /** A pruner for the spec; throws IllegalArgumentException naming the bad type or option. */
    public static Pruner create(PrunerSpec spec) {
        Factory factory = FACTORIES.get(spec.type());
        if (factory == null) {
            throw new IllegalArgumentException("pruner.type '" + spec.type() + "' is unknown; known pruners: "
                    + FACTORIES.keySet());
        }
        return factory.build().apply(new PrunerOptions(spec.type(), spec.options(), factory.options()));
    }
}
