package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.pruner.PrunerSettings;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Optuna 3.1's {@code PercentilePruner}, concurrency-aware: prunes a trial whose best intermediate
 * value so far is worse than the given percentile of the other trials' values at the same step.
 *
 * <p>Optuna takes its evidence from completed trials only and waits for {@code n_startup_trials}
 * of them, so with parallel workers it prunes nothing until several trials have finished, and then
 * judges a step on as little as one completed trial's value. Here ({@link Evidence#ALL_REPORTS},
 * the default) the reports of the running trials count as well as those of the completed ones
 * (pruned and failed trials stay out, as in Optuna); the trials numbered below
 * {@code n_startup_trials} are never pruned (under sequential
 * execution these are exactly the trials Optuna lets finish first); and a step is judged only
 * once at least {@code min_reports} other trials (and {@code n_min_trials}, Optuna's count) have
 * reported it. {@link Evidence#COMPLETED_TRIALS} is Optuna's rule, kept to check this class
 * against Optuna's own verdicts.
 *
 * <p>Nothing is pruned before step {@code n_warmup_steps}, or at a step that is not the trial's
 * first report in its {@code interval_steps} window. A trial that reported only NaN is pruned; a
 * NaN after finite values is judged by the best finite value (both as in Optuna).
 */
public class PercentilePruner implements Pruner {

    /** Which reports count as evidence at a step, and what start-up means. */
    public enum Evidence {
        /** Optuna 3.1: completed trials' reports; start-up until n_startup_trials trials are complete. */
        COMPLETED_TRIALS,
        /** Running and completed trials' reports; start-up for the trials numbered below n_startup_trials. */
        ALL_REPORTS
    }

    private final String name;
    private final double percentile;
    private final int nStartupTrials;
    private final int nWarmupSteps;
    private final int intervalSteps;
    private final int nMinTrials;
    private final int minReports;
    private final Evidence evidence;

    /** A concurrency-aware pruner from checked settings. */
    public PercentilePruner(PrunerSettings.Percentile s) {
        this(s.type(), s.percentile(), s.nStartupTrials(), s.nWarmupSteps(), s.intervalSteps(), s.nMinTrials(),
                s.minReports(), Evidence.ALL_REPORTS);
    }

    /** A concurrency-aware pruner with the given options. */
    public PercentilePruner(double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials,
                            int minReports) {
        this("percentile", percentile, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials, minReports,
                Evidence.ALL_REPORTS);
    }

    /** Exactly Optuna 3.1's pruner (completed trials only, no min_reports). */
    public static PercentilePruner optuna(double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps,
                                          int nMinTrials) {
        return new PercentilePruner("percentile", percentile, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials, 0,
                Evidence.COMPLETED_TRIALS);
    }

    PercentilePruner(String name, double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps,
                     int nMinTrials, int minReports, Evidence evidence) {
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
        if (minReports < 0) {
            throw new IllegalArgumentException("min_reports must be >= 0, but got " + minReports);
        }
        this.name = name;
        this.percentile = percentile;
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
        this.nMinTrials = nMinTrials;
        this.minReports = minReports;
        this.evidence = evidence;
    }

    @Override
    public Verdict prune(StudyView study, TrialView trial) {
        boolean optuna = evidence == Evidence.COMPLETED_TRIALS;
        List<TrialView> pool = optuna ? study.trials(TrialState.COMPLETE) : others(study, trial);
        if (optuna) {
            if (pool.isEmpty()) {
                return Verdict.keep("start-up: no trial is complete yet");
            }
            if (pool.size() < nStartupTrials) {
                return Verdict.keep("start-up: " + pool.size() + " of n_startup_trials " + nStartupTrials
                        + " trials complete");
            }
        } else if (trial.number() < nStartupTrials) {
            return Verdict.keep("start-up: trial " + trial.number() + " is one of the first n_startup_trials "
                    + nStartupTrials + ", which are never pruned");
        }
        OptionalInt lastStep = trial.lastStep();
        if (lastStep.isEmpty()) {
            return Verdict.keep("no intermediate value reported yet");
        }
        int step = lastStep.getAsInt();
        if (step < nWarmupSteps) {
            return Verdict.keep("warm-up: step " + step + " < n_warmup_steps " + nWarmupSteps);
        }
        if (!Steps.isFirstInInterval(step, trial.intermediateValues().keySet(), nWarmupSteps, intervalSteps)) {
            return Verdict.keep("step " + step + " is not the trial's first report in its pruning interval"
                    + " (n_warmup_steps " + nWarmupSteps + ", interval_steps " + intervalSteps + ")");
        }
        Direction direction = study.direction();
        double best = Steps.bestValue(trial, direction);
        if (Double.isNaN(best)) {
            return Verdict.stop("every value reported up to step " + step + " is NaN");
        }
        // As in Optuna, NaN reports count towards the minimum number of reports but not into the percentile.
        List<Double> atStep = new ArrayList<>();
        for (TrialView t : pool) {
            Double v = t.intermediateValues().get(step);
            if (v != null) {
                atStep.add(v);
            }
        }
        String whose = optuna ? "completed trials" : "other trials";
        if (atStep.size() < nMinTrials) {
            return Verdict.keep(atStep.size() + " " + whose + " reported step " + step + ", fewer than n_min_trials "
                    + nMinTrials);
        }
        if (atStep.size() < minReports) {
            return Verdict.keep(atStep.size() + " " + whose + " reported step " + step + ", fewer than min_reports "
                    + minReports);
        }
        double[] finite = atStep.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        // Maximizing cuts the low tail: the (100 - p)th percentile.
        double effective = direction == Direction.MAXIMIZE ? 100 - percentile : percentile;
        double threshold = finite.length == 0 ? Double.NaN : percentile(finite, effective);
        if (Double.isNaN(threshold)) {
            return Verdict.keep("the " + label(effective) + " of the " + whose + " at step " + step
                    + " is undefined (their values there: " + atStep + ")");
        }
        boolean worse = direction == Direction.MAXIMIZE ? best < threshold : best > threshold;
        return new Verdict(worse, "best value " + Steps.format(best) + " up to step " + step + " is "
                + (worse ? "worse than" : "not worse than") + " the " + label(effective) + " " + Steps.format(threshold)
                + " of " + finite.length + " " + whose + " at that step (" + direction.jsonName() + ")");
    }

    /** Every trial but {@code trial} that is still running or has completed. */
    static List<TrialView> others(StudyView study, TrialView trial) {
        List<TrialView> others = new ArrayList<>(study.trials().size());
        for (TrialView t : study.trials()) {
            if (t.number() != trial.number() && t.state() != TrialState.PRUNED && t.state() != TrialState.FAIL) {
                others.add(t);
            }
        }
        return others;
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
        String text = Steps.format(v);
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

    @Override
    public String toString() {
        return name + "(percentile=" + Steps.format(percentile) + ", n_startup_trials=" + nStartupTrials
                + ", n_warmup_steps=" + nWarmupSteps + ", interval_steps=" + intervalSteps
                + ", n_min_trials=" + nMinTrials + ", min_reports=" + minReports
                + (evidence == Evidence.COMPLETED_TRIALS ? ", completed trials only" : "") + ")";
    }
}
