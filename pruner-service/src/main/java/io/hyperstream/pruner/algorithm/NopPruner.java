package io.hyperstream.pruner.algorithm;

/** Never prunes (Optuna's {@code NopPruner}). */
public final class NopPruner implements Pruner {

    @Override
    public Verdict decide(PrunerStudy study, TrialRecord trial, int step) {
        return Verdict.keep("pruning is off for this study");
    }
}
