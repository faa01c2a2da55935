package io.hyperstream.pruner.algorithm;

/** Optuna's {@code MedianPruner}: a {@link PercentilePruner} at the 50th percentile. */
public final class MedianPruner extends PercentilePruner {

    /** A median pruner with Optuna's defaults. */
    public MedianPruner() {
        this(DEFAULT_N_STARTUP_TRIALS, DEFAULT_N_WARMUP_STEPS, DEFAULT_INTERVAL_STEPS, DEFAULT_N_MIN_TRIALS);
    }

    public MedianPruner(int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
        super(50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }
}
