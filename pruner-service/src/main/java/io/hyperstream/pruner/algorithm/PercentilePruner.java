package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Optuna's {@code PercentilePruner}: prunes a trial whose best value so far is worse than the
 * given percentile of the completed trials' values at the same step. Nothing is pruned while
 * fewer than {@code nStartupTrials} trials are complete, before {@code nWarmupSteps}, off the
 * {@code intervalSteps} grid, or with fewer than {@code nMinTrials} values at the step. With
 * percentile 50 it is the median pruner.
 */
public final class PercentilePruner implements Pruner {

    private final double percentile;
    private final int nStartupTrials;
    private final int nWarmupSteps;
    private final int intervalSteps;
    private final int nMinTrials;

    public PercentilePruner(double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], but got " + percentile);
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

    /** Optuna's {@code MedianPruner}: the 50th percentile. */
    public static PercentilePruner median(int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
        return new PercentilePruner(50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    @Override
    public Verdict decide(PrunerStudy study, TrialRecord trial, int step) {
        List<TrialRecord> completed = study.trials(TrialState.COMPLETE);
        if (completed.size() < nStartupTrials) {
            return Verdict.keep("start-up: " + completed.size() + " of " + nStartupTrials + " trials complete");
        }
        if (step < nWarmupSteps) {
            return Verdict.keep("warm-up: step " + step + " < n_warmup_steps " + nWarmupSteps);
        }
        if ((step - nWarmupSteps) % intervalSteps != 0) {
            return Verdict.keep("step " + step + " is off the interval of " + intervalSteps + " steps");
        }
        Direction direction = study.direction();
        double best = bestSoFar(trial, step, direction);
        if (Double.isNaN(best)) {
            return Verdict.stop("the trial reported NaN");
        }
        double[] others = completed.stream()
                .filter(t -> t.number() != trial.number())
                .map(t -> t.intermediateValues().get(step))
                .filter(v -> v != null && !Double.isNaN(v))
                .mapToDouble(Double::doubleValue)
                .toArray();
        if (others.length < nMinTrials) {
            return Verdict.keep(others.length + " completed trials reported step " + step
                    + ", fewer than n_min_trials " + nMinTrials);
        }
        // For maximization the tail to cut is the low one: the (100 - p)th percentile.
        double p = direction == Direction.MINIMIZE ? percentile : 100 - percentile;
        double threshold = percentile(others, p);
        String summary = "best value " + format(best) + " so far at step " + step + " against the "
                + (percentile == 50 ? "median" : format(percentile) + "th percentile") + " " + format(threshold)
                + " of " + others.length + " completed trials";
        return direction.isBetter(threshold, best) ? Verdict.stop(summary) : Verdict.keep(summary);
    }

    /** Six significant digits, without trailing zeros. */
    private static String format(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toPlainString();
    }

    /** The trial's best value over the steps it reported up to {@code step}. */
    private static double bestSoFar(TrialRecord trial, int step, Direction direction) {
        double best = Double.NaN;
        for (var e : trial.intermediateValues().headMap(step + 1).entrySet()) {
            double v = e.getValue();
            if (Double.isNaN(v)) {
                continue;
            }
            best = Double.isNaN(best) || direction.isBetter(v, best) ? v : best;
        }
        return best;
    }

    /** The p-th percentile with linear interpolation between order statistics (numpy's default). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }
}
