package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Optuna 3.1's {@code PercentilePruner}: prunes a trial whose best intermediate value so far is
 * worse than the given percentile of the completed trials' values at the same step. Nothing is
 * pruned until a trial is complete and {@code nStartupTrials} are, before step
 * {@code nWarmupSteps}, at a step that is not the trial's first report in its
 * {@code intervalSteps} window, or with fewer than {@code nMinTrials} completed trials that
 * reported the step. A trial that reported only NaN is pruned.
 */
public class PercentilePruner implements Pruner {

    /** Optuna's default {@code n_startup_trials}. */
    public static final int DEFAULT_N_STARTUP_TRIALS = 5;
    /** Optuna's default {@code n_warmup_steps}. */
    public static final int DEFAULT_N_WARMUP_STEPS = 0;
    /** Optuna's default {@code interval_steps}. */
    public static final int DEFAULT_INTERVAL_STEPS = 1;
    /** Optuna's default {@code n_min_trials}. */
    public static final int DEFAULT_N_MIN_TRIALS = 1;

    private final double percentile;
    private final int nStartupTrials;
    private final int nWarmupSteps;
    private final int intervalSteps;
    private final int nMinTrials;

    /** A percentile pruner with Optuna's defaults for everything but the percentile. */
    public PercentilePruner(double percentile) {
        this(percentile, DEFAULT_N_STARTUP_TRIALS, DEFAULT_N_WARMUP_STEPS, DEFAULT_INTERVAL_STEPS, DEFAULT_N_MIN_TRIALS);
    }

    public PercentilePruner(double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100 inclusive, but got " + percentile);
        }
        if (nStartupTrials < 0) {
            throw new IllegalArgumentException("n_startup_trials must be >= 0, but got " + nStartupTrials);
        }
        if (nWarmupSteps < 0) {
            throw new IllegalArgumentException("n_warmup_steps must be >= 0, but got " + nWarmupSteps);
        }
        if (intervalSteps < 1) {
            throw new IllegalArgumentException("interval_steps must be >= 1, but got " + intervalSteps);
        }
        if (nMinTrials < 1) {
            throw new IllegalArgumentException("n_min_trials must be >= 1, but got " + nMinTrials);
        }
        this.percentile = percentile;
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
        this.nMinTrials = nMinTrials;
    }

    @Override
    public Verdict prune(StudyView study, TrialView trial) {
        List<TrialView> completed = study.trials(TrialState.COMPLETE);
        if (completed.isEmpty()) {
            return Verdict.keep("start-up: no trial is complete yet");
        }
        if (completed.size() < nStartupTrials) {
            return Verdict.keep("start-up: " + completed.size() + " of n_startup_trials " + nStartupTrials
                    + " trials complete");
        }
        OptionalInt lastStep = trial.lastStep();
        if (lastStep.isEmpty()) {
            return Verdict.keep("no intermediate value reported yet");
        }
        int step = lastStep.getAsInt();
        if (step < nWarmupSteps) {
            return Verdict.keep("warm-up: step " + step + " < n_warmup_steps " + nWarmupSteps);
        }
        if (!isFirstInInterval(step, trial.intermediateValues().keySet())) {
            return Verdict.keep("step " + step + " is not the trial's first report in its pruning interval"
                    + " (n_warmup_steps " + nWarmupSteps + ", interval_steps " + intervalSteps + ")");
        }
        Direction direction = study.direction();
        double best = bestIntermediateValue(trial, direction);
        if (Double.isNaN(best)) {
            return Verdict.stop("every value reported up to step " + step + " is NaN");
        }
        // As in Optuna, NaN reports count towards n_min_trials but not into the percentile.
        List<Double> atStep = new ArrayList<>();
        for (TrialView t : completed) {
            Double v = t.intermediateValues().get(step);
            if (v != null) {
                atStep.add(v);
            }
        }
        if (atStep.size() < nMinTrials) {
            return Verdict.keep(atStep.size() + " completed trial(s) reported step " + step
                    + ", fewer than n_min_trials " + nMinTrials);
        }
        double[] finite = atStep.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        // Maximizing cuts the low tail: the (100 - p)th percentile.
        double effective = direction == Direction.MAXIMIZE ? 100 - percentile : percentile;
        double threshold = finite.length == 0 ? Double.NaN : percentile(finite, effective);
        if (Double.isNaN(threshold)) {
            return Verdict.keep("the " + label(effective) + " of the completed trials at step " + step
                    + " is undefined (their values there: " + atStep + ")");
        }
        boolean worse = direction == Direction.MAXIMIZE ? best < threshold : best > threshold;
        return new Verdict(worse, "best value " + format(best) + " up to step " + step + " is "
                + (worse ? "worse than" : "not worse than") + " the " + label(effective) + " " + format(threshold)
                + " of " + finite.length + " completed trials at that step (" + direction.jsonName() + ")");
    }

    /**
     * Whether {@code step} is the first step the trial reported at or after the latest pruning
     * step (Optuna's {@code _is_first_in_interval_step}): a check missed because nothing was
     * reported at the pruning step itself happens at the next report.
     */
    private boolean isFirstInInterval(int step, Set<Integer> reportedSteps) {
        int nearestLowerPruningStep = (step - nWarmupSteps) / intervalSteps * intervalSteps + nWarmupSteps;
        int secondLastStep = -1;
        for (int s : reportedSteps) {
            if (s > secondLastStep && s != step) {
                secondLastStep = s;
            }
        }
        return secondLastStep < nearestLowerPruningStep;
    }

    /** The trial's best reported value, ignoring NaN (NaN if every value is NaN). */
    private static double bestIntermediateValue(TrialView trial, Direction direction) {
        double best = Double.NaN;
        for (double v : trial.intermediateValues().values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
                best = v;
            }
        }
        return best;
    }

    /**
     * The p-th percentile (0-100) of non-NaN values with numpy's default linear interpolation,
     * including its arithmetic on infinities (a percentile between an infinite and another value
     * can be NaN, as numpy's is).
     */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double virtualIndex = (n - 1) * (p / 100);
        int previous;
        int next;
        double gamma;
        if (virtualIndex >= n - 1) {
            previous = n - 1;
            next = n - 1;
            // numpy indexes the last element as -1 here, which is what its weight is computed from.
            gamma = virtualIndex + 1;
        } else {
            previous = (int) Math.floor(virtualIndex);
            next = previous + 1;
            gamma = virtualIndex - previous;
        }
        double a = sorted[previous];
        double b = sorted[next];
        double difference = b - a;
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
    }

    private static String label(double effectivePercentile) {
        return effectivePercentile == 50 ? "median" : ordinal(effectivePercentile) + " percentile";
    }

    private static String ordinal(double v) {
        String text = format(v);
        if (v != Math.rint(v)) {
            return text + "th";
        }
        long n = (long) v;
        if (n % 100 >= 11 && n % 100 <= 13) {
            return text + "th";
        }
        long last = n % 10;
        return text + (last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th");
    }

    /** Six significant digits, without trailing zeros. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(percentile=" + format(percentile) + ", n_startup_trials=" + nStartupTrials
                + ", n_warmup_steps=" + nWarmupSteps + ", interval_steps=" + intervalSteps
                + ", n_min_trials=" + nMinTrials + ")";
    }
}
