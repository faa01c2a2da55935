package io.hyperstream.pruner.algorithm;

import java.util.OptionalInt;

/**
 * Optuna's {@code ThresholdPruner}: prunes a trial whose latest value is below {@code lower},
 * above {@code upper} or NaN, after {@code nWarmupSteps} and at the first report of each
 * {@code intervalSteps} window. The bounds are absolute, whatever the study's direction.
 */
public final class ThresholdPruner implements Pruner {

    private final double lower;
    private final double upper;
    private final int nWarmupSteps;
    private final int intervalSteps;

    /** @param lower and {@code upper}: use infinities for a bound not given */
    public ThresholdPruner(double lower, double upper, int nWarmupSteps, int intervalSteps) {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("lower <= upper must hold, but got lower=" + lower + ", upper=" + upper);
        }
        if (nWarmupSteps < 0) {
            throw new IllegalArgumentException("n_warmup_steps must be >= 0, but got " + nWarmupSteps);
        }
        if (intervalSteps < 1) {
            throw new IllegalArgumentException("interval_steps must be >= 1, but got " + intervalSteps);
        }
        this.lower = lower;
        this.upper = upper;
        this.nWarmupSteps = nWarmupSteps;
        this.intervalSteps = intervalSteps;
    }

    @Override
    public Verdict prune(StudyView study, TrialView trial) {
        OptionalInt last = trial.lastStep();
        if (last.isEmpty()) {
            return Verdict.keep("no intermediate value reported yet");
        }
        int step = last.getAsInt();
        if (step < nWarmupSteps) {
            return Verdict.keep("warm-up: step " + step + " < n_warmup_steps " + nWarmupSteps);
        }
        if (!Steps.isFirstInInterval(step, trial.intermediateValues().keySet(), nWarmupSteps, intervalSteps)) {
            return Verdict.keep("step " + step + " is not the trial's first report in its pruning interval"
                    + " (n_warmup_steps " + nWarmupSteps + ", interval_steps " + intervalSteps + ")");
        }
        double value = trial.intermediateValues().get(step);
        if (Double.isNaN(value)) {
            return Verdict.stop("value at step " + step + " is NaN");
        }
        if (value < lower) {
            return Verdict.stop("value " + Steps.format(value) + " at step " + step + " is below lower " + Steps.format(lower));
        }
        if (value > upper) {
            return Verdict.stop("value " + Steps.format(value) + " at step " + step + " is above upper " + Steps.format(upper));
        }
        return Verdict.keep("value " + Steps.format(value) + " at step " + step + " is within [" + Steps.format(lower) + ", "
                + Steps.format(upper) + "]");
    }

    @Override
    public String toString() {
        return "threshold(lower=" + Steps.format(lower) + ", upper=" + Steps.format(upper) + ", n_warmup_steps="
                + nWarmupSteps + ", interval_steps=" + intervalSteps + ")";
    }
}
