package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.pruner.PrunerSettings;

/** Optuna's {@code MedianPruner}: a {@link PercentilePruner} at the 50th percentile. */
public final class MedianPruner extends PercentilePruner {

    /** A median pruner with Optuna's defaults and the default {@code min_reports}. */
    public MedianPruner() {
        this(PrunerSettings.DEFAULT_N_STARTUP_TRIALS, PrunerSettings.DEFAULT_N_WARMUP_STEPS,
                PrunerSettings.DEFAULT_INTERVAL_STEPS, PrunerSettings.DEFAULT_N_MIN_TRIALS,
                PrunerSettings.DEFAULT_PERCENTILE_MIN_REPORTS);
    }

    public MedianPruner(int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials, int minReports) {
        super("median", 50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials, minReports, Evidence.ALL_REPORTS);
    }
}
