package io.hyperstream.model.pruner;

import io.hyperstream.model.spec.PrunerSpec;
import io.hyperstream.model.spec.StudySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study's pruner with its options read, checked and defaulted: one record per pruner type, with
 * Optuna 3.1's names, option names and defaults (plus {@code min_reports}, this project's guard
 * against pruning on too little evidence). The one place where pruner options are understood:
 * sampler-service rejects a study whose options do not read, and pruner-service builds its
 * pruners from these records.
 */
public sealed interface PrunerSettings {

    /** The pruner types, in the order error messages list them. */
    List<String> TYPES = List.of("none", "nop", "median", "percentile", "patient", "threshold", "wilcoxon", "sha",
            "hyperband");

    /** Optuna's default {@code n_startup_trials} of the median and percentile pruners. */
    int DEFAULT_N_STARTUP_TRIALS = 5;
    /** Optuna's default {@code n_warmup_steps}. */
    int DEFAULT_N_WARMUP_STEPS = 0;
    /** Optuna's default {@code interval_steps}. */
    int DEFAULT_INTERVAL_STEPS = 1;
    /** Optuna's default {@code n_min_trials}. */
    int DEFAULT_N_MIN_TRIALS = 1;
    /**
     * How many other trials must have reported a step before the median or percentile pruner
     * prunes anything there (not in Optuna, whose {@code n_min_trials} defaults to 1).
     */
    int DEFAULT_PERCENTILE_MIN_REPORTS = 5;
    /**
     * How many other trials must have reached a rung before successive halving prunes anything
     * there (not in Optuna, which judges the second trial at a rung against the first). Every
     * trial let through this way runs on to the next rung whatever its value, so the guard is
     * kept small: with 5, the first five trials of a 40-trial fetal-health study ran to the end,
     * three of them no better than the majority-class model.
     */
    int DEFAULT_SHA_MIN_REPORTS = 2;
    /** The same for each Hyperband bracket. */
    int DEFAULT_HYPERBAND_MIN_REPORTS = 2;
    /**
     * {@code min_resource: auto} of successive halving is max_epochs divided by this, rounded up
     * (at least 1): Optuna's rule, 1% of the last step. A coarser first rung moves every rung up:
     * 5% of 40 epochs put the rungs at 2, 8 and 32, and a trial stopped at epoch 32 of 40 saves
     * little while that late rung picks on noise (docs/benchmarks.md, "Pruning").
     */
    int AUTO_MIN_RESOURCE_DIVISOR = 100;

    /** The type name, as the spec gives it. */
    String type();

    /** Whether trials of the study are ever judged (so trainers wait for verdicts). */
    default boolean prunes() {
        return true;
    }

    /** No pruning ({@code none}, or Optuna's name {@code nop}). */
    record None(String type) implements PrunerSettings {
        @Override
        public boolean prunes() {
            return false;
        }
    }

    /**
     * Optuna's {@code PercentilePruner} ({@code median} is the 50th percentile), concurrency-aware:
     * the evidence at a step is every other trial's report there, running trials included.
     *
     * @param type           {@code median} or {@code percentile}
     * @param percentile     0-100, of the values at a step a trial must not be worse than
     * @param nStartupTrials trials numbered below this are never pruned
     * @param nWarmupSteps   steps below this are never judged
     * @param intervalSteps  judge every this many steps after the warm-up
     * @param nMinTrials     Optuna's minimum number of reports at a step
     * @param minReports     reports of other trials a step needs before anything is pruned there
     */
    record Percentile(String type, double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps,
                      int nMinTrials, int minReports) implements PrunerSettings {
    }

    /**
     * Optuna's {@code PatientPruner}: judges a trial (with {@code wrapped}, or alone when it is
     * null) only once it has not improved by more than {@code minDelta} for {@code patience} steps.
     */
    record Patient(int patience, double minDelta, PrunerSettings wrapped) implements PrunerSettings {
        @Override
        public String type() {
            return "patient";
        }
    }

    /**
     * Optuna's {@code ThresholdPruner}: prunes a value outside {@code [lower, upper]} (or NaN).
     * A bound not given is infinite.
     */
    record Threshold(double lower, double upper, int nWarmupSteps, int intervalSteps) implements PrunerSettings {
        @Override
        public String type() {
            return "threshold";
        }
    }

    /**
     * Optuna's {@code WilcoxonPruner} (Optuna 3.6; 3.1 has none): a signed-rank test of the trial's
     * values against the best trial's at the same steps.
     */
    record Wilcoxon(double pThreshold, int nStartupSteps) implements PrunerSettings {
        @Override
        public String type() {
            return "wilcoxon";
        }
    }

    /**
     * Optuna's {@code SuccessiveHalvingPruner} (asynchronous successive halving).
     *
     * @param minResource          steps of the first rung ({@code min_resource}, resolved when it was "auto")
     * @param autoMinResource      whether {@code min_resource} was "auto"
     * @param reductionFactor      eta: about 1/eta of the trials at a rung go on
     * @param minEarlyStoppingRate s: the first rung is at {@code min_resource * eta^s} steps
     * @param bootstrapCount       trials a rung needs before any is promoted (Optuna's: the others are pruned)
     * @param minReports           other trials that must have reached a rung before it prunes anything
     */
    record SuccessiveHalving(int minResource, boolean autoMinResource, int reductionFactor, int minEarlyStoppingRate,
                             int bootstrapCount, int minReports) implements PrunerSettings {
        @Override
        public String type() {
            return "sha";
        }

        /** The step of rung {@code rung} (from 0), saturated at Integer.MAX_VALUE. */
        public long rungStep(int rung) {
            double step = minResource * Math.pow(reductionFactor, (double) minEarlyStoppingRate + rung);
            return step >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) step;
        }
    }

    /**
     * Optuna's {@code HyperbandPruner}: brackets of successive halving, each trial in one
     * ({@link HyperbandBrackets}).
     *
     * @param autoMaxResource whether {@code max_resource} was "auto" (the objective's max_epochs)
     */
    record Hyperband(int minResource, int maxResource, boolean autoMaxResource, int reductionFactor,
                     int bootstrapCount, int minReports) implements PrunerSettings {
        @Override
        public String type() {
            return "hyperband";
        }

        /** The brackets and the trials' assignment to them. */
        public HyperbandBrackets brackets() {
            return new HyperbandBrackets(minResource, maxResource, reductionFactor);
        }

        /** The successive-halving settings of bracket {@code b}. */
        public SuccessiveHalving bracket(int b) {
            return new SuccessiveHalving(minResource, false, reductionFactor, b, bootstrapCount, minReports);
        }
    }

    /** The settings of a study's pruner; throws IllegalArgumentException naming the bad option and value. */
    static PrunerSettings of(StudySpec spec) {
        return read(spec.pruner(), spec.objective().maxEpochs());
    }

    /**
     * Reads a pruner section. {@code maxEpochs} (the objective's) resolves the "auto" resources.
     * Throws IllegalArgumentException naming the bad type (listing the known ones) or the bad
     * option ({@code pruner.options.<name>}) and its value.
     */
    static PrunerSettings read(PrunerSpec spec, int maxEpochs) {
        return read(spec.type(), spec.options(), "pruner", maxEpochs);
    }

    private static PrunerSettings read(String type, Map<String, Object> options, String path, int maxEpochs) {
        String at = path + ".options";
        switch (type) {
            case "none":
            case "nop":
                new OptionReader(type, at, options, Set.of());
                return new None(type);
            case "median":
            case "percentile":
                return percentile(type, new OptionReader(type, at, options, type.equals("median")
                        ? Set.of("n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials", "min_reports")
                        : Set.of("percentile", "n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials",
                                "min_reports")));
            case "patient":
                return patient(new OptionReader(type, at, options, Set.of("patience", "min_delta", "wrapped")), at,
                        maxEpochs);
            case "threshold":
                return threshold(new OptionReader(type, at, options,
                        Set.of("lower", "upper", "n_warmup_steps", "interval_steps")));
            case "wilcoxon":
                OptionReader w = new OptionReader(type, at, options, Set.of("p_threshold", "n_startup_steps"));
                return new Wilcoxon(w.number("p_threshold", 0.1, 0, 1), w.integer("n_startup_steps", 2, 0));
            case "sha":
                return successiveHalving(new OptionReader(type, at, options, Set.of("min_resource", "reduction_factor",
                        "min_early_stopping_rate", "bootstrap_count", "min_reports")), maxEpochs);
            case "hyperband":
                return hyperband(new OptionReader(type, at, options, Set.of("min_resource", "max_resource",
                        "reduction_factor", "bootstrap_count", "min_reports")), maxEpochs);
            default:
                throw new IllegalArgumentException(path + ".type '" + type + "' is unknown; known pruners: " + TYPES);
        }
    }

    private static Percentile percentile(String type, OptionReader o) {
        double percentile = type.equals("median") ? 50 : o.requiredNumber("percentile", 0, 100);
        return new Percentile(type, percentile,
                o.integer("n_startup_trials", DEFAULT_N_STARTUP_TRIALS, 0),
                o.integer("n_warmup_steps", DEFAULT_N_WARMUP_STEPS, 0),
                o.integer("interval_steps", DEFAULT_INTERVAL_STEPS, 1),
                o.integer("n_min_trials", DEFAULT_N_MIN_TRIALS, 1),
                o.integer("min_reports", DEFAULT_PERCENTILE_MIN_REPORTS, 0));
    }

    private static Patient patient(OptionReader o, String at, int maxEpochs) {
        if (!o.has("patience")) {
            throw new IllegalArgumentException(o.path("patience") + " is required for the patient pruner");
        }
        int patience = o.integer("patience", 0, 0);
        double minDelta = o.number("min_delta", 0, 0, Double.POSITIVE_INFINITY);
        PrunerSettings wrapped = null;
        Object w = o.raw("wrapped");
        if (w != null) {
            String wrappedPath = at + ".wrapped";
            if (!(w instanceof Map<?, ?> map)) {
                throw o.error("wrapped", "must be a pruner section such as {type: median, options: {...}}", w);
            }
            Map<String, Object> section = new LinkedHashMap<>();
            map.forEach((k, v) -> section.put(String.valueOf(k), v));
            for (String key : section.keySet()) {
                if (!key.equals("type") && !key.equals("options")) {
                    throw new IllegalArgumentException(wrappedPath + "." + key
                            + " is not a field of a pruner section; its fields are [options, type]");
                }
            }
            Object wrappedType = section.get("type");
            if (!(wrappedType instanceof String t) || t.isBlank()) {
                throw new IllegalArgumentException(wrappedPath + ".type must name a pruner, but got "
                        + OptionReader.describe(wrappedType) + "; known pruners: " + TYPES);
            }
            Object wrappedOptions = section.get("options");
            Map<String, Object> wo = new LinkedHashMap<>();
            if (wrappedOptions instanceof Map<?, ?> m) {
                m.forEach((k, v) -> wo.put(String.valueOf(k), v));
            } else if (wrappedOptions != null) {
                throw new IllegalArgumentException(wrappedPath + ".options must be a map of options, but got "
                        + OptionReader.describe(wrappedOptions));
            }
            wrapped = read(t.trim(), wo, wrappedPath, maxEpochs);
            if (!wrapped.prunes()) {
                wrapped = null;
            }
        }
        return new Patient(patience, minDelta, wrapped);
    }

    private static Threshold threshold(OptionReader o) {
        if (!o.has("lower") && !o.has("upper")) {
            throw new IllegalArgumentException(o.path("lower") + " or " + o.path("upper")
                    + " is required for the threshold pruner (either or both)");
        }
        double lower = o.number("lower", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        double upper = o.number("upper", Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        if (lower > upper) {
            throw o.error("lower", "must be <= pruner.options.upper " + OptionReader.plain(upper), o.raw("lower"));
        }
        return new Threshold(lower, upper, o.integer("n_warmup_steps", DEFAULT_N_WARMUP_STEPS, 0),
                o.integer("interval_steps", DEFAULT_INTERVAL_STEPS, 1));
    }

    private static SuccessiveHalving successiveHalving(OptionReader o, int maxEpochs) {
        boolean auto = !o.has("min_resource") || "auto".equals(o.raw("min_resource"));
        // Known before any trial completes (Optuna waits for the first to complete).
        int minResource = auto ? Math.max((maxEpochs + AUTO_MIN_RESOURCE_DIVISOR - 1) / AUTO_MIN_RESOURCE_DIVISOR, 1)
                : resource(o, "min_resource");
        return new SuccessiveHalving(minResource, auto, o.integer("reduction_factor", 4, 2),
                o.integer("min_early_stopping_rate", 0, 0), o.integer("bootstrap_count", 0, 0),
                o.integer("min_reports", DEFAULT_SHA_MIN_REPORTS, 0));
    }

    private static Hyperband hyperband(OptionReader o, int maxEpochs) {
        int minResource = o.integer("min_resource", 1, 1);
        boolean auto = !o.has("max_resource") || "auto".equals(o.raw("max_resource"));
        int maxResource = auto ? maxEpochs : resource(o, "max_resource");
        if (maxResource < minResource) {
            throw auto
                    ? new IllegalArgumentException(o.path("max_resource") + " of the hyperband pruner is 'auto', the objective's"
                            + " max_epochs " + maxEpochs + ", which must be >= " + o.path("min_resource") + " " + minResource)
                    : o.error("max_resource", "must be >= " + o.path("min_resource") + " " + minResource, o.raw("max_resource"));
        }
        return new Hyperband(minResource, maxResource, auto, o.integer("reduction_factor", 3, 2),
                o.integer("bootstrap_count", 0, 0), o.integer("min_reports", DEFAULT_HYPERBAND_MIN_REPORTS, 0));
    }

    /** A resource option: an integer >= 1 or "auto" (handled by the caller). */
    private static int resource(OptionReader o, String name) {
        Object v = o.raw(name);
        Integer i = OptionReader.asInt(v);
        if (i == null) {
            throw o.error(name, "must be an integer >= 1 or \"auto\"", v);
        }
        if (i < 1) {
            throw o.error(name, "must be an integer >= 1 or \"auto\"", v);
        }
        return i;
    }
}
